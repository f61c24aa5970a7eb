import { AccountRole } from '@mediation/shared';

/** Where each role starts after signing in (and at `/`): the page of its daily work. */
export const ACCOUNT_HOME: { readonly [R in AccountRole]: string } = {
  [AccountRole.mediator]: '/cases',
  [AccountRole.staff]: '/archive',
  [AccountRole.administrator]: '/admin',
};

export interface NavigationLink {
  path: string;
  /** Its label's key under `organisation.nav`. */
  label: 'cases' | 'archive' | 'statistics' | 'administration' | 'apiDocs';
}

/** The header's links for each role: the pages that role works in. */
export const NAVIGATION: { readonly [R in AccountRole]: readonly NavigationLink[] } = {
  [AccountRole.mediator]: [{ path: '/cases', label: 'cases' }],
  [AccountRole.staff]: [
    { path: '/archive', label: 'archive' },
    { path: '/statistics', label: 'statistics' },
  ],
  [AccountRole.administrator]: [
    { path: '/archive', label: 'archive' },
    { path: '/statistics', label: 'statistics' },
    { path: '/admin', label: 'administration' },
    { path: '/api-docs', label: 'apiDocs' },
  ],
};

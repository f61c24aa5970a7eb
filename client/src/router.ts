import type { AccountRole } from '@mediation/shared';
import { createRouter, createWebHistory } from 'vue-router';
import { ACCOUNT_HOME } from './organisation/account-navigation';
import { useAccountStore } from './stores/account-store';

declare module 'vue-router' {
  interface RouteMeta {
    /** Only a signed-in account may open the page. */
    requiresAccount?: boolean;
    /** Only accounts of these roles open the page; any other is sent to its own home page. */
    roles?: readonly AccountRole[];
  }
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    // Each account starts at its role's home (the guard below makes sure someone is signed in).
    {
      path: '/',
      name: 'home',
      component: () => import('./views/NotFoundView.vue'),
      meta: { requiresAccount: true },
      beforeEnter: () => ACCOUNT_HOME[useAccountStore().account!.role],
    },
    { path: '/sign-in', name: 'sign-in', component: () => import('./views/SignInView.vue') },
    {
      path: '/cases',
      name: 'cases',
      component: () => import('./views/CasesView.vue'),
      meta: { requiresAccount: true, roles: ['mediator'] },
    },
    {
      path: '/admin',
      name: 'admin',
      component: () => import('./views/AdminView.vue'),
      meta: { requiresAccount: true, roles: ['administrator'] },
    },
    {
      path: '/archive',
      name: 'archive',
      component: () => import('./views/ArchiveView.vue'),
      meta: { requiresAccount: true, roles: ['staff', 'administrator'] },
    },
    {
      path: '/archive/:caseId',
      name: 'archive-case',
      component: () => import('./views/ArchiveCaseView.vue'),
      props: true,
      meta: { requiresAccount: true, roles: ['staff', 'administrator'] },
    },
    {
      path: '/statistics',
      name: 'statistics',
      component: () => import('./views/StatisticsView.vue'),
      meta: { requiresAccount: true, roles: ['staff', 'administrator'] },
    },
    { path: '/join/:roomId', name: 'join', component: () => import('./views/JoinView.vue'), props: true },
    // Public: anyone holding a signed PDF, or its QR code, checks it here without signing in.
    { path: '/verify/:documentNumber?', name: 'verify', component: () => import('./views/VerifyView.vue'), props: true },
    // Public: the API for other platforms, described for their developers.
    { path: '/api-docs', name: 'api-docs', component: () => import('./views/ApiDocsView.vue') },
    { path: '/:unknown(.*)*', name: 'not-found', component: () => import('./views/NotFoundView.vue') },
  ],
});

router.beforeEach(async (to) => {
  if (!to.meta.requiresAccount) return true;
  const account = useAccountStore();
  const signIn = { name: 'sign-in', query: { redirect: to.fullPath } };
  try {
    await account.ensureChecked();
  } catch (error) {
    // The server cannot say who is signed in (unreachable); signing in will show why.
    console.error('session check failed', error);
    return signIn;
  }
  if (!account.account) return signIn;
  const home = ACCOUNT_HOME[account.account.role];
  if (to.meta.roles && !to.meta.roles.includes(account.account.role) && to.path !== home) return home;
  return true;
});

import type { AccountInfo, SignInRequest } from '@mediation/shared';
import { requestJson } from './request-json';

export function signIn(credentials: SignInRequest): Promise<AccountInfo> {
  return requestJson<AccountInfo>('/api/auth/sign-in', { method: 'POST', body: credentials });
}

export function signOut(): Promise<void> {
  return requestJson<void>('/api/auth/sign-out', { method: 'POST' });
}

export function fetchCurrentAccount(): Promise<AccountInfo> {
  return requestJson<AccountInfo>('/api/auth/me');
}

import { defineRoutes } from '../api-route.js';
import { AccountInfo, SignInRequest } from '../auth.js';

const TAG = 'Sign-in';

/**
 * Signing in and out of an account. A session is a cookie for browsers; the same token as
 * Bearer serves scripts. Nothing here tells whether an account exists.
 */
export const authRoutes = defineRoutes({
  signIn: {
    method: 'post',
    path: '/api/auth/sign-in',
    summary: 'Signs an account in: sets the session cookie and answers who it is',
    description:
      'An unknown email and a wrong password get the same answer (INVALID_CREDENTIALS). Attempts are throttled per account and address, and per known device (RATE_LIMITED).',
    tag: TAG,
    auth: 'none',
    body: SignInRequest,
    response: AccountInfo,
  },
  signOut: {
    method: 'post',
    path: '/api/auth/sign-out',
    summary: 'Ends the session on the server, so the token stops working wherever a copy of it is',
    tag: TAG,
    auth: 'none',
  },
  currentAccount: {
    method: 'get',
    path: '/api/auth/me',
    summary: 'The signed-in account',
    tag: TAG,
    auth: 'account',
    response: AccountInfo,
  },
});

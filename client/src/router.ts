import { createRouter, createWebHistory } from 'vue-router';
import { useAccountStore } from './stores/account-store';

declare module 'vue-router' {
  interface RouteMeta {
    /** Only a signed-in mediator may open the page. */
    requiresAccount?: boolean;
  }
}

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', redirect: '/cases' },
    { path: '/sign-in', name: 'sign-in', component: () => import('./views/SignInView.vue') },
    {
      path: '/cases',
      name: 'cases',
      component: () => import('./views/CasesView.vue'),
      meta: { requiresAccount: true },
    },
    {
      path: '/statistics',
      name: 'statistics',
      component: () => import('./views/StatisticsView.vue'),
      meta: { requiresAccount: true },
    },
    { path: '/join/:roomId', name: 'join', component: () => import('./views/JoinView.vue'), props: true },
    // Public: anyone holding a signed PDF, or its QR code, checks it here without signing in.
    { path: '/verify/:documentNumber?', name: 'verify', component: () => import('./views/VerifyView.vue'), props: true },
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
  return account.isSignedIn ? true : signIn;
});

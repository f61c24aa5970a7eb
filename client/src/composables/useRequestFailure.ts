import { ErrorCode } from '@mediation/shared';
import { useRoute, useRouter } from 'vue-router';
import { errorCodeOf, type AnyErrorCode } from '../errors/coded-error';
import { useAccountStore } from '../stores/account-store';

/**
 * The code to show for a failed request of a signed-in page, or null when the session has
 * ended: then the person is sent to sign in, and back here afterwards.
 */
export function useRequestFailure() {
  const account = useAccountStore();
  const route = useRoute();
  const router = useRouter();
  return async (error: unknown): Promise<AnyErrorCode | null> => {
    const code = errorCodeOf(error);
    if (code !== ErrorCode.unauthenticated) return code;
    account.forget();
    await router.replace({ name: 'sign-in', query: { redirect: route.fullPath } });
    return null;
  };
}

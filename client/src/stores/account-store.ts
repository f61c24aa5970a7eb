import { ErrorCode, type AccountInfo, type SignInRequest } from '@mediation/shared';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { fetchCurrentAccount, signIn as requestSignIn, signOut as requestSignOut } from '../api/auth-api';
import { CodedError } from '../errors/coded-error';

/** The signed-in mediator, known once the session cookie has been checked with the server. */
export const useAccountStore = defineStore('account', () => {
  const account = ref<AccountInfo | null>(null);
  const checked = ref(false);
  const isSignedIn = computed(() => account.value !== null);

  /** Asks the server once whether the session cookie is valid; later calls reuse the answer. */
  async function ensureChecked(): Promise<void> {
    if (checked.value) return;
    try {
      account.value = await fetchCurrentAccount();
    } catch (error) {
      if (!(error instanceof CodedError && error.code === ErrorCode.unauthenticated)) throw error;
      account.value = null;
    }
    checked.value = true;
  }

  async function signIn(credentials: SignInRequest): Promise<void> {
    account.value = await requestSignIn(credentials);
    checked.value = true;
  }

  async function signOut(): Promise<void> {
    await requestSignOut();
    forget();
  }

  /** The server said the session is gone (e.g. expired): the next guarded page asks again. */
  function forget(): void {
    account.value = null;
    checked.value = false;
  }

  return { account, isSignedIn, ensureChecked, signIn, signOut, forget };
});

import { isParty, isRequiredSigner, ParticipantAction, Role, roleMay, type AgreementLanguage, type FreezeChecklistItem, type SigningState } from '@mediation/shared';
import { defineStore } from 'pinia';
import { computed, ref, watch } from 'vue';
import { downloadIssuedAgreement } from '../api/agreement-api';
import { ClientErrorCode } from '../errors/client-error-codes';
import { CodedError, errorCodeOf, type AnyErrorCode } from '../errors/coded-error';
import { buildSignRequest } from '../signing/build-sign-request';
import { indexedDbSignerKeys } from '../signing/indexed-db-signer-keys';
import { saveBlob } from '../signing/save-blob';
import { memorySignerKeyStore, signerKeyPair, type SignerKeyStore } from '../signing/signer-key-pair';
import type { IdentityAttestation, SigningMember, SigningSession, SigningSessionEvents } from '../signing/signing-session';
import { useDraftingStore } from './drafting-store';

/** What the signer gives on the signing screen; the rest of the request comes from the room. */
export interface SignatureInput {
  typedName: string;
  /** The drawing as PNG bytes, or how to make them once the signer presses Sign. */
  signatureImage: () => Promise<Uint8Array>;
  /** The agreement's own language: the consent statement signed is in it. */
  language: AgreementLanguage;
}

/** A request on its way, so the screen can say so and not send it twice. */
export type SigningAction = 'freeze' | 'unfreeze' | 'attest' | 'consent' | 'sign' | 'download';

/**
 * Signing as the room shows it (SIGNING.md): the frozen version, who has signed, the issued
 * document, and this participant's own steps. It also locks the agreement's editors while the
 * agreement is frozen or issued.
 */
export const useSigningStore = defineStore('signing', () => {
  const member = ref<SigningMember | null>(null);
  const state = ref<SigningState | null>(null);
  const problem = ref<AnyErrorCode | null>(null);
  const pending = ref<SigningAction | null>(null);
  /** The acknowledged signature of this page's signer: "signed" is said only once the server has answered. */
  const acknowledged = ref<{ version: number; agreementHash: string; signedAt: string } | null>(null);
  const drafting = useDraftingStore();
  let session: SigningSession | null = null;
  let joinToken: string | null = null;
  let unsubscribe: (() => void)[] = [];
  let keyStore: SignerKeyStore | null = null;
  const pageKeys = memorySignerKeyStore();

  const frozen = computed(() => state.value?.frozen ?? null);
  const issued = computed(() => state.value?.issued ?? null);
  /** Why the signed agreement could not be issued, if it could not. */
  const issueFailure = computed(() => state.value?.issueFailure ?? null);
  const signers = computed(() => state.value?.signers ?? []);
  const self = computed(() => member.value?.self ?? null);
  const isMediator = computed(() => self.value?.role === Role.mediator);
  const isSigner = computed(() => self.value !== null && isRequiredSigner(self.value.role));
  const mayDownload = computed(() => self.value !== null && roleMay(self.value.role, ParticipantAction.downloadAgreement));
  const ownSigner = computed(() => signers.value.find((signer) => signer.participantId === self.value?.id) ?? null);
  const hasConsented = computed(() => ownSigner.value?.state === 'consented' || ownSigner.value?.state === 'signed');
  /** The mediator signs last: until every party has, the server answers SIGNING_OUT_OF_ORDER. */
  const waitsForParties = computed(
    () => isMediator.value && signers.value.some((signer) => isParty(signer.role) && signer.state !== 'signed'),
  );
  const ownSignedAt = computed(() => {
    const current = frozen.value;
    if (acknowledged.value && current && acknowledged.value.agreementHash === current.agreementHash) return acknowledged.value.signedAt;
    // After a reload no acknowledgement is at hand: the server's record is what counts then.
    if (pending.value !== 'sign' && ownSigner.value?.state === 'signed') return ownSigner.value.signedAt;
    return null;
  });
  const agreementLocked = computed(() => frozen.value !== null || issued.value !== null);

  watch(agreementLocked, (locked) => drafting.setAgreementLocked(locked), { immediate: true });
  // A new freeze is a new version: what was acknowledged for the old one says nothing of it.
  watch(
    () => frozen.value?.agreementHash,
    () => {
      if (acknowledged.value?.agreementHash !== frozen.value?.agreementHash) acknowledged.value = null;
    },
  );

  /** Follows a room's signing session; called as the room client is created, with the join link's token. */
  function attach(next: SigningSession, token: string): void {
    detach();
    session = next;
    joinToken = token;
    listen(next, 'member', (welcomed) => {
      member.value = welcomed;
    });
    listen(next, 'state', (pushed) => {
      state.value = pushed;
    });
  }

  function detach(): void {
    unsubscribe.forEach((stop) => stop());
    unsubscribe = [];
    session = null;
    joinToken = null;
    member.value = null;
    state.value = null;
    problem.value = null;
    pending.value = null;
    acknowledged.value = null;
  }

  function listen<E extends keyof SigningSessionEvents>(target: SigningSession, event: E, handler: SigningSessionEvents[E]): void {
    target.on(event, handler);
    unsubscribe.push(() => target.off(event, handler));
  }

  /** Runs one request at a time; a refusal is kept as the signing problem and yields null. */
  async function attempt<T>(action: SigningAction, task: (current: SigningSession) => Promise<T>): Promise<T | null> {
    if (!session || pending.value) return null;
    pending.value = action;
    problem.value = null;
    try {
      return await task(session);
    } catch (error) {
      if (!(error instanceof CodedError)) console.error(`signing: ${action} failed`, error);
      problem.value = errorCodeOf(error);
      return null;
    } finally {
      pending.value = null;
    }
  }

  async function freeze(overrideReason?: string): Promise<boolean> {
    return (await attempt('freeze', (current) => current.freeze(overrideReason))) !== null;
  }

  /** What is still open before freezing, or null when it could not be read (the problem says why). */
  async function checkBeforeFreeze(): Promise<FreezeChecklistItem[] | null> {
    return (await attempt('freeze', (current) => current.checkBeforeFreeze()))?.items ?? null;
  }

  async function unfreeze(): Promise<boolean> {
    return (await attempt('unfreeze', (current) => current.unfreeze())) !== null;
  }

  async function attestIdentity(attestation: IdentityAttestation): Promise<boolean> {
    return (await attempt('attest', (current) => current.attestIdentity(attestation))) !== null;
  }

  async function consent(): Promise<boolean> {
    const version = frozen.value;
    if (!version) return false;
    return (await attempt('consent', (current) => current.consent(version))) !== null;
  }

  async function sign(input: SignatureInput): Promise<boolean> {
    const version = frozen.value;
    const signing = member.value;
    if (!version || !signing) return false;
    const result = await attempt('sign', async (current) => {
      const [keys, signatureImage] = await Promise.all([ownKeyPair(signing.self.id), locally(input.signatureImage)]);
      const request = await locally(() =>
        buildSignRequest({
          caseId: signing.caseId,
          frozen: version,
          language: input.language,
          signer: { participantId: signing.self.id, name: signing.self.displayName, role: signing.self.role },
          typedName: input.typedName,
          signatureImage,
          keys,
        }),
      );
      return current.sign(request);
    });
    if (result) acknowledged.value = { version: version.version, agreementHash: version.agreementHash, signedAt: result.signedAt };
    return result !== null;
  }

  /** Saves this participant's copy of the issued PDF as `<document number>.pdf`. */
  async function download(): Promise<boolean> {
    const document = issued.value;
    const caseId = member.value?.caseId;
    const token = joinToken;
    if (!document || !caseId || !token) return false;
    const saved = await attempt('download', async () => {
      saveBlob(await downloadIssuedAgreement(caseId, token), `${document.documentNumber}.pdf`);
      return true;
    });
    return saved !== null;
  }

  /**
   * The participant's key in this browser. Where IndexedDB cannot be used (some private
   * modes) the key lasts for this page only: signing still works, with a new key next visit.
   */
  async function ownKeyPair(participantId: string): Promise<CryptoKeyPair> {
    try {
      return await signerKeyPair(participantId, (keyStore ??= indexedDbSignerKeys()));
    } catch (error) {
      console.warn('the signing key cannot be kept in IndexedDB; using one for this page only', error);
      return locally(() => signerKeyPair(participantId, pageKeys));
    }
  }

  function dismissProblem(): void {
    problem.value = null;
  }

  return {
    member,
    state,
    problem,
    pending,
    frozen,
    issued,
    issueFailure,
    signers,
    self,
    isMediator,
    isSigner,
    mayDownload,
    ownSigner,
    hasConsented,
    waitsForParties,
    ownSignedAt,
    agreementLocked,
    attach,
    detach,
    freeze,
    checkBeforeFreeze,
    unfreeze,
    attestIdentity,
    consent,
    sign,
    download,
    dismissProblem,
  };
});

/** A step done in this browser (key, drawing, signature): its failure is this device's, not the server's. */
async function locally<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    console.error('signing in this browser failed', error);
    throw new CodedError(ClientErrorCode.signingFailed, error instanceof Error ? error.message : String(error));
  }
}

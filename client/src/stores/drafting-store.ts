import {
  ParticipantAction,
  roleMay,
  mayEdit,
  Role,
  type AgreementLanguage,
  type AgreementVersionSummary,
  type ClauseMark,
  type ClauseMarkKind,
  type DisputeCategory,
  type CaseDocument,
  type CaucusNotesDocument,
  type CaucusNotesSummary,
  CASE_DOCUMENTS,
  DraftDocument,
} from '@mediation/shared';
import { defineStore } from 'pinia';
import { computed, markRaw, ref, shallowRef } from 'vue';
import { withClauseMark } from '../drafting/clause-marks';
import type { DraftProvider, DraftStatus } from '../drafting/draft-provider';
import type { DraftingMember, DraftingSession, DraftingSessionEvents, DraftProviders } from '../drafting/drafting-session';
import { participantColor } from '../drafting/participant-color';
import { errorCodeOf, type AnyErrorCode } from '../errors/coded-error';

/** What a caret shows of its writer. */
export interface CaretUser {
  name: string;
  color: string;
}

/**
 * The case's live documents as the room shows them: the providers of the documents this
 * participant may read, their save status, who may edit, every clause mark and the saved
 * versions. The Yjs objects themselves stay out of Vue's reactivity (they are compared by
 * identity); components follow them with Yjs observers.
 */
export const useDraftingStore = defineStore('drafting', () => {
  const member = ref<DraftingMember | null>(null);
  const providers = shallowRef<DraftProviders>({});
  const statuses = ref<Partial<Record<DraftDocument, DraftStatus>>>({});
  /** Documents in step with the server at least once: their editors may be shown. */
  const synced = ref<Partial<Record<DraftDocument, boolean>>>({});
  const partiesMayEdit = ref(false);
  /** The case's dispute category, as filed. */
  const caseCategory = ref<DisputeCategory | null>(null);
  /** Frozen for signing or issued: nobody edits the agreement (the server refuses with AGREEMENT_FROZEN). */
  const agreementLocked = ref(false);
  const marks = ref<ClauseMark[]>([]);
  const versions = ref<AgreementVersionSummary[]>([]);
  const problem = ref<AnyErrorCode | null>(null);
  let session: DraftingSession | null = null;
  let unsubscribe: (() => void)[] = [];
  let followed = new WeakSet<DraftProvider>();
  // Saved versions never change: their texts are fetched once.
  const versionTexts = new Map<string, Promise<string>>();

  /** The case's own documents this participant reads, in the order their tabs show them. */
  const documents = computed(() => CASE_DOCUMENTS.filter((document) => providers.value[document]));
  const role = computed(() => member.value?.self.role ?? null);
  const isMediator = computed(() => role.value === Role.mediator);
  /** Parties mark clauses until the agreement is frozen; then its marks stay as they were signed. */
  const mayMarkClauses = computed(() => role.value !== null && roleMay(role.value, ParticipantAction.markClause) && !agreementLocked.value);
  const caretUser = computed<CaretUser | null>(() =>
    member.value ? { name: member.value.self.displayName, color: participantColor(member.value.self.id) } : null,
  );

  function mayEditDocument(document: CaseDocument): boolean {
    if (document === DraftDocument.agreement && agreementLocked.value) return false;
    return role.value !== null && mayEdit(role.value, document, partiesMayEdit.value);
  }

  /** Follows the signing state: the signing store says when the agreement is frozen or issued. */
  function setAgreementLocked(locked: boolean): void {
    agreementLocked.value = locked;
  }

  /** Follows a room's drafting session; called as the room client is created. */
  function attach(next: DraftingSession): void {
    detach();
    session = next;
    listen(next, 'opened', (opened, openedProviders) => {
      member.value = opened;
      follow(openedProviders);
      void refreshVersions();
    });
    listen(next, 'state', (state) => {
      partiesMayEdit.value = state.partiesMayEdit;
      caseCategory.value = state.category;
      marks.value = state.marks.reduce<ClauseMark[]>(withClauseMark, []);
    });
    listen(next, 'clauseMarked', (mark) => {
      marks.value = withClauseMark(marks.value, mark);
    });
    listen(next, 'versionSaved', addVersion);
  }

  /** Forgets the room's documents; the room client destroys the providers. */
  function detach(): void {
    unsubscribe.forEach((stop) => stop());
    unsubscribe = [];
    followed = new WeakSet();
    session = null;
    member.value = null;
    providers.value = {};
    statuses.value = {};
    synced.value = {};
    partiesMayEdit.value = false;
    caseCategory.value = null;
    marks.value = [];
    versions.value = [];
    problem.value = null;
    versionTexts.clear();
  }

  function listen<E extends keyof DraftingSessionEvents>(target: DraftingSession, event: E, handler: DraftingSessionEvents[E]): void {
    target.on(event, handler);
    unsubscribe.push(() => target.off(event, handler));
  }

  /** Follows the status of providers not seen before: all at first, a reloaded document's later. */
  function follow(next: DraftProviders): void {
    providers.value = markRaw({ ...next });
    for (const [name, provider] of Object.entries(next)) {
      const document = name as DraftDocument;
      if (!provider || followed.has(provider)) continue;
      followed.add(provider);
      markRaw(provider);
      synced.value[document] = false;
      const onStatus = (status: DraftStatus) => {
        statuses.value[document] = status;
      };
      const onError = (code: AnyErrorCode) => {
        problem.value = code;
      };
      onStatus(provider.status);
      provider.on('status', onStatus);
      provider.on('error', onError);
      unsubscribe.push(() => {
        provider.off('status', onStatus);
        provider.off('error', onError);
      });
      void provider.whenSynced().then(() => {
        if (providers.value[document] === provider) synced.value[document] = true;
      });
    }
  }

  function addVersion(version: AgreementVersionSummary): void {
    versions.value = [...versions.value.filter((v) => v.id !== version.id), version].sort((a, b) => a.number - b.number);
  }

  /** Runs a request of the session; a refusal is shown as the room's problem and yields null. */
  async function attempt<T>(task: (current: DraftingSession) => Promise<T>): Promise<T | null> {
    if (!session) return null;
    try {
      return await task(session);
    } catch (error) {
      problem.value = errorCodeOf(error);
      return null;
    }
  }

  async function refreshVersions(): Promise<void> {
    const listed = await attempt((current) => current.listVersions());
    if (listed) listed.forEach(addVersion);
  }

  async function setPartyEditing(allowed: boolean): Promise<void> {
    await attempt((current) => current.setPartyEditing(allowed));
  }

  async function startAgreement(category: DisputeCategory, language: AgreementLanguage): Promise<boolean> {
    return (await attempt((current) => current.startAgreement(category, language))) !== null;
  }

  async function markClause(clauseId: string, kind: ClauseMarkKind, comment: string): Promise<boolean> {
    const mark = await attempt((current) => current.markClause(clauseId, kind, comment));
    if (mark) marks.value = withClauseMark(marks.value, mark);
    return mark !== null;
  }

  async function saveVersion(name: string): Promise<AgreementVersionSummary | null> {
    const version = await attempt((current) => current.saveVersion(name));
    if (version) addVersion(version);
    return version;
  }

  /** A saved version's plain text; null when it could not be fetched (the problem says why). */
  async function versionText(versionId: string): Promise<string | null> {
    let text = versionTexts.get(versionId);
    if (!text) {
      const current = session;
      if (!current) return null;
      text = current.getVersion(versionId).then((detail) => detail.text);
      versionTexts.set(versionId, text);
    }
    try {
      return await text;
    } catch (error) {
      versionTexts.delete(versionId);
      problem.value = errorCodeOf(error);
      return null;
    }
  }

  /** Shows the notes of one caucus (or none); the session opens and closes their providers. */
  function showCaucusNotes(document: CaucusNotesDocument | null): void {
    session?.showCaucusNotes(document);
  }

  /** Mediator: the case's caucuses with their notes; null when they could not be listed (the problem says why). */
  function listCaucusNotes(): Promise<CaucusNotesSummary[] | null> {
    return attempt((current) => current.listCaucusNotes());
  }

  function dismissProblem(): void {
    problem.value = null;
  }

  return {
    member,
    providers,
    statuses,
    synced,
    partiesMayEdit,
    caseCategory,
    agreementLocked,
    marks,
    versions,
    problem,
    documents,
    role,
    isMediator,
    mayMarkClauses,
    caretUser,
    mayEditDocument,
    setAgreementLocked,
    attach,
    detach,
    setPartyEditing,
    startAgreement,
    markClause,
    saveVersion,
    versionText,
    showCaucusNotes,
    listCaucusNotes,
    dismissProblem,
  };
});

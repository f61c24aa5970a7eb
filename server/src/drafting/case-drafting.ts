import {
  caucusNotesDocument,
  DraftDocument,
  ErrorCode,
  SerialQueue,
  type ClauseMark,
  type DraftingState,
  type ErrorBody,
  type ServerToClientEvents,
} from '@mediation/shared';
import type { AuditActor } from '../audit/audit-entry.js';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import { authorizeRead, editRefusal, readRefusal } from '../policy/policy.js';
import type { CaseWithSession, CaucusRecord, ClauseMarkRecord, FreezeRecord, ParticipantRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { CaseCaucuses } from './case-caucuses.js';
import type { DraftingMember, SendToGroup } from './drafting-member.js';
import { LiveDocument, type Refusal } from './live-document.js';

/**
 * One case while anyone of it is connected: its members, its live documents (loaded on
 * first use), and the state of its record that decides what may change: who may edit, the
 * freeze in force, whether the agreement is issued.
 *
 * Every change of that state (edit permission, template, marks, versions, freeze,
 * unfreeze, identity checks, consent, signature, issue) is decided here, one at a time
 * (`serially`): each reads the state, writes the store (which checks the condition again
 * in its transaction) and updates the state before the next begins. Members' edits of the
 * documents are not queued; they ask `editRefusal` in the turn they are applied, and a
 * freeze refuses them from the moment it begins (`freezing`).
 */
export class CaseDrafting {
  readonly members = new Set<DraftingMember>();
  private readonly documents = new Map<DraftDocument, Promise<LiveDocument>>();
  /** The documents loaded so far, to be had in the turn a message arrives. */
  private readonly loaded = new Map<DraftDocument, LiveDocument>();
  private readonly changes = new SerialQueue();
  released = false;
  private releasing: Promise<void> | null = null;
  /** The agreement being issued now, if it is. */
  issuing: Promise<void> | null = null;
  /** Why issuing the signed agreement failed last, for everyone in the room to see. */
  issueFailure: ErrorBody | null = null;
  /** A freeze has begun: from now on nobody changes the agreement. */
  freezing = false;
  /** The caucuses the case has held, which decide who reads and changes each one's notes. */
  readonly caucuses: CaseCaucuses;

  private constructor(
    readonly caseRecord: CaseWithSession,
    readonly store: Store,
    private readonly sendToGroup: SendToGroup,
    readonly logger: Logger,
    public partiesMayEdit: boolean,
    /** The agreement frozen for signing, if any: nobody edits it until it is unfrozen. */
    public frozen: FreezeRecord | null,
    /** Issued: frozen for good. */
    public issued: boolean,
    caucusRecords: readonly CaucusRecord[],
  ) {
    this.caucuses = new CaseCaucuses(caseRecord.id, store, caucusRecords, (caucusId) => this.letGoOfCaucusNotes(caucusId));
  }

  static async load(caseId: string, store: Store, sendToGroup: SendToGroup, logger: Logger): Promise<CaseDrafting> {
    const caseRecord = await store.findCase(caseId);
    if (!caseRecord) throw new AppError(ErrorCode.notFound, 'No such case.');
    const [partiesMayEdit, frozen, issued, caucuses] = await Promise.all([
      store.partiesMayEdit(caseId),
      store.currentFreeze(caseId),
      store.findIssuedAgreementOfCase(caseId),
      store.listCaucuses(caseId),
    ]);
    return new CaseDrafting(caseRecord, store, sendToGroup, logger, partiesMayEdit, frozen ?? null, issued !== undefined, caucuses);
  }

  get caseId(): string {
    return this.caseRecord.id;
  }

  /** Runs one change of the case's record after every change queued before it has settled. */
  serially<T>(change: () => Promise<T>): Promise<T> {
    return this.changes.push(change);
  }

  /** The live document, loaded on first use; only for those who may read it. */
  async document(member: DraftingMember, name: DraftDocument): Promise<LiveDocument> {
    return this.loadedDocument(member, name) ?? this.loadDocument(name);
  }

  /**
   * The live document if it is loaded, without waiting: a member's changes are applied in
   * the turn they arrive, so a change sent before a freeze (on the same connection) is in
   * the server's copy before the freeze begins.
   */
  loadedDocument(member: DraftingMember, name: DraftDocument): LiveDocument | undefined {
    authorizeRead(member, name, this.caucuses.find);
    const live = this.loaded.get(name);
    return live && !live.broken ? live : undefined;
  }

  /** Why the member may not read the document at the moment it is answered, or null when they may. */
  readRefusal(member: DraftingMember, name: DraftDocument): Refusal {
    return () => readRefusal(member, name, this.caucuses.find);
  }

  /** Why the member may not change the document at the moment they ask, or null when they may. */
  editRefusal(member: DraftingMember, name: DraftDocument): Refusal {
    return () =>
      editRefusal(member, name, this.partiesMayEdit, this.caucuses.find) ?? (name === DraftDocument.agreement ? this.agreementChangeRefusal() : null);
  }

  /** A caucus closed: whoever has its notes open and may no longer read them gets nothing more of them, carets included. */
  private letGoOfCaucusNotes(caucusId: string): void {
    const name = caucusNotesDocument(caucusId);
    const keep = (reader: DraftingMember) => readRefusal(reader, name, this.caucuses.find) === null;
    const live = this.loaded.get(name);
    if (live) live.keepReaders(keep);
    else void this.documents.get(name)?.then((loaded) => loaded.keepReaders(keep), () => undefined);
  }

  /** The agreement cannot change once a freeze begins (or it is issued). */
  agreementChangeRefusal(): AppError | null {
    if (this.issued) return new AppError(ErrorCode.agreementIssued, 'The agreement has been issued.');
    if (this.frozen || this.freezing) return new AppError(ErrorCode.agreementFrozen, 'The agreement is frozen for signing; unfreeze it first.');
    return null;
  }

  /**
   * The live document, loaded on first use. A copy that broke (a store write failed) is
   * loaded again once its writes have settled, so the new copy holds all that was stored.
   */
  loadDocument(name: DraftDocument): Promise<LiveDocument> {
    let loading = this.documents.get(name);
    if (!loading) {
      loading = LiveDocument.load(this.caseId, name, this.store, this.sendToGroup, this.logger.child({ document: name }), (broken) =>
        this.reload(name, broken),
      );
      this.track(name, loading);
    }
    return loading;
  }

  private track(name: DraftDocument, loading: Promise<LiveDocument>): void {
    this.documents.set(name, loading);
    this.loaded.delete(name);
    loading.then(
      (live) => {
        if (this.documents.get(name) === loading) this.loaded.set(name, live);
      },
      () => {
        if (this.documents.get(name) === loading) this.documents.delete(name);
      },
    );
  }

  private reload(name: DraftDocument, broken: LiveDocument): void {
    this.logger.warn({ case: this.caseId, document: name }, 'a document copy differs from the store; loading it again');
    const loading = this.documents.get(name);
    const reloaded = broken
      .settled()
      .catch(() => undefined)
      .then(() => {
        void broken.release();
        return LiveDocument.load(this.caseId, name, this.store, this.sendToGroup, this.logger.child({ document: name }), (again) =>
          this.reload(name, again),
        );
      });
    if (!loading) return;
    this.track(name, reloaded);
  }

  leave(member: DraftingMember): void {
    this.members.delete(member);
    for (const loading of this.documents.values()) void loading.then((document) => document.leave(member), () => undefined);
  }

  broadcast<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    for (const member of this.members) member.emit(event, ...args);
  }

  async state(): Promise<DraftingState> {
    const [records, participants] = await Promise.all([
      this.store.listClauseMarks(this.caseId),
      this.store.listParticipants(this.caseRecord.sessionId),
    ]);
    const byId = new Map(participants.map((p) => [p.id, p]));
    return { partiesMayEdit: this.partiesMayEdit, category: this.caseRecord.category, marks: records.map((record) => toClauseMark(record, byId.get(record.participantId))) };
  }

  participants(): Promise<ParticipantRecord[]> {
    return this.store.listParticipants(this.caseRecord.sessionId);
  }

  /**
   * Stores every document as a snapshot and frees it; the next member loads it again, once
   * this has settled (`releasing`), so that the new copy holds every write of this one.
   */
  release(): Promise<void> {
    if (!this.releasing) {
      this.released = true;
      this.releasing = this.releaseDocuments();
    }
    return this.releasing;
  }

  private async releaseDocuments(): Promise<void> {
    const documents = [...this.documents.values()];
    this.documents.clear();
    this.loaded.clear();
    for (const loading of documents) {
      try {
        await (await loading).release();
      } catch (error) {
        this.logger.error({ err: error, case: this.caseId }, 'releasing a document failed');
      }
    }
  }
}

export function auditActor(member: DraftingMember): AuditActor {
  const { participantId, name, role, ip, device } = member;
  return { participantId, name, role, ip, device };
}

export function toClauseMark(
  record: ClauseMarkRecord,
  participant: Pick<ParticipantRecord, 'displayName' | 'role'> | undefined,
): ClauseMark {
  return {
    clauseId: record.clauseId,
    participantId: record.participantId,
    participantName: participant?.displayName ?? '',
    role: participant?.role ?? 'applicant',
    mark: record.mark,
    comment: record.comment,
    clauseHash: record.clauseHash,
    at: record.at,
  };
}

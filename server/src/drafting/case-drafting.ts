import {
  DraftDocument,
  ErrorCode,
  mayEdit,
  mayRead,
  type ClauseMark,
  type DraftingState,
  type ServerToClientEvents,
} from '@mediation/shared';
import type { AuditActor } from '../audit/audit-entry.js';
import { AppError } from '../errors/app-error.js';
import type { Logger } from '../logging/logger.js';
import type { CaseWithSession, ClauseMarkRecord, FreezeRecord, ParticipantRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import type { DraftingMember, SendToGroup } from './drafting-member.js';
import { LiveDocument } from './live-document.js';

/**
 * The drafting side of one case while anyone of it is connected: its members, its live
 * documents (loaded on first use) and who may edit them.
 */
export class CaseDrafting {
  readonly members = new Set<DraftingMember>();
  private readonly documents = new Map<DraftDocument, Promise<LiveDocument>>();
  released = false;
  /** The agreement being issued now, if it is. */
  issuing: Promise<void> | null = null;

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
  ) {}

  static async load(caseId: string, store: Store, sendToGroup: SendToGroup, logger: Logger): Promise<CaseDrafting> {
    const caseRecord = await store.findCase(caseId);
    if (!caseRecord) throw new AppError(ErrorCode.notFound, 'No such case.');
    const [partiesMayEdit, frozen, issued] = await Promise.all([
      store.partiesMayEdit(caseId),
      store.currentFreeze(caseId),
      store.findIssuedAgreementOfCase(caseId),
    ]);
    return new CaseDrafting(caseRecord, store, sendToGroup, logger, partiesMayEdit, frozen ?? null, issued !== undefined);
  }

  get caseId(): string {
    return this.caseRecord.id;
  }

  /** The live document, loaded on first use; private notes only for those who may read them. */
  document(member: DraftingMember, name: DraftDocument): Promise<LiveDocument> {
    if (!mayRead(member.role, name)) throw new AppError(ErrorCode.forbidden, 'This document is not yours to read.');
    return this.loadDocument(name);
  }

  /** Why the member may not change the document now, or null when they may. */
  editRefusal(member: DraftingMember, name: DraftDocument): AppError | null {
    if (!mayEdit(member.role, name, this.partiesMayEdit)) {
      return new AppError(ErrorCode.forbidden, 'You may not edit this document now.');
    }
    if (name === DraftDocument.agreement) return this.agreementChangeRefusal();
    return null;
  }

  /** The agreement cannot change once frozen for signing (or issued). */
  agreementChangeRefusal(): AppError | null {
    if (this.issued) return new AppError(ErrorCode.agreementIssued, 'The agreement has been issued.');
    if (this.frozen) return new AppError(ErrorCode.agreementFrozen, 'The agreement is frozen for signing; unfreeze it first.');
    return null;
  }

  loadDocument(name: DraftDocument): Promise<LiveDocument> {
    let loading = this.documents.get(name);
    if (!loading) {
      loading = LiveDocument.load(this.caseId, name, this.store, this.sendToGroup, this.logger.child({ document: name }));
      this.documents.set(name, loading);
      loading.catch(() => this.documents.delete(name));
    }
    return loading;
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
    return { partiesMayEdit: this.partiesMayEdit, marks: records.map((record) => toClauseMark(record, byId.get(record.participantId))) };
  }

  participants(): Promise<ParticipantRecord[]> {
    return this.store.listParticipants(this.caseRecord.sessionId);
  }

  /** Stores every document as a snapshot and frees it; the next member loads it again. */
  async release(): Promise<void> {
    this.released = true;
    const documents = [...this.documents.values()];
    this.documents.clear();
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

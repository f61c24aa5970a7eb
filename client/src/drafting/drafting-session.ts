import {
  CASE_DOCUMENTS,
  ClientEvent,
  DraftDocument,
  ErrorCode,
  isCaseDocument,
  mayRead,
  ServerEvent,
  type CaucusNotesDocument,
  type CaucusNotesSummary,
  type AgreementLanguage,
  type AgreementVersionDetail,
  type AgreementVersionSummary,
  type ClauseMark,
  type ClauseMarkKind,
  type DisputeCategory,
  type DraftingState,
  type ParticipantInfo,
} from '@mediation/shared';
import { ObservableV2 } from 'lib0/observable';
import type { AnyErrorCode } from '../errors/coded-error';
import { request } from '../room/request';
import type { RoomSocket } from '../room/room-socket';
import { DraftProvider } from './draft-provider';

/**
 * Codes with which the server refuses a change (editing was withdrawn, or the agreement
 * frozen, while it travelled): the local Y.Doc then holds text the server never took, and
 * would offer it again later.
 */
const REFUSED_CHANGE: ReadonlySet<AnyErrorCode> = new Set([
  ErrorCode.forbidden,
  // A caucus's notes, when the caucus is not (or no longer) the case's.
  ErrorCode.notFound,
  ErrorCode.draftUpdateInvalid,
  ErrorCode.agreementFrozen,
  ErrorCode.agreementIssued,
]);

export type DraftProviders = Partial<Record<DraftDocument, DraftProvider>>;

/** Who is drafting, as the welcome said. */
export interface DraftingMember {
  caseId: string;
  self: ParticipantInfo;
}

export interface DraftingSessionEvents {
  /**
   * After every welcome, and after a document was reloaded. The providers are the same
   * objects across reconnections; a reloaded document has a new one.
   */
  opened: (member: DraftingMember, providers: DraftProviders) => void;
  state: (state: DraftingState) => void;
  clauseMarked: (mark: ClauseMark) => void;
  versionSaved: (version: AgreementVersionSummary) => void;
}

/**
 * The drafting side of a participant's presence in a room, on the room's socket: one
 * DraftProvider per document the participant may read, opened at the first welcome and kept
 * across reconnections (each provider resyncs on its own), the notes of one caucus while
 * they are shown, and the agreement's requests and pushes. The room client owns it and
 * destroys it when the room ends.
 */
export class DraftingSession extends ObservableV2<DraftingSessionEvents> {
  private providers: DraftProviders = {};
  private member: DraftingMember | null = null;
  private destroyed = false;
  /** Providers that were in step with the server once: a refused one of these is opened again. */
  private readonly everSynced = new WeakSet<DraftProvider>();

  constructor(private readonly socket: RoomSocket) {
    super();
    // Listening from the start: the server sends the drafting state right after the welcome.
    socket.on(ServerEvent.draftingState, this.onState);
    socket.on(ServerEvent.clauseMarked, this.onClauseMarked);
    socket.on(ServerEvent.versionSaved, this.onVersionSaved);
  }

  /** Called on every welcome; opens the documents the first time. */
  open(member: DraftingMember): void {
    if (this.destroyed) return;
    this.member = member;
    if (Object.keys(this.providers).length === 0) {
      for (const document of CASE_DOCUMENTS) {
        if (mayRead(member.self.role, document)) this.openDocument(document);
      }
    }
    this.emit('opened', [member, { ...this.providers }]);
  }

  /**
   * Shows the notes of one caucus (null: none): its provider is opened, and that of any
   * other caucus closed. Who may read them the server decides; it refuses the others.
   */
  showCaucusNotes(document: CaucusNotesDocument | null): void {
    if (this.destroyed || !this.member) return;
    let changed = false;
    for (const open of Object.keys(this.providers) as DraftDocument[]) {
      if (isCaseDocument(open) || open === document) continue;
      this.providers[open]?.destroy();
      delete this.providers[open];
      changed = true;
    }
    if (document !== null && !this.providers[document]) {
      this.openDocument(document);
      changed = true;
    }
    if (changed) this.emit('opened', [this.member, { ...this.providers }]);
  }

  /** Mediator: the case's caucuses, open and closed, with their notes. */
  async listCaucusNotes(): Promise<CaucusNotesSummary[]> {
    return (await request(this.socket, ClientEvent.listCaucusNotes, {})).caucuses;
  }

  setPartyEditing(allowed: boolean): Promise<unknown> {
    return request(this.socket, ClientEvent.setPartyEditing, { allowed });
  }

  startAgreement(category: DisputeCategory, language: AgreementLanguage): Promise<unknown> {
    return request(this.socket, ClientEvent.startAgreement, { category, language });
  }

  markClause(clauseId: string, mark: ClauseMarkKind, comment: string): Promise<ClauseMark> {
    const trimmed = comment.trim();
    return request(this.socket, ClientEvent.markClause, { clauseId, mark, ...(trimmed && { comment: trimmed }) });
  }

  saveVersion(name: string): Promise<AgreementVersionSummary> {
    return request(this.socket, ClientEvent.saveVersion, { name });
  }

  async listVersions(): Promise<AgreementVersionSummary[]> {
    return (await request(this.socket, ClientEvent.listVersions, {})).versions;
  }

  getVersion(versionId: string): Promise<AgreementVersionDetail> {
    return request(this.socket, ClientEvent.getVersion, { versionId });
  }

  override destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    for (const provider of Object.values(this.providers)) provider?.destroy();
    this.providers = {};
    this.socket.off(ServerEvent.draftingState, this.onState);
    this.socket.off(ServerEvent.clauseMarked, this.onClauseMarked);
    this.socket.off(ServerEvent.versionSaved, this.onVersionSaved);
    super.destroy();
  }

  private openDocument(document: DraftDocument): void {
    const provider = new DraftProvider(this.socket, document);
    provider.on('error', (code) => {
      // After the error has reached every listener of the provider about to be dropped.
      if (REFUSED_CHANGE.has(code)) queueMicrotask(() => this.reload(document, provider));
    });
    void provider.whenSynced().then(() => this.everSynced.add(provider));
    this.providers[document] = provider;
  }

  /**
   * Drops a document whose local state the server refused and opens it afresh from the
   * server's; a caucus's notes the server would not even open (the caucus closed under a
   * member) are dropped for good.
   */
  private reload(document: DraftDocument, refused: DraftProvider): void {
    if (this.destroyed || !this.member || this.providers[document] !== refused) return;
    refused.destroy();
    if (isCaseDocument(document) || this.everSynced.has(refused)) this.openDocument(document);
    else delete this.providers[document];
    this.emit('opened', [this.member, { ...this.providers }]);
  }

  private readonly onState = (state: DraftingState): void => this.emit('state', [state]);
  private readonly onClauseMarked = (mark: ClauseMark): void => this.emit('clauseMarked', [mark]);
  private readonly onVersionSaved = (version: AgreementVersionSummary): void => this.emit('versionSaved', [version]);
}

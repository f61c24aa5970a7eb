import type {
  AgreementLanguage,
  CaseOutcome,
  CaseStatus,
  ClauseMarkKind,
  ConsentStatementId,
  DisputeCategory,
  FreezeChecklistItem,
  IdentityDocumentType,
  Role,
} from '@mediation/shared';

/** A user agent is kept for the audit log up to this length. */
export const MAX_DEVICE_LENGTH = 200;

/** Who did what is recorded: the participant as named in the session, and where from. */
export interface AuditActor {
  participantId: string;
  name: string;
  /**
   * `service` for what the service does itself (issuing the agreement), `account` for a
   * committee account, `visitor` for anyone on the public verification page.
   */
  role: Role | 'service' | 'account' | 'api-key' | 'visitor';
  /** The address the connection came from. */
  ip: string;
  /** The browser's user agent, shortened. */
  device: string;
}

/** What can happen to a case's documents, one entry type per `type`. */
export type AuditEvent =
  | { type: 'case.created'; data: { caseNumber: string; category: DisputeCategory; participants: { participantId: string; name: string; role: Role }[] } }
  | { type: 'case.links-issued'; data: { participantIds: string[] } }
  /** The mediator set (or moved) the time of the case's next session; `from`: its status before. */
  | { type: 'case.scheduled'; data: { scheduledAt: string; from: CaseStatus } }
  | { type: 'case.outcome-recorded'; data: { outcome: CaseOutcome; note: string; from: CaseStatus } }
  /** The case's status moved by itself: its room opened, or its agreement was issued. */
  | { type: 'case.status-changed'; data: { from: CaseStatus; to: CaseStatus; cause: 'room-opened' | 'agreement-issued' } }
  | { type: 'session.joined'; data: Record<string, never> }
  | { type: 'session.left'; data: { reason: 'left' | 'connection-lost' | 'service-stopped' } }
  | { type: 'lobby.admitted'; data: { participantId: string; name: string } }
  | { type: 'lobby.turned-away'; data: { participantId: string; name: string } }
  | { type: 'room.lock-changed'; data: { locked: boolean } }
  /** The person was sent out of the room and their join link withdrawn. */
  | { type: 'participant.removed'; data: { participantId: string; name: string } }
  | { type: 'session.ended'; data: Record<string, never> }
  | { type: 'caucus.opened'; data: { caucusId: string; name: string; participants: { participantId: string; name: string }[] } }
  /** `space`: `main`, or the caucus's id. */
  | { type: 'caucus.moved'; data: { participantId: string; name: string; space: string } }
  | { type: 'caucus.closed'; data: { caucusId: string } }
  | { type: 'participant.link-revoked'; data: { participantId: string; name: string } }
  | { type: 'participant.link-reissued'; data: { participantId: string; name: string } }
  | { type: 'participant.muted'; data: { participantId: string; name: string; source: 'microphone' | 'camera' } }
  | { type: 'participant.unmute-allowed'; data: { participantId: string; name: string; source: 'microphone' | 'camera' } }
  | { type: 'participant.screen-share-allowed'; data: { participantId: string; name: string } }
  /** The mediator withdrew the leave to share a screen; a share in progress ended with it. */
  | { type: 'participant.screen-share-withdrawn'; data: { participantId: string; name: string } }
  | { type: 'drafting.party-editing-changed'; data: { allowed: boolean } }
  | { type: 'agreement.started-from-template'; data: { category: DisputeCategory; language: AgreementLanguage } }
  | {
      type: 'agreement.clause-marked';
      /** `clauseNumber`: the clause's place in the agreement when it was marked. */
      data: { clauseId: string; clauseNumber?: number; mark: ClauseMarkKind; comment: string; clauseHash: string };
    }
  | { type: 'agreement.version-saved'; data: { versionId: string; number: number; name: string; hash: string } }
  | {
      type: 'agreement.frozen';
      /** What was still open when frozen (FreezeChecklistItem), and the mediator's reason to freeze anyway. */
      data: { version: number; agreementHash: string; openItems: FreezeChecklistItem[]; overrideReason: string | null };
    }
  | { type: 'agreement.unfrozen'; data: { version: number; agreementHash: string; voidedSignatures: number } }
  | {
      type: 'signing.identity-attested';
      data: {
        participantId: string;
        participantName: string;
        documentType: IdentityDocumentType;
        numberLastDigits: string;
        /** The name in another script the party may sign with. */
        alias: string | null;
      };
    }
  | { type: 'signing.consented'; data: { version: number; agreementHash: string; statement: ConsentStatementId } }
  | {
      type: 'signing.signed';
      data: { version: number; agreementHash: string; typedName: string; publicKeyFingerprint: string; signatureImageSha256: string };
    }
  | { type: 'agreement.issued'; data: { documentNumber: string; version: number; agreementHash: string; pdfSha256: string } }
  | { type: 'agreement.downloaded'; data: { documentNumber: string } }
  | { type: 'agreement.verified'; data: { documentNumber: string; method: 'number' | 'upload'; verdict: 'authentic' | 'tampered' } };

export type AuditEventType = AuditEvent['type'];

/** An entry as it is about to be written: the store adds its place in the chain. */
export type AuditEntryInput = AuditEvent & { caseId: string; at: string; actor: AuditActor };

/**
 * One entry of a case's append-only audit log. `previousHash` is the hash of the entry
 * before it (GENESIS_HASH for the first), and `hash` covers everything else in the entry,
 * so changing, removing or reordering an entry breaks the chain after it.
 */
export type AuditEntry = AuditEntryInput & { sequence: number; previousHash: string; hash: string };

export const SERVICE_ACTOR: AuditActor = { participantId: 'service', name: 'Mediation service', role: 'service', ip: '', device: '' };

export const GENESIS_HASH = '0'.repeat(64);

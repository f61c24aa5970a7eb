import type { AgreementLanguage, ClauseMarkKind, DisputeCategory, Role } from '@mediation/shared';

/** Who did what is recorded: the participant as named in the session, and where from. */
export interface AuditActor {
  participantId: string;
  name: string;
  role: Role;
  /** The address the connection came from. */
  ip: string;
  /** The browser's user agent, shortened. */
  device: string;
}

/** What can happen to a case's documents, one entry type per `type`. */
export type AuditEvent =
  | { type: 'drafting.party-editing-changed'; data: { allowed: boolean } }
  | { type: 'agreement.started-from-template'; data: { category: DisputeCategory; language: AgreementLanguage } }
  | {
      type: 'agreement.clause-marked';
      data: { clauseId: string; mark: ClauseMarkKind; comment: string; clauseHash: string };
    }
  | { type: 'agreement.version-saved'; data: { versionId: string; number: number; name: string; hash: string } };

export type AuditEventType = AuditEvent['type'];

/** An entry as it is about to be written: the store adds its place in the chain. */
export type AuditEntryInput = AuditEvent & { caseId: string; at: string; actor: AuditActor };

/**
 * One entry of a case's append-only audit log. `previousHash` is the hash of the entry
 * before it (GENESIS_HASH for the first), and `hash` covers everything else in the entry,
 * so changing, removing or reordering an entry breaks the chain after it.
 */
export type AuditEntry = AuditEntryInput & { sequence: number; previousHash: string; hash: string };

export const GENESIS_HASH = '0'.repeat(64);

import type { AuditEntryInput } from '../audit/audit-entry.js';
import type { CaucusMembership } from '../policy/policy.js';
import type { CaucusStore } from '../store/caucus-store.js';
import type { CaucusRecord } from '../store/records.js';

/**
 * The caucuses one case has held, as its drafting needs them: whether each is open and who
 * was in it, read synchronously when a change to a caucus's notes is applied. Every change
 * is stored (with its audit entry) before it is held here, so a copy loaded later from the
 * store is the same.
 */
export class CaseCaucuses {
  private readonly byId: Map<string, CaucusRecord>;

  constructor(
    private readonly caseId: string,
    private readonly store: CaucusStore,
    /** As stored when the case was loaded. */
    records: readonly CaucusRecord[],
    /** A caucus closed: its notes' readers who may no longer read them are let go. */
    private readonly onClosed: (caucusId: string) => void,
  ) {
    this.byId = new Map(records.map((record) => [record.id, record]));
  }

  /** What the policy asks of a caucus of this case; undefined for any other id. */
  readonly find = (caucusId: string): CaucusMembership | undefined => {
    const record = this.byId.get(caucusId);
    return record && { memberIds: record.memberIds, open: record.closedAt === null };
  };

  /** Oldest first. */
  list(): CaucusRecord[] {
    return [...this.byId.values()];
  }

  async open(record: CaucusRecord, audit: AuditEntryInput): Promise<void> {
    await this.store.openCaucus(record, audit);
    this.byId.set(record.id, record);
  }

  async addMember(caucusId: string, participantId: string, audit: AuditEntryInput): Promise<void> {
    const record = await this.store.addCaucusMember(this.caseId, caucusId, participantId, audit);
    if (record) this.byId.set(caucusId, record);
  }

  async close(caucusId: string, at: string, audit: AuditEntryInput): Promise<void> {
    if (await this.store.closeCaucus(this.caseId, caucusId, at, audit)) this.markClosed(caucusId, at);
  }

  /** The session ended: whatever caucus was open is closed. */
  async closeAll(at: string): Promise<void> {
    await this.store.closeOpenCaucuses(at, this.caseId);
    for (const record of this.byId.values()) if (record.closedAt === null) this.markClosed(record.id, at);
  }

  private markClosed(caucusId: string, at: string): void {
    const record = this.byId.get(caucusId);
    if (!record) return;
    this.byId.set(caucusId, { ...record, closedAt: at });
    this.onClosed(caucusId);
  }
}

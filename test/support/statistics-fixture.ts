import path from 'node:path';
import Database from 'better-sqlite3';
import type { CaseStatus, DisputeCategory } from '@mediation/shared';
import { DATABASE_FILE } from '../../server/src/store/sqlite/sqlite-store.js';
import { registerArchiveFunctions } from '../../server/src/store/sqlite/sqlite-archive.js';

/** A case as the statistics see it, written straight into the store's database. */
export interface FixtureCase {
  id: string;
  committeeId: string;
  category: DisputeCategory;
  createdAt: string;
  status?: CaseStatus;
  closedAt?: string | null;
}

/**
 * Writes cases, their status changes, issued agreements and room sessions into the SQLite
 * database of `dataDir` with its own connection, as any writer of those tables would (the
 * store's methods for case status and room sessions belong to the desk). Foreign keys are
 * checked: every row has what it refers to.
 */
export class StatisticsFixture {
  private readonly db: Database.Database;

  constructor(dataDir: string) {
    this.db = new Database(path.join(dataDir, DATABASE_FILE));
    this.db.pragma('foreign_keys = ON');
    // The archive's triggers on cases and participants call these.
    registerArchiveFunctions(this.db);
  }

  /** Adds a case at intake (created by `createdBy`, an account), then moves it to its status if it has one. */
  addCase(fixture: FixtureCase, createdBy: string): void {
    this.db
      .prepare(
        `INSERT INTO cases (id, committee_id, case_number, title, category, created_by, created_at, region_path)
         VALUES (?, ?, ?, 't', ?, ?, ?, (SELECT region_path FROM committees WHERE id = ?))`,
      )
      .run(fixture.id, fixture.committeeId, fixture.id, fixture.category, createdBy, fixture.createdAt, fixture.committeeId);
    if (fixture.status) this.setStatus(fixture.id, fixture.status, fixture.closedAt ?? null);
  }

  setStatus(caseId: string, status: CaseStatus, closedAt: string | null = null): void {
    this.db.prepare('UPDATE cases SET status = ?, closed_at = ? WHERE id = ?').run(status, closedAt, caseId);
  }

  /** Issues an agreement for the case at `issuedAt`, with the version and freeze an issued agreement comes from. */
  issueAgreement(caseId: string, issuedAt: string): void {
    const id = `${caseId}-${issuedAt}`;
    this.db
      .prepare(
        `INSERT INTO agreement_versions (id, case_id, number, name, hash, canonical_json, snapshot, saved_by, saved_at)
         VALUES (?, ?, 1, 'v', 'h', '{}', x'00', 'm', ?)`,
      )
      .run(id, caseId, issuedAt);
    this.db
      .prepare(
        `INSERT INTO agreement_freezes (id, case_id, version_id, version_number, agreement_hash, frozen_at, frozen_by)
         VALUES (?, ?, ?, 1, 'h', ?, 'm')`,
      )
      .run(id, caseId, id, issuedAt);
    this.db
      .prepare(`INSERT INTO issued_agreements (document_number, case_id, freeze_id, pdf, pdf_sha256, issued_at) VALUES (?, ?, ?, x'00', 'x', ?)`)
      .run(`No-${id}`, caseId, id, issuedAt);
  }

  holdSession(caseId: string, startedAt: string): void {
    this.db.prepare('INSERT INTO room_sessions (id, case_id, started_at) VALUES (?, ?, ?)').run(`${caseId}-${startedAt}`, caseId, startedAt);
  }

  /** Every non-zero count of the roll-up, in order. */
  counts(): { scope: string; measure: string; month: string; key: string; count: number }[] {
    return this.db
      .prepare('SELECT * FROM statistics_counts WHERE count <> 0 ORDER BY scope, measure, month, key')
      .all() as ReturnType<StatisticsFixture['counts']>;
  }

  /** Empties the roll-up and counts everything again with `countEverything` (the migration's own count). */
  recount(countEverything: string): void {
    this.db.transaction(() => {
      this.db.exec('DELETE FROM statistics_counts');
      this.db.exec(countEverything);
    })();
  }

  close(): void {
    this.db.close();
  }
}

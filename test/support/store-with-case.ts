import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuditActor } from '../../server/src/audit/audit-entry.js';
import { caseCreatedEntry } from '../../server/src/cases/case-created-entry.js';
import { openSqliteStore } from '../../server/src/store/sqlite/sqlite-store.js';
import type { Store } from '../../server/src/store/store.js';
import { addCommitteeWithMediator } from './add-committee.js';

export const TEST_CASE_ID = 'case-1';

/** The account that opens test cases made straight in a store. */
export const TEST_ACCOUNT_ACTOR: AuditActor = { participantId: 'a1', name: '陈明', role: 'account', ip: '', device: '' };

/**
 * The service's SQLite store in a fresh directory holding one committee and one case
 * (`TEST_CASE_ID`), for tests of what is stored against a case. The caller closes the
 * store; `remove` then deletes the directory.
 */
export async function storeWithCase(): Promise<{ store: Store; dataDir: string; remove: () => void }> {
  const at = '2026-11-30T00:00:00.000Z';
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediation-store-'));
  const store = openSqliteStore(dataDir);
  await addCommitteeWithMediator(store, { id: 'c1', name: 'Committee', createdAt: at }, { id: 'a1', email: 'm@example.com', displayName: '陈明', passwordHash: 'x' });
  const record = { id: TEST_CASE_ID, committeeId: 'c1', caseNumber: '1', title: 't', category: 'other' as const, waitingRoom: false, createdBy: 'a1', createdAt: at };
  await store.createCase(record, { id: 's1', caseId: TEST_CASE_ID, createdAt: at }, [], caseCreatedEntry(record, [], TEST_ACCOUNT_ACTOR));
  return { store, dataDir, remove: () => fs.rmSync(dataDir, { recursive: true, force: true }) };
}

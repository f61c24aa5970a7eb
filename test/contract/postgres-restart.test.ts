import { afterAll, beforeAll, expect, it } from 'vitest';
import { DraftDocument } from '@mediation/shared';
import { verifyAuditChain } from '../../server/src/audit/verify-audit-chain.js';
import { caseCreatedEntry } from '../../server/src/cases/case-created-entry.js';
import type { AuditEntryInput } from '../../server/src/audit/audit-entry.js';
import { openPostgresStore } from '../../server/src/store/postgres/open-postgres-store.js';
import type { Store } from '../../server/src/store/store.js';
import { addCommitteeWithMediator } from '../support/add-committee.js';
import { startPostgres, type TestPostgres } from '../support/start-postgres.js';
import { TEST_ACCOUNT_ACTOR } from '../support/store-with-case.js';

const AT = '2026-12-01T08:00:00.000Z';
const CASE_ID = 'case-a';
/** initdb and the first start take a few seconds on a busy machine. */
const CLUSTER_START_TIMEOUT_MS = 60_000;

let cluster: TestPostgres;
let store: Store;
const errors: unknown[] = [];

beforeAll(async () => {
  cluster = await startPostgres();
  store = await openPostgresStore(await cluster.createDatabase(), { error: (details: unknown) => void errors.push(details) });
  await addCommitteeWithMediator(store, { id: 'committee-1', name: 'Committee', createdAt: AT }, { id: 'account-1', email: 'm@example.org', displayName: 'M', passwordHash: 'x' });
  const record = { id: CASE_ID, committeeId: 'committee-1', caseNumber: CASE_ID, title: 't', category: 'other' as const, waitingRoom: false, createdBy: 'account-1', createdAt: AT };
  await store.createCase(record, { id: 'session-a', caseId: CASE_ID, createdAt: AT }, [], caseCreatedEntry(record, [], TEST_ACCOUNT_ACTOR));
}, CLUSTER_START_TIMEOUT_MS);
afterAll(async () => {
  await store?.close();
  await cluster?.stop();
});

it('keeps every committed write through a crash and restart of PostgreSQL, and writes again without being reopened', async () => {
  const entry = { caseId: CASE_ID, at: AT, actor: TEST_ACCOUNT_ACTOR, type: 'drafting.party-editing-changed', data: { allowed: true } } as AuditEntryInput;
  // Every pooled connection in use once, so that each one is cut by the crash.
  await Promise.all(Array.from({ length: 20 }, () => store.appendAudit(entry)));
  await store.appendDocumentUpdate(CASE_ID, DraftDocument.notes, new Uint8Array([1]));

  await cluster.restart();
  // The idle connections the crash cut were reported, not thrown.
  expect(errors).not.toHaveLength(0);

  await store.appendAudit(entry);
  await store.appendDocumentUpdate(CASE_ID, DraftDocument.notes, new Uint8Array([2]));
  const entries = await store.listAudit(CASE_ID);
  expect(verifyAuditChain(entries)).toMatchObject({ valid: true, entries: 22 });
  expect((await store.loadDocument(CASE_ID, DraftDocument.notes)).updates).toEqual([new Uint8Array([1]), new Uint8Array([2])]);
});

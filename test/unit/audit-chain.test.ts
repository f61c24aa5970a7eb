import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditEntry, AuditEntryInput } from '../../server/src/audit/audit-entry.js';
import { chainAuditEntry } from '../../server/src/audit/chain-audit-entry.js';
import { hashAuditEntry } from '../../server/src/audit/hash-audit-entry.js';
import { verifyAuditChain } from '../../server/src/audit/verify-audit-chain.js';
import Database from 'better-sqlite3';
import { storeWithCase, TEST_CASE_ID } from '../support/store-with-case.js';

const actor = { participantId: 'm1', name: '陈明', role: 'mediator' as const, ip: '203.0.113.7', device: 'Mozilla/5.0 (iPhone)' };

function input(n: number): AuditEntryInput {
  return {
    caseId: TEST_CASE_ID,
    at: `2026-11-29T10:00:0${n}.000Z`,
    actor,
    type: 'agreement.version-saved',
    data: { versionId: `v${n}`, number: n, name: `draft ${n}`, hash: 'a'.repeat(64) },
  };
}

function chain(length: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let n = 1; n <= length; n++) entries.push(chainAuditEntry(input(n), entries.at(-1)));
  return entries;
}

describe('the audit chain', () => {
  it('verifies when untouched', () => {
    expect(verifyAuditChain(chain(5))).toMatchObject({ valid: true, entries: 5 });
  });

  it('names a changed entry', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2]!, data: { ...entries[2]!.data, name: 'forged' } } as AuditEntry;
    expect(verifyAuditChain(entries)).toMatchObject({ valid: false, brokenAt: 2, reason: 'hash-mismatch' });
  });

  it('names the entry after a changed one whose hash was recomputed', () => {
    const entries = chain(5);
    const forged = { ...entries[2]!, at: '2026-11-29T09:00:00.000Z' };
    entries[2] = { ...forged, hash: hashAuditEntry(forged) } as AuditEntry;
    expect(verifyAuditChain(entries)).toMatchObject({ valid: false, brokenAt: 3, reason: 'previous-hash-mismatch' });
  });

  it('names the entry after a removed one', () => {
    const entries = chain(5);
    entries.splice(1, 1);
    expect(verifyAuditChain(entries)).toMatchObject({ valid: false, brokenAt: 1, sequence: 3 });
  });

  it('names the first entry out of order', () => {
    const entries = chain(5);
    [entries[3], entries[4]] = [entries[4]!, entries[3]!];
    expect(verifyAuditChain(entries)).toMatchObject({ valid: false, brokenAt: 3, sequence: 5 });
  });

  it('is append-only in the store: the database refuses to change or delete an entry', async () => {
    const { store, dataDir, remove } = await storeWithCase();
    try {
      for (let n = 1; n <= 3; n++) await store.appendAudit(input(n));
      const stored = await store.listAudit(TEST_CASE_ID);
      // The first entry records the case's creation.
      expect(stored.map((e) => e.sequence)).toEqual([1, 2, 3, 4]);
      expect(verifyAuditChain(stored)).toMatchObject({ valid: true, entries: 4 });
      await store.close();

      const db = new Database(path.join(dataDir, 'mediation.sqlite'));
      expect(() => db.prepare("UPDATE audit_entries SET at = 'x' WHERE sequence = 2").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_entries WHERE sequence = 3').run()).toThrow(/append-only/);
      db.close();
    } finally {
      remove();
    }
  });
});

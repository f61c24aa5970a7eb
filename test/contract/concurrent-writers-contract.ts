import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DraftDocument, Role } from '@mediation/shared';
import { verifyAuditChain } from '../../server/src/audit/verify-audit-chain.js';
import { caseCreatedEntry } from '../../server/src/cases/case-created-entry.js';
import type { FreezeRecord, ParticipantRecord } from '../../server/src/store/records.js';
import type { Store } from '../../server/src/store/store.js';
import { addCommitteeWithMediator } from '../support/add-committee.js';
import { TEST_ACCOUNT_ACTOR } from '../support/store-with-case.js';
import { startStoreWriter, type StoreLocation, type StoreWriter } from '../support/store-writer.js';

const AT = '2026-12-01T08:00:00.000Z';
/** Writes each process makes at once, per check: enough that the two processes' writes interleave. */
const AUDIT_APPENDS_PER_PROCESS = 200;
const UPDATES_PER_PROCESS = 500;
/** Updates a process appends at a time, as editors' bursts: many transactions of a few updates each. */
const UPDATES_AT_ONCE = 5;
const DOCUMENT_SEQUENCES_PER_PROCESS = 200;
/** Cases whose signing the two processes race for, all at once. */
const RACED_CASES = 6;
/** Two Node processes to start, each opening its store (tsx compiles the store first). */
const WRITERS_START_TIMEOUT_MS = 90_000;

/** A backend whose store two processes open at once: a store on a fresh location, and where it is. */
export interface SharedStoreBackend {
  open(): Promise<{ store: Store; location: StoreLocation }>;
  /** Closes what `open` made. */
  cleanUp(): Promise<void>;
}

let store: Store;
let writers: [StoreWriter, StoreWriter];

/** A case of the committee with an applicant, made by the test's own store. */
async function addCase(caseId: string): Promise<ParticipantRecord> {
  const applicant: ParticipantRecord = { id: randomUUID(), sessionId: `session-${caseId}`, caseId, displayName: '王芳', role: Role.applicant, accountId: null, revokedAt: null, createdAt: AT };
  const record = { id: caseId, committeeId: 'committee-1', caseNumber: caseId, title: 't', category: 'other' as const, waitingRoom: false, createdBy: 'account-1', createdAt: AT };
  await store.createCase(record, { id: applicant.sessionId, caseId, createdAt: AT }, [applicant], caseCreatedEntry(record, [applicant], TEST_ACCOUNT_ACTOR));
  return applicant;
}

async function freeze(caseId: string): Promise<FreezeRecord> {
  const version = { id: randomUUID(), caseId, name: 'v', hash: 'a'.repeat(64), canonicalJson: '{}', snapshot: new Uint8Array([0, 0]), savedBy: 'm', savedAt: AT };
  const frozen = await store.freezeAgreement(version, { id: randomUUID(), caseId, agreementHash: 'c'.repeat(64), frozenAt: AT, frozenBy: 'm' }, () => ({
    caseId,
    at: AT,
    actor: TEST_ACCOUNT_ACTOR,
    type: 'agreement.frozen',
    data: { version: 1, agreementHash: 'c'.repeat(64), checklist: [] },
  }) as never);
  return frozen!;
}

/** Both processes run the same command at the same moment; their answers, in writer order. */
const bothAtOnce = <T extends Parameters<StoreWriter['run']>[0]>(command: T) => Promise.all(writers.map((writer) => writer.run(command)));

/** The processes that succeeded, per raced case. */
const winnersPerCase = async (command: (index: number) => Parameters<StoreWriter['run']>[0]) => {
  const answers = await Promise.all(
    writers.map((writer) => Promise.all(Array.from({ length: RACED_CASES }, (_, index) => writer.run<boolean>(command(index))))),
  );
  return Array.from({ length: RACED_CASES }, (_, index) => answers.filter((answersOfWriter) => answersOfWriter[index]).length);
};

/**
 * What stays true when two Node processes each open the store on one location and write to
 * it at the same moment: the guarantees of the store's interfaces hold across processes.
 */
export function describeConcurrentWriters(name: string, backend: SharedStoreBackend): void {
  describe(`two processes writing to one ${name} store at once`, () => {
    beforeAll(async () => {
      const opened = await backend.open();
      store = opened.store;
      await addCommitteeWithMediator(store, { id: 'committee-1', name: 'Committee', createdAt: AT }, { id: 'account-1', email: 'm@example.org', displayName: 'M', passwordHash: 'x' });
      writers = (await Promise.all(['first', 'second'].map((writer) => startStoreWriter(writer, opened.location)))) as [StoreWriter, StoreWriter];
    }, WRITERS_START_TIMEOUT_MS);
    afterAll(async () => {
      await Promise.all((writers ?? []).map((writer) => writer.stop()));
      await store?.close();
      await backend.cleanUp();
    });

    it('append to one case’s audit log as one chain without a fork, keeping every entry', async () => {
      await addCase('audit-case');
      const sequences = await bothAtOnce({ kind: 'append-audit', caseId: 'audit-case', count: AUDIT_APPENDS_PER_PROCESS });

      const entries = await store.listAudit('audit-case');
      const total = 1 + 2 * AUDIT_APPENDS_PER_PROCESS;
      expect(verifyAuditChain(entries)).toMatchObject({ valid: true, entries: total });
      expect(entries.map((e) => e.sequence)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect((sequences as number[][]).flat().sort((a, b) => a - b)).toEqual(Array.from({ length: total - 1 }, (_, i) => i + 2));
      for (const writer of writers) expect(entries.filter((e) => e.actor.name === writer.name)).toHaveLength(AUDIT_APPENDS_PER_PROCESS);
    });

    it('append updates to one document keeping all of them, in one order that both read back, each process’s in the order it made them', async () => {
      await addCase('document-case');
      const document = { caseId: 'document-case', document: DraftDocument.notes };
      const sequences = (await bothAtOnce({ kind: 'append-updates', ...document, count: UPDATES_PER_PROCESS, atOnce: UPDATES_AT_ONCE })) as number[][];

      const total = 2 * UPDATES_PER_PROCESS;
      expect(sequences.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      for (const ofWriter of sequences) expect(ofWriter).toEqual([...ofWriter].sort((a, b) => a - b));
      const [readByFirst, readBySecond] = (await bothAtOnce({ kind: 'load-updates', ...document })) as string[][];
      const loaded = await store.loadDocument(document.caseId, document.document);
      expect(loaded.lastSequence).toBe(total);
      const read = loaded.updates.map((update) => Buffer.from(update).toString());
      expect(readByFirst!.map((hex) => Buffer.from(hex, 'hex').toString())).toEqual(read);
      expect(readBySecond).toEqual(readByFirst);
      for (const [index, writer] of writers.entries()) {
        const made = Array.from({ length: UPDATES_PER_PROCESS }, (_, i) => `${writer.name}:${i}`);
        // Each update at the place its sequence number gives it.
        expect(sequences[index]!.map((sequence) => read[sequence - 1])).toEqual(made);
      }
    });

    it('race to consent, sign and issue for the same signer and freeze, and each time exactly one wins and the other is refused', async () => {
      const raced: { caseId: string; participantId: string; freezeId: string }[] = [];
      for (let i = 0; i < RACED_CASES; i++) {
        const caseId = `signing-case-${i}`;
        const applicant = await addCase(caseId);
        raced.push({ caseId, participantId: applicant.id, freezeId: (await freeze(caseId)).id });
      }

      expect(await winnersPerCase((i) => ({ kind: 'consent', ...raced[i]! }))).toEqual(Array(RACED_CASES).fill(1));
      expect(await winnersPerCase((i) => ({ kind: 'sign', ...raced[i]! }))).toEqual(Array(RACED_CASES).fill(1));
      expect(await winnersPerCase((i) => ({ kind: 'issue', caseId: raced[i]!.caseId, freezeId: raced[i]!.freezeId }))).toEqual(Array(RACED_CASES).fill(1));

      for (const { caseId, freezeId, participantId } of raced) {
        expect(await store.listConsents(freezeId)).toEqual(new Set([participantId]));
        expect((await store.listSignatures(freezeId)).map((s) => s.participantId)).toEqual([participantId]);
        expect((await store.findIssuedAgreementOfCase(caseId))?.freezeId).toBe(freezeId);
        expect((await store.findCase(caseId))?.status).toBe('settled');
        const entries = await store.listAudit(caseId);
        expect(verifyAuditChain(entries)).toMatchObject({ valid: true });
        expect(entries.map((e) => e.type)).toEqual([
          'case.created',
          'agreement.frozen',
          'signing.consented',
          'signing.signed',
          'agreement.issued',
          'case.status-changed',
        ]);
      }
    });

    it('race to issue an agreement and to unfreeze it, and exactly one of the two happens', async () => {
      const raced: { caseId: string; freezeId: string }[] = [];
      for (let i = 0; i < RACED_CASES; i++) {
        const caseId = `issue-or-unfreeze-${i}`;
        await addCase(caseId);
        raced.push({ caseId, freezeId: (await freeze(caseId)).id });
      }
      const [issued, unfrozen] = await Promise.all([
        Promise.all(raced.map((r) => writers[0].run<boolean>({ kind: 'issue', ...r }))),
        Promise.all(raced.map((r) => writers[1].run<boolean>({ kind: 'unfreeze', ...r }))),
      ]);
      for (const [index, { caseId, freezeId }] of raced.entries()) {
        expect([issued[index], unfrozen[index]].filter(Boolean)).toHaveLength(1);
        const voided = (await store.findFreeze(freezeId))?.voidedAt !== null;
        const issuedAgreement = await store.findIssuedAgreementOfCase(caseId);
        expect([voided, issuedAgreement !== undefined]).toEqual([unfrozen[index], issued[index]]);
      }
    });

    it('never give the same document number twice', async () => {
      const numbers = ((await bothAtOnce({ kind: 'next-document-sequences', count: DOCUMENT_SEQUENCES_PER_PROCESS })) as number[][]).flat();
      expect(new Set(numbers).size).toBe(2 * DOCUMENT_SEQUENCES_PER_PROCESS);
    });
  });
}

import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DraftDocument, Role } from '@mediation/shared';
import type { AuditEntryInput } from '../../server/src/audit/audit-entry.js';
import { verifyAuditChain } from '../../server/src/audit/verify-audit-chain.js';
import type { AgreementVersionRecord, IssuedAgreementRecord, ParticipantRecord, SignatureRecord } from '../../server/src/store/records.js';
import type { Store } from '../../server/src/store/store.js';
import { caseCreatedEntry } from '../../server/src/cases/case-created-entry.js';
import { TEST_ACCOUNT_ACTOR } from '../support/store-with-case.js';
import { addCommitteeWithMediator, TEST_SETUP_AUDIT } from '../support/add-committee.js';
import { describeArchiveContract } from './archive-contract.js';
import { describeStatisticsContract } from './statistics-contract.js';

/** A backend under test: opens a store on an empty location, and again on the same location. */
export interface StoreBackend {
  /** A store on a fresh, empty location. */
  open(): Promise<Store>;
  /** Closes `store` and opens the same location again, as after a restart. */
  reopen(store: Store): Promise<Store>;
  /** Removes every location made. */
  cleanUp(): Promise<void>;
}

const AT = '2026-12-01T08:00:00.000Z';
const CASE_ID = 'case-a';
const OTHER_CASE_ID = 'case-b';

interface Fixture {
  store: Store;
  mediator: ParticipantRecord;
  applicant: ParticipantRecord;
  respondent: ParticipantRecord;
}

function participant(caseId: string, role: Role, name: string): ParticipantRecord {
  return { id: randomUUID(), sessionId: `session-${caseId}`, caseId, displayName: name, role, accountId: null, revokedAt: null, createdAt: AT };
}

function audit(caseId: string, type: AuditEntryInput['type'] = 'drafting.party-editing-changed'): AuditEntryInput {
  return { caseId, at: AT, actor: { participantId: 'p', name: 'n', role: 'mediator', ip: '', device: '' }, type, data: { allowed: true } } as AuditEntryInput;
}

function version(caseId: string): Omit<AgreementVersionRecord, 'number'> {
  return { id: randomUUID(), caseId, name: 'v', hash: 'a'.repeat(64), canonicalJson: '{}', snapshot: new Uint8Array([0, 0]), savedBy: 'm', savedAt: AT };
}

function signature(freezeId: string, participantId: string): SignatureRecord {
  return {
    freezeId,
    participantId,
    typedName: 'n',
    image: new Uint8Array([1]),
    publicKey: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' },
    signature: new Uint8Array([2]),
    payload: '{}',
    signedAt: AT,
    ip: '',
    device: '',
  };
}

function issued(caseId: string, freezeId: string, number = `MA-2026-${randomUUID().slice(0, 6)}`): IssuedAgreementRecord {
  return { documentNumber: number, caseId, freezeId, pdf: new Uint8Array([3]), pdfSha256: 'b'.repeat(64), issuedAt: AT };
}

async function freeze(store: Store, caseId = CASE_ID) {
  return store.freezeAgreement(version(caseId), { id: randomUUID(), caseId, agreementHash: 'c'.repeat(64), frozenAt: AT, frozenBy: 'm' }, () =>
    audit(caseId, 'agreement.frozen'),
  );
}

/** The types of a case's audit entries after the first, which records the case's creation. */
async function auditTypes(store: Store, caseId = CASE_ID): Promise<string[]> {
  return (await store.listAudit(caseId)).slice(1).map((e) => e.type);
}

/**
 * The guarantees every store backend gives (each interface under server/src/store/ states
 * them): the SQLite store passes this suite, and any other backend must pass it as it is.
 */
export function describeStoreContract(name: string, backend: StoreBackend): void {
  describe(`the ${name} store`, () => {
    let fixture: Fixture;

    beforeEach(async () => {
      const store = await backend.open();
      await addCommitteeWithMediator(store, { id: 'committee-1', name: 'Committee', createdAt: AT }, { id: 'account-1', email: 'm@example.org', displayName: 'M', passwordHash: 'x' });
      const mediator = participant(CASE_ID, Role.mediator, '陈明');
      const applicant = participant(CASE_ID, Role.applicant, '王芳');
      const respondent = participant(CASE_ID, Role.respondent, '李强');
      for (const [caseId, people] of [
        [CASE_ID, [mediator, applicant, respondent]],
        [OTHER_CASE_ID, [participant(OTHER_CASE_ID, Role.applicant, 'Other')]],
      ] as const) {
        const record = { id: caseId, committeeId: 'committee-1', caseNumber: caseId, title: 't', category: 'other' as const, waitingRoom: false, createdBy: 'account-1', createdAt: AT };
        await store.createCase(record, { id: `session-${caseId}`, caseId, createdAt: AT }, [...people], caseCreatedEntry(record, [...people], TEST_ACCOUNT_ACTOR));
      }
      fixture = { store, mediator, applicant, respondent };
    });
    afterEach(async () => {
      await fixture.store.close();
      await backend.cleanUp();
    });

    describe('cases and accounts', () => {
      it('creates a committee and its account together or not at all', async () => {
        const { store } = fixture;
        await expect(
          addCommitteeWithMediator(store, { id: 'committee-2', name: 'Second', createdAt: AT }, { id: 'account-2', email: 'm@example.org', displayName: 'Dup', passwordHash: 'x' }),
        ).rejects.toThrow();
        expect(await store.findCommittee('committee-2')).toBeUndefined();
      });

      it('ends every session of an account it disables, so enabling it again revives none', async () => {
        const { store } = fixture;
        const session = (id: string) => ({ id, accountId: 'account-1', createdAt: AT, expiresAt: '2999-01-01T00:00:00.000Z', revokedAt: null });
        await store.createAccountSession(session('session-1'));
        await store.createAccountSession(session('session-2'));
        const entry = { ...TEST_SETUP_AUDIT, type: 'account.disabled' };
        expect(await store.setAccountDisabled('account-1', '2026-06-01T00:00:00.000Z', entry)).toBe(true);
        expect(await store.setAccountDisabled('account-1', null, { ...entry, type: 'account.enabled' })).toBe(true);
        for (const id of ['session-1', 'session-2']) expect((await store.findAccountSession(id))?.revokedAt).toBe('2026-06-01T00:00:00.000Z');
        expect((await store.findAccountById('account-1'))?.disabledAt).toBeNull();
      });

      it('creates a case with its session and participants together or not at all', async () => {
        const { store, applicant } = fixture;
        const duplicate = { ...participant('case-c', Role.applicant, 'X'), id: applicant.id };
        const caseC = { id: 'case-c', committeeId: 'committee-1', caseNumber: 'c', title: 't', category: 'other' as const, waitingRoom: false, createdBy: 'account-1', createdAt: AT };
        await expect(
          store.createCase(
            { ...caseC },
            { id: 'session-case-c', caseId: 'case-c', createdAt: AT },
            [participant('case-c', Role.mediator, 'M'), duplicate],
            caseCreatedEntry(caseC, [], TEST_ACCOUNT_ACTOR),
          ),
        ).rejects.toThrow();
        expect(await store.findCase('case-c')).toBeUndefined();
        expect(await store.listParticipants('session-case-c')).toEqual([]);
        expect(await store.listAudit('case-c')).toEqual([]);
      });

      it('opens a case’s audit log with its creation and who was invited', async () => {
        const [first] = await fixture.store.listAudit(CASE_ID);
        expect(first).toMatchObject({ sequence: 1, type: 'case.created', data: { caseNumber: CASE_ID } });
        expect((first!.data as { participants: unknown[] }).participants).toHaveLength(3);
      });

      it('lists participants in the order invited, revoked ones included, and revokes a link once', async () => {
        const { store, mediator, applicant, respondent } = fixture;
        expect(await store.revokeParticipant(respondent.id, AT)).toBe(true);
        expect(await store.revokeParticipant(respondent.id, AT)).toBe(false);
        const listed = await store.listParticipants(`session-${CASE_ID}`);
        expect(listed.map((p) => p.id)).toEqual([mediator.id, applicant.id, respondent.id]);
        expect(listed[2]!.revokedAt).toBe(AT);
      });

      it('keeps the first time a participant joined', async () => {
        const { store, applicant } = fixture;
        await store.markParticipantJoined(applicant.id, AT);
        await store.markParticipantJoined(applicant.id, '2026-12-02T00:00:00.000Z');
        expect((await store.listFirstJoins(`session-${CASE_ID}`)).get(applicant.id)).toBe(AT);
      });
    });

    describe('live documents', () => {
      it('numbers appends in the order they were made, resolves them in that order, and keeps them across a restart', async () => {
        const resolved: number[] = [];
        const appends = Array.from({ length: 200 }, (_, i) =>
          fixture.store.appendDocumentUpdate(CASE_ID, DraftDocument.notes, new Uint8Array([i % 256, 1])).then((sequence) => {
            resolved.push(sequence);
            return sequence;
          }),
        );
        const sequences = await Promise.all(appends);
        expect(sequences).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
        expect(resolved).toEqual(sequences);

        fixture.store = await backend.reopen(fixture.store);
        const loaded = await fixture.store.loadDocument(CASE_ID, DraftDocument.notes);
        expect(loaded.updates.map((u) => u[0])).toEqual(Array.from({ length: 200 }, (_, i) => i % 256));
        expect(loaded.lastSequence).toBe(200);
      });

      it('compacts into a snapshot the updates up to a sequence and keeps the later ones, per document and case', async () => {
        const { store } = fixture;
        for (let i = 1; i <= 5; i++) await store.appendDocumentUpdate(CASE_ID, DraftDocument.notes, new Uint8Array([i]));
        await store.appendDocumentUpdate(CASE_ID, DraftDocument.agreement, new Uint8Array([9]));
        await store.appendDocumentUpdate(OTHER_CASE_ID, DraftDocument.notes, new Uint8Array([8]));
        await store.compactDocument(CASE_ID, DraftDocument.notes, new Uint8Array([7, 7]), 3);

        const notes = await store.loadDocument(CASE_ID, DraftDocument.notes);
        expect(notes.snapshot).toEqual(new Uint8Array([7, 7]));
        expect(notes.updates).toEqual([new Uint8Array([4]), new Uint8Array([5])]);
        expect(notes.lastSequence).toBe(5);
        expect((await store.loadDocument(CASE_ID, DraftDocument.agreement)).updates).toEqual([new Uint8Array([9])]);
        expect((await store.loadDocument(OTHER_CASE_ID, DraftDocument.notes)).updates).toEqual([new Uint8Array([8])]);
      });
    });

    describe('drafting records', () => {
      it('writes each change with its audit entry', async () => {
        const { store, applicant } = fixture;
        await store.setPartiesMayEdit(CASE_ID, true, audit(CASE_ID));
        expect(await store.partiesMayEdit(CASE_ID)).toBe(true);
        const mark = { caseId: CASE_ID, clauseId: 'k', participantId: applicant.id, mark: 'agree' as const, comment: '', clauseHash: 'h', at: AT };
        expect(await store.putClauseMark(mark, audit(CASE_ID, 'agreement.clause-marked'))).toBe(true);
        expect(await store.putClauseMark({ ...mark, mark: 'object' }, audit(CASE_ID, 'agreement.clause-marked'))).toBe(true);
        expect(await store.listClauseMarks(CASE_ID)).toEqual([{ ...mark, mark: 'object' }]);
        expect(await store.startAgreement(CASE_ID, new Uint8Array([1]), audit(CASE_ID, 'agreement.started-from-template'))).toBe(1);
        expect(await auditTypes(store)).toEqual([
          'drafting.party-editing-changed',
          'agreement.clause-marked',
          'agreement.clause-marked',
          'agreement.started-from-template',
        ]);
      });

      it('numbers versions 1, 2, 3 … without gaps when saved at once', async () => {
        const saved = await Promise.all(Array.from({ length: 20 }, () => fixture.store.saveAgreementVersion(version(CASE_ID), () => audit(CASE_ID, 'agreement.version-saved'))));
        expect(saved.map((v) => v.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
        expect((await fixture.store.listAgreementVersions(CASE_ID)).map((v) => v.number)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      });

      it('refuses marks and a template while the agreement is frozen, writing nothing', async () => {
        const { store, applicant } = fixture;
        await freeze(store);
        const before = await auditTypes(store);
        const mark = { caseId: CASE_ID, clauseId: 'k', participantId: applicant.id, mark: 'agree' as const, comment: '', clauseHash: 'h', at: AT };
        expect(await store.putClauseMark(mark, audit(CASE_ID, 'agreement.clause-marked'))).toBe(false);
        expect(await store.startAgreement(CASE_ID, new Uint8Array([1]), audit(CASE_ID, 'agreement.started-from-template'))).toBeUndefined();
        expect(await store.listClauseMarks(CASE_ID)).toEqual([]);
        expect((await store.loadDocument(CASE_ID, DraftDocument.agreement)).updates).toEqual([]);
        expect(await auditTypes(store)).toEqual(before);
      });
    });

    describe('signing', () => {
      it('keeps one freeze in force when several are made at once', async () => {
        const results = await Promise.all(Array.from({ length: 5 }, () => freeze(fixture.store)));
        expect(results.filter(Boolean)).toHaveLength(1);
        expect((await auditTypes(fixture.store)).filter((t) => t === 'agreement.frozen')).toHaveLength(1);
        expect(await fixture.store.currentFreeze(CASE_ID)).toEqual(results.find(Boolean));
      });

      it('records a consent and a signature only for the freeze in force, a signature only after consent, each once', async () => {
        const { store, applicant, respondent } = fixture;
        const frozen = (await freeze(store))!;
        expect(await store.recordSignature(signature(frozen.id, applicant.id), audit(CASE_ID, 'signing.signed'))).toBe(false);
        expect(await store.recordConsent(frozen.id, applicant.id, AT, audit(CASE_ID, 'signing.consented'))).toBe(true);
        expect(await store.recordConsent(frozen.id, applicant.id, AT, audit(CASE_ID, 'signing.consented'))).toBe(false);
        const twice = await Promise.all([1, 2, 3].map(() => store.recordSignature(signature(frozen.id, applicant.id), audit(CASE_ID, 'signing.signed'))));
        expect(twice.filter(Boolean)).toHaveLength(1);

        expect(await store.unfreezeAgreement(frozen.id, AT, () => audit(CASE_ID, 'agreement.unfrozen'))).toBe(1);
        expect(await store.unfreezeAgreement(frozen.id, AT, () => audit(CASE_ID, 'agreement.unfrozen'))).toBeUndefined();
        expect(await store.recordConsent(frozen.id, respondent.id, AT, audit(CASE_ID, 'signing.consented'))).toBe(false);
        expect(await store.recordSignature(signature(frozen.id, respondent.id), audit(CASE_ID, 'signing.signed'))).toBe(false);
        expect(await store.listConsents(frozen.id)).toEqual(new Set([applicant.id]));
        expect((await store.listSignatures(frozen.id)).map((s) => s.participantId)).toEqual([applicant.id]);
        expect(await auditTypes(store)).toEqual(['agreement.frozen', 'signing.consented', 'signing.signed', 'agreement.unfrozen']);
      });

      it('issues only for the freeze in force, at most once per case, and an issued freeze can no longer be voided', async () => {
        const { store } = fixture;
        const voided = (await freeze(store))!;
        await store.unfreezeAgreement(voided.id, AT, () => audit(CASE_ID, 'agreement.unfrozen'));
        expect(await store.issueAgreement(issued(CASE_ID, voided.id), audit(CASE_ID, 'agreement.issued'))).toBe(false);

        const frozen = (await freeze(store))!;
        expect(await store.issueAgreement(issued(OTHER_CASE_ID, frozen.id), audit(OTHER_CASE_ID, 'agreement.issued'))).toBe(false);
        const both = await Promise.all([1, 2].map(() => store.issueAgreement(issued(CASE_ID, frozen.id), audit(CASE_ID, 'agreement.issued'))));
        expect(both.filter(Boolean)).toHaveLength(1);
        expect(await store.unfreezeAgreement(frozen.id, AT, () => audit(CASE_ID, 'agreement.unfrozen'))).toBeUndefined();
        expect(await freeze(store)).toBeUndefined();
        expect((await auditTypes(store)).filter((t) => t === 'agreement.issued')).toHaveLength(1);
      });

      it('records identity checks only of the case’s participants whose links stand, and replaces an earlier one', async () => {
        const { store, applicant, respondent } = fixture;
        const check = (participantId: string, digits = '1234') => ({
          caseId: CASE_ID,
          participantId,
          documentType: 'passport' as const,
          numberLastDigits: digits,
          alias: null,
          attestedBy: 'M',
          attestedAt: AT,
        });
        expect(await store.putIdentityAttestation(check(applicant.id), audit(CASE_ID, 'signing.identity-attested'))).toBe(true);
        expect(await store.putIdentityAttestation(check(applicant.id, '5678'), audit(CASE_ID, 'signing.identity-attested'))).toBe(true);
        await store.revokeParticipant(respondent.id, AT);
        expect(await store.putIdentityAttestation(check(respondent.id), audit(CASE_ID, 'signing.identity-attested'))).toBe(false);
        const outsider = (await store.listParticipants(`session-${OTHER_CASE_ID}`))[0]!;
        expect(await store.putIdentityAttestation(check(outsider.id), audit(CASE_ID, 'signing.identity-attested'))).toBe(false);
        expect((await store.listIdentityAttestations(CASE_ID)).map((a) => [a.participantId, a.numberLastDigits])).toEqual([[applicant.id, '5678']]);
      });

      it('never gives the same document sequence twice', async () => {
        const numbers = await Promise.all(Array.from({ length: 100 }, () => fixture.store.nextDocumentSequence()));
        expect(new Set(numbers).size).toBe(100);
      });
    });

    describe('chat', () => {
      it('lists the newest messages of one space of one case, oldest first', async () => {
        const { store } = fixture;
        const message = (id: string, space: string, n: number) => ({
          id,
          space,
          participantId: 'p1',
          name: 'P',
          role: 'applicant' as const,
          text: `message ${n}`,
          at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
        });
        for (let n = 0; n < 5; n++) await store.appendChat(CASE_ID, message(`main-${n}`, 'main', n));
        await store.appendChat(CASE_ID, message('caucus-0', 'c1', 9));
        await store.appendChat(OTHER_CASE_ID, message('other-case', 'main', 9));
        expect((await store.listChat(CASE_ID, 'main', 3)).map((m) => m.id)).toEqual(['main-2', 'main-3', 'main-4']);
        expect((await store.listChat(CASE_ID, 'c1', 10)).map((m) => m.id)).toEqual(['caucus-0']);
        expect(await store.listChat(CASE_ID, 'c2', 10)).toEqual([]);
      });
    });

    describe('the desk', () => {
      const ACTOR = TEST_ACCOUNT_ACTOR;
      const LATER = '2026-12-08T09:30:00.000Z';

      it('schedules a case at intake and writes its audit entry with it', async () => {
        const { store } = fixture;
        expect((await store.findCase(CASE_ID))?.status).toBe('intake');
        expect(await store.applyDeskAction(CASE_ID, { kind: 'schedule', scheduledAt: LATER, at: AT, actor: ACTOR })).toEqual({ kind: 'changed', from: 'intake', to: 'scheduled' });
        expect(await store.findCase(CASE_ID)).toMatchObject({ status: 'scheduled', scheduledAt: LATER, closedAt: null });
        const [entry] = (await store.listAudit(CASE_ID)).slice(1);
        expect(entry).toMatchObject({ type: 'case.scheduled', data: { scheduledAt: LATER, from: 'intake' } });
      });

      it('refuses what the state machine refuses, and then changes nothing and writes nothing', async () => {
        const { store } = fixture;
        expect(await store.applyDeskAction(CASE_ID, { kind: 'record-outcome', outcome: 'settled', note: '', at: AT, actor: ACTOR })).toMatchObject({ kind: 'refused', status: 'intake' });
        expect(await store.findCase(CASE_ID)).toMatchObject({ status: 'intake', closedAt: null, outcomeNote: '' });
        expect(await auditTypes(store)).toEqual([]);
        expect(await store.applyDeskAction('no-such-case', { kind: 'schedule', scheduledAt: LATER, at: AT, actor: ACTOR })).toEqual({ kind: 'no-such-case' });
      });

      it('closes a case with its outcome once, when several are recorded at once', async () => {
        const { store } = fixture;
        const results = await Promise.all(
          (['withdrawn', 'not-settled', 'withdrawn'] as const).map((outcome) => store.applyDeskAction(CASE_ID, { kind: 'record-outcome', outcome, note: `${outcome} note`, at: AT, actor: ACTOR })),
        );
        expect(results.filter((r) => r.kind === 'changed')).toHaveLength(1);
        expect(results.filter((r) => r.kind === 'refused')).toHaveLength(2);
        expect(await store.findCase(CASE_ID)).toMatchObject({ status: 'withdrawn', closedAt: AT, outcomeNote: 'withdrawn note' });
        expect(await auditTypes(store)).toEqual(['case.outcome-recorded']);
        expect(await store.applyDeskAction(CASE_ID, { kind: 'schedule', scheduledAt: LATER, at: AT, actor: ACTOR })).toMatchObject({ kind: 'refused' });
      });

      it('settles a case as its agreement is issued, in the issuing’s transaction, and records it settled no more than once', async () => {
        const { store } = fixture;
        await store.applyDeskAction(CASE_ID, { kind: 'schedule', scheduledAt: LATER, at: AT, actor: ACTOR });
        const frozen = (await freeze(store))!;
        const record = { ...issued(CASE_ID, frozen.id), issuedAt: LATER };
        expect(await store.issueAgreement(record, audit(CASE_ID, 'agreement.issued'))).toBe(true);
        expect(await store.findCase(CASE_ID)).toMatchObject({ status: 'settled', closedAt: LATER });
        const entries = (await store.listAudit(CASE_ID)).slice(-2);
        expect(entries.map((e) => e.type)).toEqual(['agreement.issued', 'case.status-changed']);
        expect(entries[1]).toMatchObject({ data: { from: 'scheduled', to: 'settled', cause: 'agreement-issued' } });
        expect(await store.applyDeskAction(CASE_ID, { kind: 'record-outcome', outcome: 'settled', note: '', at: AT, actor: ACTOR })).toMatchObject({ kind: 'refused' });
        expect(verifyAuditChain(await store.listAudit(CASE_ID))).toMatchObject({ valid: true });
      });

      it('keeps each time a room is held: the first puts the case in session, each ends once, and those left open end together', async () => {
        const { store } = fixture;
        await store.startRoomSession({ id: 'room-1', caseId: CASE_ID, startedAt: AT });
        expect((await store.findCase(CASE_ID))?.status).toBe('in-session');
        expect(await store.endRoomSession('room-1', LATER)).toBe(true);
        expect(await store.endRoomSession('room-1', '2027-01-01T00:00:00.000Z')).toBe(false);
        await store.startRoomSession({ id: 'room-2', caseId: CASE_ID, startedAt: LATER });
        await store.startRoomSession({ id: 'room-3', caseId: OTHER_CASE_ID, startedAt: LATER });
        expect(await store.endOpenRoomSessions('2027-01-01T00:00:00.000Z')).toBe(2);
        expect(await store.listRoomSessions(CASE_ID)).toEqual([
          { id: 'room-1', caseId: CASE_ID, startedAt: AT, endedAt: LATER },
          { id: 'room-2', caseId: CASE_ID, startedAt: LATER, endedAt: '2027-01-01T00:00:00.000Z' },
        ]);
        // In session once: the second room session leaves the status, and the log, as they were.
        expect(await auditTypes(store)).toEqual(['case.status-changed']);
      });

      it('lists a committee’s cases newest first, by status and by words of the number or title, a page at a time, with their people', async () => {
        const { store } = fixture;
        const add = async (id: string, caseNumber: string, title: string, createdAt: string) => {
          const record = { id, committeeId: 'committee-1', caseNumber, title, category: 'other' as const, waitingRoom: false, createdBy: 'account-1', createdAt };
          const people = [{ ...participant(id, Role.applicant, `${id} applicant`), contact: '138 0000 0000' }];
          await store.createCase(record, { id: `session-${id}`, caseId: id, createdAt }, people, caseCreatedEntry(record, people, TEST_ACCOUNT_ACTOR));
        };
        await add('case-c', '(2026) 调字第 3 号', '物业费纠纷', '2026-12-02T08:00:00.000Z');
        await add('case-d', '100%_D', 'Noise', '2026-12-03T08:00:00.000Z');
        await store.applyDeskAction('case-c', { kind: 'schedule', scheduledAt: LATER, at: AT, actor: ACTOR });

        const all = await store.listDeskCases('committee-1', { limit: 2, offset: 0 });
        expect(all.cases.map((c) => c.id)).toEqual(['case-d', 'case-c']);
        expect(all.total).toBe(4);
        expect(all.counts).toEqual({ intake: 3, scheduled: 1, 'in-session': 0, settled: 0, 'not-settled': 0, withdrawn: 0 });
        expect(all.cases[0]!.participants.map((p) => [p.displayName, p.contact])).toEqual([['case-d applicant', '138 0000 0000']]);
        expect((await store.listDeskCases('committee-1', { limit: 2, offset: 2 })).cases).toHaveLength(2);

        const scheduled = await store.listDeskCases('committee-1', { status: 'scheduled', limit: 10, offset: 0 });
        expect([scheduled.cases.map((c) => c.id), scheduled.total]).toEqual([['case-c'], 1]);
        expect((await store.listDeskCases('committee-1', { search: '物业', limit: 10, offset: 0 })).cases.map((c) => c.id)).toEqual(['case-c']);
        expect((await store.listDeskCases('committee-1', { search: '调字第 3', limit: 10, offset: 0 })).cases.map((c) => c.id)).toEqual(['case-c']);
        // Wildcards typed in a search are looked for as they are.
        expect((await store.listDeskCases('committee-1', { search: '0%_', limit: 10, offset: 0 })).cases.map((c) => c.id)).toEqual(['case-d']);
        expect((await store.listDeskCases('committee-1', { search: '%', limit: 10, offset: 0 })).total).toBe(1);
        expect((await store.listDeskCases('committee-2', { limit: 10, offset: 0 })).total).toBe(0);
      });
    });

    describe('the audit log', () => {
      it('chains appends made at once without a fork, numbered 1, 2, 3 …', async () => {
        await Promise.all(Array.from({ length: 100 }, () => fixture.store.appendAudit(audit(CASE_ID))));
        const entries = await fixture.store.listAudit(CASE_ID);
        expect(entries.map((e) => e.sequence)).toEqual(Array.from({ length: 101 }, (_, i) => i + 1));
        expect(verifyAuditChain(entries)).toMatchObject({ valid: true, entries: 101 });
        expect((await fixture.store.listAudit(OTHER_CASE_ID)).map((e) => e.type)).toEqual(['case.created']);
      });

      it('chains one process’s appends to a case in the order they were made, without waiting for each', async () => {
        const types = ['session.joined', 'session.left', 'session.joined', 'session.left'] as const;
        await Promise.all(types.map((type) => fixture.store.appendAudit({ ...audit(CASE_ID, type), data: {} } as AuditEntryInput)));
        expect(await auditTypes(fixture.store)).toEqual([...types]);
      });

      it('keeps every entry across a restart', async () => {
        await fixture.store.appendAudit(audit(CASE_ID));
        await fixture.store.setPartiesMayEdit(CASE_ID, true, audit(CASE_ID));
        const before = await fixture.store.listAudit(CASE_ID);
        fixture.store = await backend.reopen(fixture.store);
        expect(await fixture.store.listAudit(CASE_ID)).toEqual(before);
      });
    });

    describeArchiveContract(() => fixture.store);
    describeStatisticsContract(() => fixture.store);
  });
}

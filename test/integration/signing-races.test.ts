import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agreementHash,
  canonicalAgreement,
  ClientEvent,
  DraftDocument,
  ErrorCode,
  Role,
  ServerEvent,
  type FrozenAgreement,
  type JoinLink,
  type SigningState,
} from '@mediation/shared';
import { caseCreatedEntry } from '../../server/src/cases/case-created-entry.js';
import { issueJoinLinks } from '../../server/src/cases/issue-join-links.js';
import type { AgreementIssuing } from '../../server/src/signing/issue-agreement.js';
import type { Store } from '../../server/src/store/store.js';
import { TEST_MEDIATOR, startTestService, type TestService } from '../support/start-test-service.js';
import { DraftingParticipant } from '../support/drafting-participant.js';
import { waitUntil } from '../support/headless-participant.js';
import { CallHolds } from '../support/hold-calls.js';
import { TEST_ACCOUNT_ACTOR } from '../support/store-with-case.js';
import { TestSigner } from '../support/test-signer.js';
import { FREEZE_ANYWAY } from '../support/freeze-anyway.js';

/*
 * Each race holds one store write or the PDF render at its start, lets a competing action
 * through, then releases the held call: the outcome must be the same whatever the
 * interleaving.
 */

let service: TestService;
let storeHolds: CallHolds<Store>;
let issuingHolds: CallHolds<AgreementIssuing>;
const cleanups: (() => void)[] = [];

beforeAll(async () => {
  service = await startTestService(
    { SOCKET_EVENTS_PER_SECOND: '2000', SOCKET_EVENT_BURST: '2000' },
    {
      wrapStore: (store) => (storeHolds = new CallHolds(store)).target,
      wrapIssuing: (issuing) => (issuingHolds = new CallHolds(issuing)).target,
    },
  );
});
afterAll(async () => {
  for (const cleanup of cleanups) cleanup();
  await service.stop();
});

interface Person {
  link: JoinLink;
  participant: DraftingParticipant;
  signer: TestSigner;
  state: SigningState | null;
}

/** A case with the given people in its room, the agreement started from a template and every party's identity checked. */
async function caseInRoom(roles: Role[] = [Role.mediator, Role.applicant, Role.respondent], { attest = true } = {}) {
  const account = (await service.store.findAccountByEmail(TEST_MEDIATOR.email))!;
  const at = new Date().toISOString();
  const caseId = randomUUID();
  const roomId = randomUUID();
  const participants = roles.map((role, index) => ({
    id: randomUUID(),
    sessionId: roomId,
    caseId,
    displayName: `${role} ${index}`,
    role,
    accountId: role === Role.mediator ? account.id : null,
    revokedAt: null,
    createdAt: at,
  }));
  const caseRecord = { id: caseId, committeeId: account.committeeId!, caseNumber: `R-${caseId.slice(0, 6)}`, title: 'Race', category: 'other' as const, waitingRoom: false, createdBy: account.id, createdAt: at };
  await service.store.createCase(caseRecord, { id: roomId, caseId, createdAt: at }, participants, caseCreatedEntry(caseRecord, participants, TEST_ACCOUNT_ACTOR));
  const links = issueJoinLinks({ secret: service.secret, joinLinkTtlSeconds: 3600 }, caseRecord, participants, service.url);

  const people: Person[] = [];
  for (const link of links) {
    const participant = await DraftingParticipant.join(service.url, link, roomId);
    const person: Person = { link, participant, signer: await TestSigner.create(), state: null };
    participant.headless.socket.on(ServerEvent.signingState, (state) => (person.state = state));
    cleanups.push(() => participant.close());
    people.push(person);
  }
  const mediator = people.find((p) => p.link.role === Role.mediator)!;
  await mediator.participant.open(DraftDocument.agreement);
  await mediator.participant.headless.request(ClientEvent.startAgreement, { category: 'other', language: 'zh-CN' });
  for (const party of people.filter((p) => attest && (p.link.role === Role.applicant || p.link.role === Role.respondent))) {
    await mediator.participant.headless.request(ClientEvent.attestIdentity, {
      participantId: party.link.participantId,
      documentType: 'resident-id-card',
      numberLastDigits: '1234',
    });
  }
  const byRole = (role: Role) => people.find((p) => p.link.role === role)!;
  return { caseId, people, mediator, byRole };
}

function signRequest(person: Person, caseId: string, frozen: FrozenAgreement) {
  const { participantId, displayName: name, role } = person.link;
  return person.signer.request(caseId, frozen, { participantId, name, role });
}

async function consentAndSign(person: Person, caseId: string, frozen: FrozenAgreement) {
  await person.participant.headless.request(ClientEvent.consent, frozen);
  return person.participant.headless.request(ClientEvent.sign, await signRequest(person, caseId, frozen));
}

describe('signing under competing actions', () => {
  it('an unfreeze asked for while the agreement is being issued waits, then is refused: what is issued is the freeze in force', async () => {
    const { caseId, mediator, byRole } = await caseInRoom();
    const frozen = await mediator.participant.headless.request(ClientEvent.freezeAgreement, FREEZE_ANYWAY);
    const render = issuingHolds.next('renderPdf');
    for (const role of [Role.applicant, Role.respondent, Role.mediator]) await consentAndSign(byRole(role), caseId, frozen);

    const held = await render;
    const unfreeze = mediator.participant.headless.send(ClientEvent.unfreezeAgreement, {});
    // The freeze is still in force while the PDF is made.
    expect((await service.store.currentFreeze(caseId))?.agreementHash).toBe(frozen.agreementHash);
    await held.release();

    expect(await unfreeze).toMatchObject({ ok: false, error: { code: ErrorCode.agreementIssued } });
    const issued = (await service.store.findIssuedAgreementOfCase(caseId))!;
    const freeze = (await service.store.findFreeze(issued.freezeId))!;
    expect(freeze).toMatchObject({ agreementHash: frozen.agreementHash, voidedAt: null });
    expect((await service.store.listAudit(caseId)).filter((e) => e.type === 'agreement.unfrozen')).toHaveLength(0);
  });

  it('an edit that arrives while the freeze waits for the store is refused, and the frozen text is the text every copy shows', async () => {
    const { caseId, mediator, byRole } = await caseInRoom();
    const applicant = byRole(Role.applicant).participant;
    await mediator.participant.headless.request(ClientEvent.setPartyEditing, { allowed: true });
    await applicant.open(DraftDocument.agreement);
    // Accepted just before the freeze, on the same connection: it must be in the frozen text.
    const before = clauseEdit(mediator.participant, 'before the freeze');
    mediator.participant.pushUpdate(DraftDocument.agreement, before);

    const write = storeHolds.next('freezeAgreement');
    const freezing = mediator.participant.headless.request(ClientEvent.freezeAgreement, FREEZE_ANYWAY);
    const held = await write;
    const late = await applicant.sendUpdate(DraftDocument.agreement, clauseEdit(applicant, 'during the freeze'));
    expect(late).toMatchObject({ ok: false, error: { code: ErrorCode.agreementFrozen } });
    await held.release();
    const frozen = await freezing;

    const version = (await service.store.currentFreeze(caseId))!;
    const stored = (await service.store.findAgreementVersion(caseId, version.versionId))!;
    expect(stored.canonicalJson).toContain('before the freeze');
    expect(stored.canonicalJson).not.toContain('during the freeze');
    // The change was made beside the mediator's editor; its own copy takes it as any edit.
    Y.applyUpdate(mediator.participant.doc(DraftDocument.agreement), before);
    for (const copy of [mediator.participant, applicant]) {
      await waitUntil(() => agreementHash(canonicalAgreement(copy.doc(DraftDocument.agreement))) === frozen.agreementHash);
    }
  });

  it('a signature held at the store while the mediator unfreezes is recorded first, then voided by the unfreeze', async () => {
    const { caseId, mediator, byRole } = await caseInRoom();
    const applicant = byRole(Role.applicant);
    const frozen = await mediator.participant.headless.request(ClientEvent.freezeAgreement, FREEZE_ANYWAY);
    await applicant.participant.headless.request(ClientEvent.consent, frozen);

    const write = storeHolds.next('recordSignature');
    const signing = applicant.participant.headless.send(ClientEvent.sign, await signRequest(applicant, caseId, frozen));
    const held = await write;
    const unfreeze = mediator.participant.headless.send(ClientEvent.unfreezeAgreement, {});
    await held.release();

    expect(await signing).toMatchObject({ ok: true });
    expect(await unfreeze).toMatchObject({ ok: true });
    const unfrozen = (await service.store.listAudit(caseId)).find((e) => e.type === 'agreement.unfrozen');
    expect(unfrozen?.data).toMatchObject({ voidedSignatures: 1 });
    await waitUntil(() => applicant.state?.frozen === null);
    expect(applicant.state!.signers.some((s) => s.state === 'signed')).toBe(false);
  });

  it('a signature sent while an unfreeze is held at the store is refused and nothing is recorded for the voided freeze', async () => {
    const { caseId, mediator, byRole } = await caseInRoom();
    const applicant = byRole(Role.applicant);
    const frozen = await mediator.participant.headless.request(ClientEvent.freezeAgreement, FREEZE_ANYWAY);
    await applicant.participant.headless.request(ClientEvent.consent, frozen);
    const freeze = (await service.store.currentFreeze(caseId))!;

    const write = storeHolds.next('unfreezeAgreement');
    const unfreeze = mediator.participant.headless.send(ClientEvent.unfreezeAgreement, {});
    const held = await write;
    const signing = applicant.participant.headless.send(ClientEvent.sign, await signRequest(applicant, caseId, frozen));
    await held.release();

    expect(await unfreeze).toMatchObject({ ok: true });
    expect(await signing).toMatchObject({ ok: false, error: { code: ErrorCode.agreementNotFrozen } });
    expect(await service.store.listSignatures(freeze.id)).toHaveLength(0);
  });

  it('two signatures of one signer sent at once: one is recorded, the other is refused as already signed', async () => {
    const { caseId, mediator, byRole } = await caseInRoom();
    const applicant = byRole(Role.applicant);
    const frozen = await mediator.participant.headless.request(ClientEvent.freezeAgreement, FREEZE_ANYWAY);
    await applicant.participant.headless.request(ClientEvent.consent, frozen);
    const request = await signRequest(applicant, caseId, frozen);

    const write = storeHolds.next('recordSignature');
    const first = applicant.participant.headless.send(ClientEvent.sign, request);
    const held = await write;
    const second = applicant.participant.headless.send(ClientEvent.sign, request);
    await held.release();

    const answers = await Promise.all([first, second]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.find((a) => !a.ok)).toMatchObject({ error: { code: ErrorCode.alreadySigned } });
    const freeze = (await service.store.currentFreeze(caseId))!;
    expect(await service.store.listSignatures(freeze.id)).toHaveLength(1);
    expect((await service.store.listAudit(caseId)).filter((e) => e.type === 'signing.signed')).toHaveLength(1);
  });

  it('two mediators freezing at once make one freeze; the other is told it is frozen already', async () => {
    const { caseId, people } = await caseInRoom([Role.mediator, Role.mediator, Role.applicant, Role.respondent]);
    const [first, second] = people.filter((p) => p.link.role === Role.mediator);

    const write = storeHolds.next('freezeAgreement');
    const one = first!.participant.headless.send(ClientEvent.freezeAgreement, FREEZE_ANYWAY);
    const held = await write;
    const other = second!.participant.headless.send(ClientEvent.freezeAgreement, FREEZE_ANYWAY);
    await held.release();

    const answers = await Promise.all([one, other]);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.find((a) => !a.ok)).toMatchObject({ error: { code: ErrorCode.agreementFrozen } });
    expect((await service.store.listAudit(caseId)).filter((e) => e.type === 'agreement.frozen')).toHaveLength(1);
  });

  it('a consent sent while an unfreeze is held at the store is refused and not recorded', async () => {
    const { caseId, mediator, byRole } = await caseInRoom();
    const applicant = byRole(Role.applicant);
    const frozen = await mediator.participant.headless.request(ClientEvent.freezeAgreement, FREEZE_ANYWAY);
    const freeze = (await service.store.currentFreeze(caseId))!;

    const write = storeHolds.next('unfreezeAgreement');
    const unfreeze = mediator.participant.headless.send(ClientEvent.unfreezeAgreement, {});
    const held = await write;
    const consent = applicant.participant.headless.send(ClientEvent.consent, frozen);
    await held.release();

    expect(await unfreeze).toMatchObject({ ok: true });
    expect(await consent).toMatchObject({ ok: false, error: { code: ErrorCode.agreementNotFrozen } });
    expect((await service.store.listConsents(freeze.id)).size).toBe(0);
  });

  it('a clause mark sent while a freeze is held at the store is refused once the freeze is in force', async () => {
    const { caseId, mediator, byRole } = await caseInRoom();
    const applicant = byRole(Role.applicant);
    await applicant.participant.open(DraftDocument.agreement);
    const clauseId = (applicant.participant.doc(DraftDocument.agreement).getArray('clauses').get(0) as { get(key: string): unknown }).get('id') as string;

    const write = storeHolds.next('freezeAgreement');
    const freezing = mediator.participant.headless.request(ClientEvent.freezeAgreement, FREEZE_ANYWAY);
    const held = await write;
    const mark = applicant.participant.headless.send(ClientEvent.markClause, { clauseId, mark: 'object' });
    await held.release();
    await freezing;

    expect(await mark).toMatchObject({ ok: false, error: { code: ErrorCode.agreementFrozen } });
    expect(await service.store.listClauseMarks(caseId)).toHaveLength(0);
  });
});

describe('who signs', () => {
  it('a party signs only once their identity check is recorded, with the name the case records or the alias recorded with the check', async () => {
    const { caseId, mediator, byRole } = await caseInRoom(undefined, { attest: false });
    const applicant = byRole(Role.applicant);
    const frozen = await mediator.participant.headless.request(ClientEvent.freezeAgreement, FREEZE_ANYWAY);
    await applicant.participant.headless.request(ClientEvent.consent, frozen);
    const request = await signRequest(applicant, caseId, frozen);
    const sign = (typedName: string) => applicant.participant.headless.send(ClientEvent.sign, { ...request, typedName });

    expect(await sign(applicant.link.displayName)).toMatchObject({ ok: false, error: { code: ErrorCode.identityNotChecked } });
    const check = { participantId: applicant.link.participantId, documentType: 'passport' as const, numberLastDigits: '1234' };
    await mediator.participant.headless.request(ClientEvent.attestIdentity, check);
    expect(await sign('Zhang Wei')).toMatchObject({ ok: false, error: { code: ErrorCode.nameMismatch } });

    // The document writes the name in another script: recorded with the check, it may be typed.
    await mediator.participant.headless.request(ClientEvent.attestIdentity, { ...check, alias: 'Zhang Wei' });
    expect(await sign('  zhang  WEI ')).toMatchObject({ ok: true });
    const freeze = (await service.store.currentFreeze(caseId))!;
    expect((await service.store.listSignatures(freeze.id))[0]).toMatchObject({ typedName: 'zhang  WEI' });
  });

  it('a name differing only in spaces, letter case or character width is the same name', async () => {
    const { namesMatch } = await import('@mediation/shared');
    expect(namesMatch('张 伟', '张伟')).toBe(true);
    expect(namesMatch('ＬＩ　Ｎａ', 'Li Na')).toBe(true);
    expect(namesMatch('Zhang Wei', '张伟')).toBe(false);
    expect(namesMatch('   ', '')).toBe(false);
  });
});

describe('the checklist before freezing', () => {
  it('lists what is open (identity checks, objections, blanks, empty fields), refuses to freeze over it without a reason, and records the reason', async () => {
    const { caseId, mediator, byRole } = await caseInRoom(undefined, { attest: false });
    const applicant = byRole(Role.applicant);
    await applicant.participant.open(DraftDocument.agreement);
    const clauseId = (applicant.participant.doc(DraftDocument.agreement).getArray('clauses').get(0) as Y.Map<unknown>).get('id') as string;
    await applicant.participant.headless.request(ClientEvent.markClause, { clauseId, mark: 'object', comment: 'Too little.' });

    const { items } = await mediator.participant.headless.request(ClientEvent.checkBeforeFreeze, {});
    const kinds = items.map((item) => item.kind);
    expect(kinds.filter((kind) => kind === 'identity-not-checked')).toHaveLength(2);
    expect(items).toContainEqual({ kind: 'objection-open', clauseNumber: 1, participantId: applicant.link.participantId, name: applicant.link.displayName });
    expect(items.some((item) => item.kind === 'blank-left' && item.excerpt.includes('____'))).toBe(true);
    expect(items.filter((item) => item.kind === 'field-empty' && item.field === 'party-details')).toHaveLength(2);

    expect(await mediator.participant.headless.send(ClientEvent.freezeAgreement, {})).toMatchObject({ ok: false, error: { code: ErrorCode.checklistOpen } });
    expect(await service.store.currentFreeze(caseId)).toBeUndefined();

    const reason = 'The parties settle the date by telephone; identities were checked at the office.';
    await mediator.participant.headless.request(ClientEvent.freezeAgreement, { overrideReason: reason });
    const frozen = (await service.store.listAudit(caseId)).find((entry) => entry.type === 'agreement.frozen')!;
    expect(frozen.data).toMatchObject({ overrideReason: reason, openItems: items });
  });
});

/** An update that appends `text` to the agreement's first clause, made on a copy of the participant's document. */
function clauseEdit(participant: DraftingParticipant, text: string): Uint8Array {
  const doc = participant.doc(DraftDocument.agreement);
  const before = Y.encodeStateVector(doc);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const body = (copy.getArray('clauses').get(0) as Y.Map<unknown>).get('body') as Y.XmlFragment;
  const paragraph = body.get(0) as Y.XmlElement;
  const textNode = paragraph.get(0) as Y.XmlText;
  textNode.insert(textNode.length, text);
  return Y.encodeStateAsUpdate(copy, before);
}

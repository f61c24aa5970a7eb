import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ClientEvent,
  DraftDocument,
  ErrorCode,
  MAX_SIGNATURE_IMAGE_BYTES,
  Role,
  ServerEvent,
  type DeskPage,
  type CreatedCase,
  type FrozenAgreement,
  type SigningState,
  type VerificationReport,
} from '@mediation/shared';
import { verifyAuditChain } from '../../server/src/audit/verify-audit-chain.js';
import { createTestCase, linkOf, tokenOf } from '../support/create-test-case.js';
import { DraftingParticipant, insertionUpdate } from '../support/drafting-participant.js';
import { waitUntil } from '../support/headless-participant.js';
import { poppler } from '../support/poppler.js';
import { signaturePng } from '../support/signature-png.js';
import { certificateFiles } from '../../server/src/signing/certificates/certificate-files.js';
import { startTestService, TEST_MEDIATOR, type TestService } from '../support/start-test-service.js';
import { TestSigner, type SignerIdentity } from '../support/test-signer.js';
import { FREEZE_ANYWAY } from '../support/freeze-anyway.js';

let service: TestService;
let created: CreatedCase;
const people = new Map<string, DraftingParticipant>();
const states = new Map<string, SigningState>();

const identityOf = (role: Role): SignerIdentity => {
  const link = linkOf(created, role);
  return { participantId: link.participantId, name: link.displayName, role: link.role };
};
const person = (role: string) => people.get(role)!;

beforeAll(async () => {
  service = await startTestService({ SOCKET_EVENTS_PER_SECOND: '2000', SOCKET_EVENT_BURST: '2000' });
  created = await createTestCase(service, [
    { displayName: '王芳', role: Role.applicant },
    { displayName: '李强', role: Role.respondent },
    { displayName: 'Observer O', role: Role.observer },
  ]);
  for (const role of [Role.mediator, Role.applicant, Role.respondent, Role.observer]) {
    const participant = await DraftingParticipant.join(service.url, linkOf(created, role), created.roomId);
    participant.headless.socket.on(ServerEvent.signingState, (state) => states.set(role, state));
    people.set(role, participant);
  }
  await person(Role.mediator).open(DraftDocument.agreement);
  await person(Role.mediator).headless.request(ClientEvent.startAgreement, { category: 'road-traffic', language: 'zh-CN' });
});
afterAll(async () => {
  for (const participant of people.values()) participant.close();
  await service.stop();
});

async function download(role: Role): Promise<Uint8Array> {
  const response = await fetch(`${service.url}/api/cases/${created.caseId}/agreement.pdf`, {
    headers: { authorization: `Bearer ${tokenOf(linkOf(created, role).url)}` },
  });
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
}

async function verify(pdf: Uint8Array): Promise<VerificationReport> {
  const response = await fetch(`${service.url}/api/verify`, { method: 'POST', headers: { 'content-type': 'application/pdf' }, body: Buffer.from(pdf) });
  expect(response.status).toBe(200);
  return (await response.json()) as VerificationReport;
}

describe('the committee’s signing certificate', () => {
  it('is made when the committee is created, before any agreement is issued', async () => {
    const account = (await service.store.findAccountByEmail(TEST_MEDIATOR.email))!;
    const p12 = certificateFiles(service.dataDir).committeeP12(account.committeeId!);
    await waitUntil(() => fs.existsSync(p12), 20_000);
    expect(fs.statSync(p12).size).toBeGreaterThan(1000);
  });
});

describe('signing the agreement', () => {
  let frozen: FrozenAgreement;
  const signers = new Map<string, TestSigner>();

  it('freezes the agreement: a numbered version with its hash for everyone, and editing stops', async () => {
    const mediator = person(Role.mediator);
    for (const role of [Role.applicant, Role.respondent]) {
      await mediator.headless.request(ClientEvent.attestIdentity, {
        participantId: identityOf(role).participantId,
        documentType: 'resident-id-card',
        numberLastDigits: role === Role.applicant ? '123X' : '4567',
      });
    }
    const notMediator = await person(Role.applicant).headless.send(ClientEvent.freezeAgreement, FREEZE_ANYWAY);
    expect(notMediator).toMatchObject({ ok: false, error: { code: ErrorCode.forbidden } });

    frozen = await mediator.headless.request(ClientEvent.freezeAgreement, FREEZE_ANYWAY);
    expect(frozen.agreementHash).toMatch(/^[0-9a-f]{64}$/);
    await waitUntil(() => states.get(Role.observer)?.frozen?.agreementHash === frozen.agreementHash);
    expect(states.get(Role.applicant)!.signers.map((s) => [s.role, s.state, s.identityAttested])).toEqual([
      [Role.applicant, 'joined', true],
      [Role.respondent, 'joined', true],
      [Role.mediator, 'joined', false],
    ]);

    const edit = await mediator.sendUpdate(DraftDocument.agreement, insertionUpdate(mediator.doc(DraftDocument.agreement), 'late'));
    expect(edit).toMatchObject({ ok: false, error: { code: ErrorCode.agreementFrozen } });
    const template = await mediator.headless.send(ClientEvent.startAgreement, { category: 'other', language: 'en' });
    expect(template).toMatchObject({ ok: false, error: { code: ErrorCode.agreementFrozen } });
  });

  it('refuses a signature without consent, on a stale version, out of order, for someone else, badly signed or with a bad image', async () => {
    for (const role of [Role.applicant, Role.respondent, Role.mediator]) signers.set(role, await TestSigner.create());
    const applicant = person(Role.applicant);
    const me = identityOf(Role.applicant);
    const sign = (request: unknown, role: string = Role.applicant) => person(role).headless.send(ClientEvent.sign, request);
    const good = await signers.get(Role.applicant)!.request(created.caseId, frozen, me);

    expect(await sign(good)).toMatchObject({ ok: false, error: { code: ErrorCode.consentRequired } });
    await applicant.headless.request(ClientEvent.consent, frozen);
    await person(Role.mediator).headless.request(ClientEvent.consent, frozen);

    const stale = { ...frozen, version: frozen.version + 1 };
    expect(await sign({ ...good, version: stale.version })).toMatchObject({ ok: false, error: { code: ErrorCode.staleVersion } });
    expect(await sign({ ...good, agreementHash: 'f'.repeat(64) })).toMatchObject({ ok: false, error: { code: ErrorCode.staleVersion } });

    const mediatorFirst = await signers.get(Role.mediator)!.request(created.caseId, frozen, identityOf(Role.mediator));
    expect(await sign(mediatorFirst, Role.mediator)).toMatchObject({ ok: false, error: { code: ErrorCode.signingOutOfOrder } });

    // Signed as the respondent, sent by the applicant: the server rebuilds the payload with the sender.
    const forSomeoneElse = { ...(await signers.get(Role.applicant)!.request(created.caseId, frozen, identityOf(Role.respondent))), typedName: me.name };
    expect(await sign(forSomeoneElse)).toMatchObject({ ok: false, error: { code: ErrorCode.signatureInvalid } });
    const otherKey = await TestSigner.create();
    expect(await sign({ ...good, publicKey: otherKey.publicKey })).toMatchObject({ ok: false, error: { code: ErrorCode.signatureInvalid } });

    const oversized = signaturePng(1, 400, 200, true);
    expect(oversized.byteLength).toBeGreaterThan(MAX_SIGNATURE_IMAGE_BYTES);
    expect(await sign({ ...good, signatureImage: oversized })).toMatchObject({ ok: false, error: { code: ErrorCode.validationFailed } });
    expect(await sign({ ...good, signatureImage: new Uint8Array(100) })).toMatchObject({ ok: false, error: { code: ErrorCode.validationFailed } });
    expect(await sign({ ...good, typedName: '' })).toMatchObject({ ok: false, error: { code: ErrorCode.validationFailed } });

    const byObserver = await sign(good, Role.observer);
    expect(byObserver).toMatchObject({ ok: false, error: { code: ErrorCode.forbidden } });

    // None of that recorded a signature.
    expect((await applicant.headless.request(ClientEvent.getSigningState, {})).signers.every((s) => s.state !== 'signed')).toBe(true);
  });

  it('records a signature once: a second one is refused, and everyone sees who signed', async () => {
    const good = await signers.get(Role.applicant)!.request(created.caseId, frozen, identityOf(Role.applicant));
    const { signedAt } = await person(Role.applicant).headless.request(ClientEvent.sign, good);
    expect(Date.parse(signedAt)).not.toBeNaN();
    const again = await person(Role.applicant).headless.send(ClientEvent.sign, good);
    expect(again).toMatchObject({ ok: false, error: { code: ErrorCode.alreadySigned } });
    await waitUntil(() => states.get(Role.respondent)?.signers[0]?.state === 'signed');
  });

  it('voids every signature of the version when the mediator unfreezes it', async () => {
    await person(Role.mediator).headless.request(ClientEvent.unfreezeAgreement, {});
    await waitUntil(() => states.get(Role.applicant)?.frozen === null);
    expect(states.get(Role.applicant)!.signers.some((s) => s.state === 'signed')).toBe(false);

    const old = frozen;
    frozen = await person(Role.mediator).headless.request(ClientEvent.freezeAgreement, FREEZE_ANYWAY);
    expect(frozen.version).toBe(old.version + 1);
    const onOld = await signers.get(Role.applicant)!.request(created.caseId, old, identityOf(Role.applicant));
    const answer = await person(Role.applicant).headless.send(ClientEvent.sign, onOld);
    expect(answer).toMatchObject({ ok: false, error: { code: ErrorCode.staleVersion } });
  });

  it('issues a sealed PDF once everyone has signed: it validates, its Chinese text extracts, and any changed byte is caught', async () => {
    for (const role of [Role.applicant, Role.respondent, Role.mediator]) {
      await person(role).headless.request(ClientEvent.consent, frozen);
      const request = await signers.get(role)!.request(created.caseId, frozen, identityOf(role), { seed: role.length });
      await person(role).headless.request(ClientEvent.sign, request);
    }
    await waitUntil(() => states.get(Role.respondent)?.issued !== null && states.get(Role.respondent)?.issued !== undefined, 20_000);
    const issued = states.get(Role.respondent)!.issued!;
    expect(issued.documentNumber).toMatch(/^MA-\d{4}-\d{6}$/);

    const pdf = await download(Role.respondent);
    expect(await poppler('pdfsig', pdf)).toContain('Signature is Valid.');
    const text = (await poppler('pdftotext', pdf)).replace(/\s+/g, '');
    for (const expected of ['人民调解协议书', '王芳', '李强', issued.documentNumber]) expect(text).toContain(expected);

    const report = await verify(pdf);
    expect(report).toMatchObject({ authentic: true, tampered: false, documentNumber: issued.documentNumber, version: frozen.version });
    expect(report.signers.map((s) => [s.role, s.signatureValid])).toEqual([
      [Role.applicant, true],
      [Role.respondent, true],
      [Role.mediator, true],
    ]);

    const tampered = pdf.slice();
    const at = Math.floor(tampered.length / 3);
    tampered[at] = tampered[at]! ^ 0x01;
    expect(await poppler('pdfsig', tampered)).not.toContain('Signature is Valid.');
    expect(await verify(tampered)).toMatchObject({ authentic: false, tampered: true, documentNumber: issued.documentNumber });

    // Even a change to the document number where it stands first is caught.
    const renumbered = pdf.slice();
    const first = Buffer.from(renumbered).indexOf(issued.documentNumber, 0, 'latin1');
    renumbered[first + issued.documentNumber.length - 1] = '9'.charCodeAt(0);
    expect(await verify(renumbered)).toMatchObject({ authentic: false, tampered: true, documentNumber: issued.documentNumber });

    // A number alone: that it exists, when and by whom, its hash; no personal data.
    const lookUp = await fetch(`${service.url}/api/verify/${issued.documentNumber}`);
    expect(await lookUp.json()).toMatchObject({
      detail: 'existence',
      authentic: true,
      pdfSha256: issued.pdfSha256,
      caseNumber: null,
      agreementHash: null,
      signers: [],
    });
    // A party of the case sees who signed.
    const byParty = await fetch(`${service.url}/api/verify/${issued.documentNumber}`, {
      headers: { authorization: `Bearer ${tokenOf(linkOf(created, Role.applicant).url)}` },
    });
    expect(((await byParty.json()) as VerificationReport).signers.map((s) => s.name)).toEqual(['王芳', '李强', linkOf(created, Role.mediator).displayName]);
    // Walking the numbers from one address is slowed to a crawl.
    const walk = (n: number) => fetch(`${service.url}/api/verify/MA-1999-${String(n).padStart(6, '0')}`, { headers: { 'x-forwarded-for': '203.0.113.9' } });
    const answers = [];
    for (let n = 1; n <= 31; n++) answers.push((await walk(n)).status);
    expect(answers.slice(0, 30).every((status) => status === 200)).toBe(true);
    expect(answers[30]).toBe(429);

    const outsider = await fetch(`${service.url}/api/cases/${created.caseId}/agreement.pdf`);
    expect(outsider.status).toBe(401);

    // The committee's copy: listed with the case and downloaded with the mediator's account.
    const signIn = await fetch(`${service.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(TEST_MEDIATOR),
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const { cases } = (await (await fetch(`${service.url}/api/cases`, { headers: { cookie } })).json()) as DeskPage;
    expect(cases.find((c) => c.id === created.caseId)?.issuedAgreement).toMatchObject({ documentNumber: issued.documentNumber });
    const committeeCopy = await fetch(`${service.url}/api/cases/${created.caseId}/agreement.pdf`, { headers: { cookie } });
    expect(committeeCopy.status).toBe(200);
    expect(new Uint8Array(await committeeCopy.arrayBuffer())).toEqual(pdf);

    const audit = await service.store.listAudit(created.caseId);
    expect(verifyAuditChain(audit)).toMatchObject({ valid: true });
    expect(audit.find((e) => e.type === 'agreement.issued')).toMatchObject({ data: { documentNumber: issued.documentNumber } });
    expect(audit.filter((e) => e.type === 'signing.signed')).toHaveLength(4);
    // Every copy taken and every check of it is on record: who, how, from where.
    const downloads = audit.filter((e) => e.type === 'agreement.downloaded');
    expect(downloads.map((e) => e.actor.role)).toEqual([Role.respondent, 'account']);
    expect(downloads[0]!.actor).toMatchObject({ ip: expect.stringMatching(/127\.0\.0\.1/), device: expect.any(String) });
    const checks = audit.filter((e) => e.type === 'agreement.verified').map((e) => e.data);
    expect(checks).toEqual([
      { documentNumber: issued.documentNumber, method: 'upload', verdict: 'authentic' },
      { documentNumber: issued.documentNumber, method: 'upload', verdict: 'tampered' },
      { documentNumber: issued.documentNumber, method: 'upload', verdict: 'tampered' },
      { documentNumber: issued.documentNumber, method: 'number', verdict: 'authentic' },
      { documentNumber: issued.documentNumber, method: 'number', verdict: 'authentic' },
    ]);
  });
});

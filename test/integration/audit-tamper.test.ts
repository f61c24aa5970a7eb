import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientEvent, DraftDocument, ErrorCode, Role, ServerEvent, type CreatedCase, type RecordCheck, type SigningState } from '@mediation/shared';
import { createTestCase, linkOf } from '../support/create-test-case.js';
import { DraftingParticipant } from '../support/drafting-participant.js';
import { waitUntil } from '../support/headless-participant.js';
import { startTestService, TEST_MEDIATOR, type TestService } from '../support/start-test-service.js';
import { TestSigner } from '../support/test-signer.js';
import { FREEZE_ANYWAY } from '../support/freeze-anyway.js';

let service: TestService;
let created: CreatedCase;
let cookie: string;
const people = new Map<Role, DraftingParticipant>();
let mediatorState: SigningState | null = null;

beforeAll(async () => {
  service = await startTestService({ SOCKET_EVENTS_PER_SECOND: '2000', SOCKET_EVENT_BURST: '2000' });
  created = await createTestCase(service);
  for (const role of [Role.mediator, Role.applicant, Role.respondent]) {
    people.set(role, await DraftingParticipant.join(service.url, linkOf(created, role), created.roomId));
  }
  people.get(Role.mediator)!.headless.socket.on(ServerEvent.signingState, (state) => (mediatorState = state));
  const signIn = await fetch(`${service.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(TEST_MEDIATOR),
  });
  cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
});
afterAll(async () => {
  for (const person of people.values()) person.close();
  await service.stop();
});

async function recordCheck(): Promise<RecordCheck> {
  const response = await fetch(`${service.url}/api/cases/${created.caseId}/record-check`, { headers: { cookie } });
  expect(response.status).toBe(200);
  return (await response.json()) as RecordCheck;
}

describe('a tampered audit log', () => {
  it('is reported by the case’s record check, and the agreement is not issued on it', async () => {
    const mediator = people.get(Role.mediator)!;
    await mediator.open(DraftDocument.agreement);
    await mediator.headless.request(ClientEvent.startAgreement, { category: 'other', language: 'zh-CN' });
    for (const role of [Role.applicant, Role.respondent]) {
      await mediator.headless.request(ClientEvent.attestIdentity, { participantId: linkOf(created, role).participantId, documentType: 'passport', numberLastDigits: '1234' });
    }
    const frozen = await mediator.headless.request(ClientEvent.freezeAgreement, FREEZE_ANYWAY);
    const intact = await recordCheck();
    expect(intact).toMatchObject({ valid: true });
    expect(intact.entries).toBeGreaterThanOrEqual(5);

    for (const role of [Role.applicant, Role.respondent]) {
      const link = linkOf(created, role);
      const signer = await TestSigner.create();
      await people.get(role)!.headless.request(ClientEvent.consent, frozen);
      const request = await signer.request(created.caseId, frozen, { participantId: link.participantId, name: link.displayName, role });
      await people.get(role)!.headless.request(ClientEvent.sign, request);
    }

    // Someone with the database file in hand rewrites an entry (the triggers that forbid it dropped first).
    const db = new Database(path.join(service.dataDir, 'mediation.sqlite'));
    const template = db.prepare("SELECT sequence FROM audit_entries WHERE case_id = ? AND type = 'agreement.started-from-template'").get(created.caseId) as {
      sequence: number;
    };
    db.exec('DROP TRIGGER audit_entries_no_update');
    db.prepare('UPDATE audit_entries SET data = ? WHERE case_id = ? AND sequence = ?').run('{"category":"other","language":"en"}', created.caseId, template.sequence);
    db.close();

    expect(await recordCheck()).toMatchObject({ valid: false, brokenAt: { sequence: template.sequence, reason: 'hash-mismatch' } });

    const link = linkOf(created, Role.mediator);
    const signer = await TestSigner.create();
    await mediator.headless.request(ClientEvent.consent, frozen);
    await mediator.headless.request(
      ClientEvent.sign,
      await signer.request(created.caseId, frozen, { participantId: link.participantId, name: link.displayName, role: Role.mediator }),
    );
    await waitUntil(() => mediatorState?.issueFailure !== null && mediatorState?.issueFailure !== undefined, 20_000);
    expect(mediatorState).toMatchObject({ issued: null, issueFailure: { code: ErrorCode.auditChainBroken } });
    expect(await service.store.findIssuedAgreementOfCase(created.caseId)).toBeUndefined();
  });

  it('is checked only for an account of the case’s committee', async () => {
    const outsider = await fetch(`${service.url}/api/cases/${created.caseId}/record-check`);
    expect(outsider.status).toBe(401);
  });
});

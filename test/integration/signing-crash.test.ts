import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { ClientEvent, Role, type CreatedCase } from '@mediation/shared';
import { linkOf, tokenOf } from '../support/create-test-case.js';
import { DraftingParticipant } from '../support/drafting-participant.js';
import { waitUntil } from '../support/headless-participant.js';
import { createCaseOverHttp, freePort, killHard, startServiceProcess } from '../support/service-process.js';
import { TestSigner } from '../support/test-signer.js';
import { FREEZE_ANYWAY } from '../support/freeze-anyway.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediation-sign-crash-'));
let service: ChildProcess | undefined;
const people: DraftingParticipant[] = [];

async function joinCase(url: string, created: CreatedCase, role: Role): Promise<DraftingParticipant> {
  const participant = await DraftingParticipant.join(url, linkOf(created, role), created.roomId);
  people.push(participant);
  return participant;
}

/**
 * The mediator and the applicant join; the mediator starts the agreement from a template,
 * records both parties' identity checks (a party signs only after theirs) and freezes it.
 */
async function joinAndFreeze(url: string, created: CreatedCase) {
  const mediator = await joinCase(url, created, Role.mediator);
  const applicant = await joinCase(url, created, Role.applicant);
  await mediator.headless.request(ClientEvent.startAgreement, { category: 'consumer', language: 'en' });
  for (const party of created.links.filter((link) => link.role === Role.applicant || link.role === Role.respondent)) {
    await mediator.headless.request(ClientEvent.attestIdentity, { participantId: party.participantId, documentType: 'passport', numberLastDigits: '1234' });
  }
  const frozen = await mediator.headless.request(ClientEvent.freezeAgreement, FREEZE_ANYWAY);
  return { mediator, applicant, frozen };
}

afterAll(async () => {
  for (const participant of people) participant.close();
  if (service) await killHard(service);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a server killed right after a signature is acknowledged', () => {
  it('still has the signature after a restart', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    service = await startServiceProcess(dataDir, port);
    const created: CreatedCase = await createCaseOverHttp(url, {
      caseNumber: 'SIGN-CRASH-1',
      title: 'Crash after signing',
      category: 'consumer',
      waitingRoom: false,
      participants: [
        { displayName: 'Applicant A', role: Role.applicant },
        { displayName: 'Respondent B', role: Role.respondent },
      ],
    });
    const link = (role: Role) => linkOf(created, role);
    const join = (role: Role) => joinCase(url, created, role);
    const { applicant, frozen } = await joinAndFreeze(url, created);
    await applicant.headless.request(ClientEvent.consent, frozen);
    const signer = await TestSigner.create();
    const { participantId, displayName: name, role } = link(Role.applicant);
    const request = await signer.request(created.caseId, frozen, { participantId, name, role }, { language: 'en' });
    const answer = await applicant.headless.request(ClientEvent.sign, request);
    expect(answer.signedAt).toBeTruthy();

    await killHard(service);
    service = await startServiceProcess(dataDir, port);

    const back = await join(Role.respondent);
    const state = await back.headless.request(ClientEvent.getSigningState, {});
    expect(state.frozen).toMatchObject({ version: frozen.version, agreementHash: frozen.agreementHash });
    expect(state.signers.find((s) => s.participantId === participantId)).toMatchObject({ state: 'signed', signedAt: answer.signedAt });
  }, 120_000);

  it('issues the agreement after a restart when it was killed right after the last signature', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    await killHard(service!);
    service = await startServiceProcess(dataDir, port);
    const created: CreatedCase = await createCaseOverHttp(url, {
      caseNumber: 'SIGN-CRASH-2',
      title: 'Crash after the last signature',
      category: 'consumer',
      waitingRoom: false,
      participants: [{ displayName: 'Applicant C', role: Role.applicant }],
    });
    const link = (role: Role) => linkOf(created, role);
    const join = (role: Role) => joinCase(url, created, role);
    const { mediator, applicant, frozen } = await joinAndFreeze(url, created);
    for (const [role, participant] of [[Role.applicant, applicant], [Role.mediator, mediator]] as const) {
      await participant.headless.request(ClientEvent.consent, frozen);
      const { participantId, displayName: name } = link(role);
      const signer = await TestSigner.create();
      await participant.headless.request(ClientEvent.sign, await signer.request(created.caseId, frozen, { participantId, name, role }, { language: 'en' }));
    }
    // Killed as soon as the last signature is acknowledged, before (or while) the PDF is made.
    await killHard(service);
    service = await startServiceProcess(dataDir, port);

    const back = await join(Role.applicant);
    await waitUntil(async () => (await back.headless.request(ClientEvent.getSigningState, {})).issued !== null, 20_000);
    const response = await fetch(`${url}/api/cases/${created.caseId}/agreement.pdf`, {
      headers: { authorization: `Bearer ${tokenOf(link(Role.applicant).url)}` },
    });
    expect(response.status).toBe(200);
    expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
  }, 120_000);
});

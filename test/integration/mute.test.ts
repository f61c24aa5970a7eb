import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientEvent, ErrorCode, Role, ServerEvent, type CreatedCase, type HeldByMediatorPush, type UnmuteAskedPush } from '@mediation/shared';
import { createTestCase, linkOf, tokenOf } from '../support/create-test-case.js';
import { HeadlessParticipant, waitUntil } from '../support/headless-participant.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

/**
 * The mediator mutes a party: the server pauses their producer whatever their page does,
 * they are told, they cannot resume (not even by reconnecting) until the mediator allows
 * it, and their asking to unmute reaches the mediator.
 */

let service: TestService;
let created: CreatedCase;
let mediator: HeadlessParticipant;
let applicant: HeadlessParticipant;
const pushes: HeldByMediatorPush[] = [];
const asks: UnmuteAskedPush[] = [];

async function connect(role: Role, onEvent: (event: string, ...args: unknown[]) => void = () => undefined): Promise<HeadlessParticipant> {
  const person = await HeadlessParticipant.connect(service.url, { token: tokenOf(linkOf(created, role).url), roomId: created.roomId }, onEvent);
  await person.joinWithMedia();
  return person;
}
const applicantsProducer = (source: 'microphone' | 'camera') => {
  const participant = service.rooms.list()[0]!.participants.get(linkOf(created, Role.applicant).participantId)!;
  return [...participant.producers.values()].find((producer) => producer.appData.source === source)!;
};
const onApplicantEvent = (event: string, ...args: unknown[]) => {
  if (event === ServerEvent.heldByMediator) pushes.push(args[0] as HeldByMediatorPush);
};

beforeAll(async () => {
  service = await startTestService();
  created = await createTestCase(service);
  mediator = await connect(Role.mediator, (event, ...args) => {
    if (event === ServerEvent.unmuteAsked) asks.push(args[0] as UnmuteAskedPush);
  });
  applicant = await connect(Role.applicant, onApplicantEvent);
});
afterAll(async () => {
  mediator?.close();
  applicant?.close();
  await service?.stop();
});

describe('muting by the mediator', () => {
  it('pauses the party’s microphone on the server, tells them, and shows everyone', async () => {
    await mediator.request(ClientEvent.muteParticipant, { participantId: applicant.id, source: 'microphone' });
    expect(applicantsProducer('microphone').paused).toBe(true);
    await waitUntil(() => pushes.some((push) => push.source === 'microphone' && push.held));
    await waitUntil(() => mediator.participants.get(applicant.id)?.held.includes('microphone') === true);
    expect((await service.store.listAudit(created.caseId)).map((entry) => entry.type)).toContain('participant.muted');
  });

  it('the party cannot resume it, not even by reconnecting and sending it anew', async () => {
    const producerId = applicantsProducer('microphone').id;
    const refused = await applicant.send(ClientEvent.setProducerPaused, { producerId, paused: false });
    expect(refused).toMatchObject({ ok: false, error: { code: ErrorCode.heldByMediator } });
    expect(applicantsProducer('microphone').paused).toBe(true);

    applicant.close();
    applicant = await connect(Role.applicant, onApplicantEvent);
    expect(applicant.welcome.self.held).toEqual(['microphone']);
    expect(applicantsProducer('microphone').paused).toBe(true);
  });

  it('asking to unmute reaches the mediator; asking about what is not muted is a conflict', async () => {
    await applicant.request(ClientEvent.askToUnmute, { source: 'microphone' });
    await waitUntil(() => asks.some((ask) => ask.participantId === applicant.id && ask.source === 'microphone'));
    expect(await applicant.send(ClientEvent.askToUnmute, { source: 'camera' })).toMatchObject({ ok: false, error: { code: ErrorCode.conflict } });
  });

  it('allowed again, the party unmutes themselves', async () => {
    await mediator.request(ClientEvent.allowUnmute, { participantId: applicant.id, source: 'microphone' });
    await waitUntil(() => pushes.some((push) => push.source === 'microphone' && !push.held));
    expect(applicantsProducer('microphone').paused).toBe(true);
    await applicant.request(ClientEvent.setProducerPaused, { producerId: applicantsProducer('microphone').id, paused: false });
    expect(applicantsProducer('microphone').paused).toBe(false);
  });

  it('nobody mutes the mediator, and a party mutes nobody', async () => {
    const self = await mediator.send(ClientEvent.muteParticipant, { participantId: mediator.id, source: 'camera' });
    expect(self).toMatchObject({ ok: false, error: { code: ErrorCode.forbidden } });
    const byParty = await applicant.send(ClientEvent.muteParticipant, { participantId: mediator.id, source: 'camera' });
    expect(byParty).toMatchObject({ ok: false, error: { code: ErrorCode.forbidden } });
  });
});

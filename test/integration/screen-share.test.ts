import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ClientEvent,
  ErrorCode,
  MAIN_SPACE,
  Role,
  ServerEvent,
  type Ack,
  type CreatedCase,
  type ProducerClosedPayload,
  type ProduceResult,
} from '@mediation/shared';
import { createTestCase, linkOf, tokenOf } from '../support/create-test-case.js';
import { fakeRtpParameters, HeadlessParticipant, waitUntil } from '../support/headless-participant.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

/**
 * Screen sharing over real sockets and a real mediasoup worker: the mediator shares at will,
 * a party once allowed; one screen per space, the mediator's replacing a party's; withdrawing
 * the leave ends the share at once; a screen never crosses a space's boundary, and does not
 * survive its sharer's connection.
 */

const PEOPLE = [Role.mediator, Role.applicant, Role.respondent] as const;
type Person = (typeof PEOPLE)[number];

let service: TestService;
let created: CreatedCase;
const people = new Map<Person, HeadlessParticipant>();
/** Every producer the server closed under each person, with its reason. */
const closedUnder = new Map<Person, ProducerClosedPayload[]>();

const idOf = (role: Person) => linkOf(created, role).participantId;
const person = (role: Person) => people.get(role)!;
const room = () => service.rooms.list()[0]!;

async function connect(role: Person): Promise<HeadlessParticipant> {
  people.get(role)?.close();
  const joined = await HeadlessParticipant.connect(service.url, { token: tokenOf(linkOf(created, role).url), roomId: created.roomId }, (event, ...args) => {
    if (event === ServerEvent.producerClosed) closedUnder.set(role, [...(closedUnder.get(role) ?? []), args[0] as ProducerClosedPayload]);
  });
  people.set(role, joined);
  await joined.joinWithMedia();
  return joined;
}

/** Starts sharing a screen the way a browser does: a second video track on the send transport. */
function shareScreen(role: Person): Promise<Ack<ProduceResult>> {
  const sharer = person(role);
  return sharer.send(ClientEvent.produce, {
    transportId: sharer.welcome.sendTransport!.id,
    kind: 'video',
    source: 'screen',
    rtpParameters: fakeRtpParameters('video', '2'),
  }) as Promise<Ack<ProduceResult>>;
}

async function sharedScreen(role: Person): Promise<string> {
  const answer = await shareScreen(role);
  if (!answer.ok) throw new Error(`${role} could not share: ${answer.error.code}`);
  return answer.data.producerId;
}

/** The screen producers on the server, by whose they are. */
function screensOnServer(): Person[] {
  return PEOPLE.filter((role) => room().participants.get(idOf(role))?.producerOf('screen') !== undefined);
}

/** Whether `viewer` holds a consumer of `sharer`'s screen, by its own account and by the server's. */
function watches(viewer: Person, sharer: Person): boolean {
  const mine = [...person(viewer).consumers.values()].some((c) => c.participantId === idOf(sharer) && c.source === 'screen');
  const screen = room().participants.get(idOf(sharer))?.producerOf('screen');
  const onServer = screen !== undefined && [...room().participants.get(idOf(viewer))!.consumers.values()].some((c) => c.producerId === screen.id);
  return mine && onServer;
}

function allow(role: Person, allowed: boolean): Promise<unknown> {
  return person(Role.mediator).request(ClientEvent.allowScreenShare, { participantId: idOf(role), allowed });
}

async function stopSharing(role: Person): Promise<void> {
  const screen = room().participants.get(idOf(role))!.producerOf('screen')!;
  await person(role).request(ClientEvent.closeProducer, { producerId: screen.id });
}

beforeAll(async () => {
  service = await startTestService();
  created = await createTestCase(service, [
    { displayName: 'Applicant A', role: Role.applicant },
    { displayName: 'Respondent A', role: Role.respondent },
  ]);
  for (const role of PEOPLE) await connect(role);
});
afterAll(async () => {
  for (const joined of people.values()) joined.close();
  await service?.stop();
});

describe('screen sharing', () => {
  it('the mediator shares a screen, and everyone else consumes it as a screen, apart from the camera', async () => {
    await sharedScreen(Role.mediator);
    await waitUntil(() => watches(Role.applicant, Role.mediator) && watches(Role.respondent, Role.mediator));
    const tracks = [...person(Role.applicant).consumers.values()].filter((c) => c.participantId === idOf(Role.mediator));
    expect(tracks.map((c) => c.source).sort()).toEqual(['camera', 'microphone', 'screen']);
  });

  it('a party the mediator has not allowed is refused, and no producer of theirs exists', async () => {
    const refused = await shareScreen(Role.applicant);
    expect(refused).toMatchObject({ ok: false, error: { code: ErrorCode.screenShareNotAllowed } });
    expect(screensOnServer()).toEqual([Role.mediator]);
  });

  it('an allowed party waits while the mediator shares: SCREEN_SHARE_BUSY', async () => {
    await allow(Role.applicant, true);
    await waitUntil(() => person(Role.respondent).participants.get(idOf(Role.applicant))?.screenShareAllowed === true);
    expect(await shareScreen(Role.applicant)).toMatchObject({ ok: false, error: { code: ErrorCode.screenShareBusy } });
    expect(screensOnServer()).toEqual([Role.mediator]);
  });

  it('once the mediator stops, the allowed party shares and the others consume it', async () => {
    await stopSharing(Role.mediator);
    await waitUntil(() => !watches(Role.applicant, Role.mediator) && !watches(Role.respondent, Role.mediator));
    await sharedScreen(Role.applicant);
    await waitUntil(() => watches(Role.mediator, Role.applicant) && watches(Role.respondent, Role.applicant));
  });

  it('the mediator sharing takes the screen over: the party’s share ends and they are told why', async () => {
    const partyScreen = room().participants.get(idOf(Role.applicant))!.producerOf('screen')!.id;
    await sharedScreen(Role.mediator);
    expect(screensOnServer()).toEqual([Role.mediator]);
    await waitUntil(() => closedUnder.get(Role.applicant)?.some((closed) => closed.producerId === partyScreen) === true);
    expect(closedUnder.get(Role.applicant)!.at(-1)).toMatchObject({ source: 'screen', reason: { code: ErrorCode.screenShareTakenOver } });
    await waitUntil(() => !watches(Role.respondent, Role.applicant) && watches(Role.respondent, Role.mediator));
    await stopSharing(Role.mediator);
  });

  it('withdrawing the leave closes the party’s screen and everyone’s consumers of it at once', async () => {
    const screen = await sharedScreen(Role.applicant);
    await waitUntil(() => watches(Role.mediator, Role.applicant) && watches(Role.respondent, Role.applicant));
    await allow(Role.applicant, false);
    expect(screensOnServer()).toEqual([]);
    await waitUntil(() => !watches(Role.mediator, Role.applicant) && !watches(Role.respondent, Role.applicant));
    await waitUntil(() => closedUnder.get(Role.applicant)?.some((closed) => closed.producerId === screen) === true);
    expect(closedUnder.get(Role.applicant)!.at(-1)!.reason.code).toBe(ErrorCode.screenShareNotAllowed);
    await waitUntil(() => person(Role.respondent).participants.get(idOf(Role.applicant))?.screenShareAllowed === false);
    expect(await shareScreen(Role.applicant)).toMatchObject({ ok: false, error: { code: ErrorCode.screenShareNotAllowed } });
    const audit = (await service.store.listAudit(created.caseId)).map((entry) => entry.type);
    expect(audit).toContain('participant.screen-share-allowed');
    expect(audit).toContain('participant.screen-share-withdrawn');
  });

  it('a screen shared in a caucus is never consumed in the main room, which may show a screen of its own', async () => {
    const { caucusId } = await person(Role.mediator).request(ClientEvent.openCaucus, {
      participantIds: [idOf(Role.applicant)],
      name: 'Applicant side',
      stayInMain: false,
    });
    await waitUntil(() => room().spaceOf(idOf(Role.mediator)) === caucusId && room().spaceOf(idOf(Role.applicant)) === caucusId);
    await sharedScreen(Role.mediator);
    // The offers of a new screen go out to everyone at once: the applicant holding theirs means
    // the respondent's, had one been made, would be there too.
    await waitUntil(() => watches(Role.applicant, Role.mediator));

    // One screen per space, not per room: the respondent, allowed, shares in the main room meanwhile.
    await allow(Role.respondent, true);
    await sharedScreen(Role.respondent);
    expect(screensOnServer().sort()).toEqual([Role.mediator, Role.respondent].sort());
    expect(watches(Role.respondent, Role.mediator)).toBe(false);
    expect(watches(Role.applicant, Role.respondent)).toBe(false);
    expect(watches(Role.mediator, Role.respondent)).toBe(false);
    const respondentConsumers = [...room().participants.get(idOf(Role.respondent))!.consumers.values()];
    const caucusScreen = room().participants.get(idOf(Role.mediator))!.producerOf('screen')!.id;
    expect(respondentConsumers.some((c) => c.producerId === caucusScreen)).toBe(false);

    // Back in the main room, the caucus's screen stays behind: it ends, and the main room keeps its own.
    await person(Role.mediator).request(ClientEvent.closeCaucus, { caucusId });
    await waitUntil(() => room().spaceOf(idOf(Role.mediator)) === MAIN_SPACE);
    expect(screensOnServer()).toEqual([Role.respondent]);
    await waitUntil(() => closedUnder.get(Role.mediator)?.some((closed) => closed.producerId === caucusScreen) === true);
    expect(closedUnder.get(Role.mediator)!.at(-1)!.reason.code).toBe(ErrorCode.movedToAnotherSpace);
    await waitUntil(() => watches(Role.mediator, Role.respondent) && watches(Role.applicant, Role.respondent));
    expect(watches(Role.respondent, Role.mediator)).toBe(false);
  });

  it('a share ends with its connection: back after a reconnection, the party is not sharing but keeps the leave', async () => {
    const rejoined = await connect(Role.respondent);
    await waitUntil(() => screensOnServer().length === 0);
    await waitUntil(() => !watches(Role.mediator, Role.respondent));
    expect(rejoined.welcome.self.screenShareAllowed).toBe(true);
    expect([...rejoined.consumers.values()].some((c) => c.source === 'screen')).toBe(false);
    await sharedScreen(Role.respondent);
    await waitUntil(() => watches(Role.applicant, Role.respondent));
  });
});

import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientEvent, ErrorCode, Role, ServerEvent, type Ack, type CreatedCase, type ErrorBody, type LobbyState } from '@mediation/shared';
import { createTestCase, linkOf, tokenOf } from '../support/create-test-case.js';
import { HeadlessParticipant, waitUntil, type RoomClientSocket } from '../support/headless-participant.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

/**
 * The lobby, the lock, removal and the end of a session, over real sockets against a real
 * service: a party waits until the mediator lets them in, and nothing of the room reaches
 * them before; whoever is turned away, locked out or removed is told why and gets nothing.
 */

/** A person at the door, on a raw socket: every event they receive is kept, in order. */
class AtTheDoor {
  readonly events: string[] = [];
  /** Whether a mediator was in the room, as each `lobby:waiting` said. */
  readonly mediatorPresence: boolean[] = [];
  closedWith: ErrorBody | null = null;
  refusedWith: ErrorBody | null = null;
  lobbyState: LobbyState | null = null;

  constructor(readonly socket: RoomClientSocket) {
    socket.onAny((event: string) => this.events.push(event));
    socket.on(ServerEvent.lobbyWaiting, (payload, ack) => {
      this.mediatorPresence.push(payload.mediatorPresent);
      ack();
    });
    socket.on(ServerEvent.roomClosed, (reason) => (this.closedWith = reason));
    socket.on('connect_error', (error: Error & { data?: ErrorBody }) => (this.refusedWith = error.data ?? null));
  }

  static open(service: TestService, created: CreatedCase, role: Role): AtTheDoor {
    const auth = { token: tokenOf(linkOf(created, role).url), roomId: created.roomId, devices: { camera: true, microphone: false } };
    return new AtTheDoor(io(service.url, { auth, transports: ['websocket'], reconnection: false, forceNew: true }));
  }

  send(event: string, payload: unknown): Promise<Ack<unknown>> {
    return (this.socket as unknown as Socket).timeout(10_000).emitWithAck(event, payload);
  }

  close(): void {
    this.socket.close();
  }
}

let service: TestService;
let created: CreatedCase;
let mediator: HeadlessParticipant;
let lobby: LobbyState | null = null;
const open: AtTheDoor[] = [];

function door(role: Role): AtTheDoor {
  const person = AtTheDoor.open(service, created, role);
  open.push(person);
  return person;
}
const idOf = (role: Role) => linkOf(created, role).participantId;
const waitingIds = () => lobby?.waiting.map((w) => w.participantId) ?? [];
const auditTypes = async () => (await service.store.listAudit(created.caseId)).map((entry) => entry.type);

beforeAll(async () => {
  service = await startTestService();
  created = await createTestCase(service, undefined, { waitingRoom: true });
  mediator = await HeadlessParticipant.connect(
    service.url,
    { token: tokenOf(linkOf(created, Role.mediator).url), roomId: created.roomId },
    (event, ...args) => {
      if (event === ServerEvent.lobbyState) lobby = args[0] as LobbyState;
    },
  );
});
afterAll(async () => {
  for (const person of open) person.close();
  mediator?.close();
  await service?.stop();
});

describe('the lobby', () => {
  let applicant: AtTheDoor;

  it('the mediator comes straight in and is shown an empty, unlocked lobby', async () => {
    await waitUntil(() => lobby !== null);
    expect(lobby).toEqual({ locked: false, waiting: [] });
  });

  it('a party waits: the mediator sees them with their devices and connection, and they get nothing of the room', async () => {
    applicant = door(Role.applicant);
    await waitUntil(() => waitingIds().includes(idOf(Role.applicant)));
    await waitUntil(() => lobby?.waiting[0]?.quality !== 'unknown');
    expect(lobby?.waiting[0]).toMatchObject({ name: 'Applicant A', role: Role.applicant, devices: { camera: true, microphone: false }, quality: 'good' });

    // Whatever they ask for, they are told to wait, and nothing changes.
    const auditBefore = (await auditTypes()).length;
    for (const [event, payload] of [
      [ClientEvent.ready, { rtpCapabilities: mediator.welcome.routerRtpCapabilities }],
      [ClientEvent.draftSync, { document: 'notes', message: 'AAA=' }],
      [ClientEvent.markClause, { clauseId: 'x', mark: 'agree' }],
      [ClientEvent.admit, { participantId: idOf(Role.applicant) }],
    ] as const) {
      const answer = await applicant.send(event, payload);
      expect(answer).toMatchObject({ ok: false, error: { code: ErrorCode.notAdmitted } });
    }
    expect((await auditTypes()).length).toBe(auditBefore);
    expect(applicant.events).toEqual([ServerEvent.lobbyWaiting]);
  });

  it('let in, the party is welcomed and given the documents; the admission is in the audit log', async () => {
    await mediator.request(ClientEvent.admit, { participantId: idOf(Role.applicant) });
    await waitUntil(() => applicant.events.includes(ServerEvent.welcome) && applicant.events.includes(ServerEvent.draftingState));
    expect(waitingIds()).toEqual([]);
    expect(await auditTypes()).toContain('lobby.admitted');
    // Letting in someone who no longer waits is NOT_FOUND.
    const again = await mediator.send(ClientEvent.admit, { participantId: idOf(Role.applicant) });
    expect(again).toMatchObject({ ok: false, error: { code: ErrorCode.notFound } });
  });

  it('a party turned away is told so, and their connection ends', async () => {
    const respondent = door(Role.respondent);
    await waitUntil(() => waitingIds().includes(idOf(Role.respondent)));
    await mediator.request(ClientEvent.turnAway, { participantId: idOf(Role.respondent) });
    await waitUntil(() => respondent.closedWith !== null && respondent.socket.disconnected);
    expect(respondent.closedWith?.code).toBe(ErrorCode.turnedAway);
    expect(respondent.events).not.toContain(ServerEvent.welcome);
    expect(waitingIds()).toEqual([]);
    expect(await auditTypes()).toContain('lobby.turned-away');
  });

  it('a person who leaves the lobby is gone from the mediator’s list', async () => {
    const respondent = door(Role.respondent);
    await waitUntil(() => waitingIds().includes(idOf(Role.respondent)));
    respondent.close();
    await waitUntil(() => !waitingIds().includes(idOf(Role.respondent)));
  });
});

describe('the lock', () => {
  it('locked, nobody new gets in, not even into the lobby; whoever was let in before comes back', async () => {
    await mediator.request(ClientEvent.setLocked, { locked: true });
    await waitUntil(() => lobby?.locked === true);

    const respondent = door(Role.respondent);
    await waitUntil(() => respondent.closedWith !== null);
    expect(respondent.closedWith?.code).toBe(ErrorCode.roomLocked);
    expect(respondent.events).not.toContain(ServerEvent.lobbyWaiting);
    expect(waitingIds()).toEqual([]);

    // The applicant, let in earlier, reloads: back in at once.
    const back = door(Role.applicant);
    await waitUntil(() => back.events.includes(ServerEvent.welcome));
    expect(back.events).not.toContain(ServerEvent.lobbyWaiting);

    await mediator.request(ClientEvent.setLocked, { locked: false });
    await waitUntil(() => lobby?.locked === false);
    expect((await auditTypes()).filter((type) => type === 'room.lock-changed')).toHaveLength(2);
  });
});

describe('removing someone', () => {
  it('removed, the party leaves at once and their link no longer opens the case', async () => {
    const applicant = open.findLast((person) => person.events.includes(ServerEvent.welcome) && person.socket.connected)!;
    await mediator.request(ClientEvent.removeParticipant, { participantId: idOf(Role.applicant) });
    await waitUntil(() => applicant.closedWith !== null && applicant.socket.disconnected);
    expect(applicant.closedWith?.code).toBe(ErrorCode.removed);
    await waitUntil(() => !mediator.participants.has(idOf(Role.applicant)));

    const again = door(Role.applicant);
    await waitUntil(() => again.refusedWith !== null);
    expect(again.refusedWith?.code).toBe(ErrorCode.tokenRevoked);
    expect(await auditTypes()).toContain('participant.removed');
  });

  it('the mediator cannot be removed', async () => {
    const answer = await mediator.send(ClientEvent.removeParticipant, { participantId: idOf(Role.mediator) });
    expect(answer).toMatchObject({ ok: false, error: { code: ErrorCode.forbidden } });
  });
});

describe('ending the session', () => {
  it('ends it for everyone: whoever waits is sent away, the mediator is disconnected after the answer, and the next session starts with an empty lobby', async () => {
    const respondent = door(Role.respondent);
    await waitUntil(() => waitingIds().includes(idOf(Role.respondent)));
    await mediator.request(ClientEvent.endSession, {});
    await waitUntil(() => respondent.closedWith !== null && mediator.socket.disconnected);
    expect(respondent.closedWith?.code).toBe(ErrorCode.sessionEnded);
    expect(await auditTypes()).toContain('session.ended');

    // A new session: the respondent, who was never let in, waits again until the mediator returns.
    lobby = null;
    const next = door(Role.respondent);
    await waitUntil(() => next.events.includes(ServerEvent.lobbyWaiting));
    const returning = await HeadlessParticipant.connect(
      service.url,
      { token: tokenOf(linkOf(created, Role.mediator).url), roomId: created.roomId },
      (event, ...args) => {
        if (event === ServerEvent.lobbyState) lobby = args[0] as LobbyState;
      },
    );
    try {
      await waitUntil(() => waitingIds().includes(idOf(Role.respondent)));
      expect((lobby as LobbyState | null)?.locked).toBe(false);
    } finally {
      returning.close();
    }
  });
});

describe('waiting before the mediator', () => {
  it('is told when the mediator comes in and when the mediator leaves', async () => {
    const early = await createTestCase(service, undefined, { waitingRoom: true });
    const party = new AtTheDoor(
      io(service.url, {
        auth: { token: tokenOf(linkOf(early, Role.applicant).url), roomId: early.roomId },
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
      }),
    );
    open.push(party);
    await waitUntil(() => party.mediatorPresence.length === 1);
    expect(party.mediatorPresence).toEqual([false]);

    const arriving = await HeadlessParticipant.connect(service.url, { token: tokenOf(linkOf(early, Role.mediator).url), roomId: early.roomId });
    await waitUntil(() => party.mediatorPresence.length === 2);
    expect(party.mediatorPresence).toEqual([false, true]);

    arriving.close();
    await waitUntil(() => party.mediatorPresence.length === 3);
    expect(party.mediatorPresence).toEqual([false, true, false]);
  });
});

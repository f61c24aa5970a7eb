import type { KeyObject } from 'node:crypto';
import { Server as EngineServer } from 'engine.io';
import { Server, type Socket } from 'socket.io';
import {
  ClientEvent,
  clientPayloadSchemas,
  ConsumersAttached,
  ErrorCode,
  LobbyDevices,
  ParticipantAction,
  roleMay,
  MAX_SOCKET_MESSAGE_BYTES,
  ServerEvent,
  UNACKNOWLEDGED_CLIENT_EVENTS,
  type Ack,
  type ClientEventName,
  type ClientToServerEvents,
  type EnterRequest,
  type JoinClaims,
  type LobbyEntry,
  type ServerToClientEvents,
} from '@mediation/shared';
import type { Config } from '../config/config.js';
import type { HostedConnection, RoomHosting } from '../cluster/room-hosting.js';
import type { ServerSideEvents } from '../cluster/server-side-events.js';
import { MAX_DEVICE_LENGTH, type AuditEntryInput, type AuditEvent } from '../audit/audit-entry.js';
import { auditActor } from '../drafting/case-drafting.js';
import type { DraftingMember } from '../drafting/drafting-member.js';
import type { DraftingRegistry } from '../drafting/drafting-registry.js';
import { errorBodyLogged } from '../errors/error-body-logged.js';
import { validate } from '../errors/validate.js';
import type { Logger } from '../logging/logger.js';
import type { RoomDoor } from '../rooms/room-door.js';
import type { RoomDoors } from '../rooms/room-doors.js';
import type { RoomRegistry } from '../rooms/room-registry.js';
import type { Participant } from '../rooms/participant.js';
import type { ParticipantSink } from '../rooms/participant-sink.js';
import type { Room } from '../rooms/room.js';
import { waitsInLobby } from '../policy/policy.js';
import { AppError } from '../errors/app-error.js';
import { lobbyQuality, LOBBY_PING_TIMEOUT_MS } from './lobby-quality.js';
import { iceServersFor } from '../media/ice-servers.js';
import type { AgreementIssuing } from '../signing/issue-agreement.js';
import { issueWhenComplete } from '../signing/issue-when-complete.js';
import { signingState } from '../signing/signing-state.js';
import { authenticateJoinLink } from '../auth/authenticate-join-link.js';
import type { Store } from '../store/store.js';
import { batchedOffers } from './batched-offers.js';
import { coalesceFlushedFrames } from './coalesce-flushed-frames.js';
import { draftRefusalReply } from './draft-refusal-reply.js';
import { payloadShapeRefusal } from './payload-shape-refusal.js';
import { documentHandlers } from './document-handlers.js';
import { isMediaEvent } from './event-kinds.js';
import type { HandlerContext, MediaContext } from './handler-context.js';
import { mediaHandlers } from './media-handlers.js';
import { RateLimiter } from './rate-limiter.js';

interface SocketData {
  claims: JoinClaims;
}

type RoomSocket = Socket<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, SocketData>;
export type RoomSocketServer = Server<ClientToServerEvents, ServerToClientEvents, ServerSideEvents, SocketData>;

export interface SocketServerDeps {
  store: Store;
  rooms: RoomRegistry;
  doors: RoomDoors;
  drafting: DraftingRegistry;
  /** Which rooms this node is home of: a connection to another node's room is sent to reconnect. */
  hosting: RoomHosting;
  issuing: AgreementIssuing;
  secret: KeyObject;
  rateLimit: Config['rateLimit'];
  ice: Config['ice'];
  logger: Logger;
}

// How long a client may take to attach offered consumers before they stay paused.
const OFFER_TIMEOUT_MS = 10_000;
/** What a connection made ahead of joining may do before it enters: connect its transports, restart their ICE. */
const PREPARED_EVENTS: ReadonlySet<ClientEventName> = new Set([ClientEvent.connectTransport, ClientEvent.restartIce]);

/**
 * The Socket.IO server on an engine of its own, not attached to an HTTP server: the node's
 * signalling route (cluster/relay-signalling.ts) hands it the requests of the rooms it hosts.
 */
export function createSocketServer(deps: SocketServerDeps): RoomSocketServer {
  const io: RoomSocketServer = new Server({ serveClient: false });
  io.bind(new EngineServer({ maxHttpBufferSize: MAX_SOCKET_MESSAGE_BYTES }));
  coalesceFlushedFrames(io.engine);

  io.use((socket, next) => {
    authenticateJoinLink(deps.store, deps.secret, socket.handshake.auth)
      .then(async (claims) => {
        socket.data.claims = claims;
        if (await deps.hosting.accept(claims.roomId, hostedConnection(socket))) {
          next();
          return;
        }
        // Another node is the room's home (it moved since the request was routed), or this one
        // is stopping: the client reconnects, and is routed to the home.
        deps.logger.info({ room: claims.roomId }, 'a connection for a room another node hosts; the client reconnects');
        socket.conn.close();
      })
      .catch((error: unknown) => {
        const body = errorBodyLogged(error, deps.logger, { step: 'handshake' });
        next(Object.assign(new Error(body.message), { data: body }));
      });
  });

  io.on('connection', (socket) => serveParticipant(socket, deps));
  return io;
}

function serveParticipant(socket: RoomSocket, deps: SocketServerDeps): void {
  const { claims } = socket.data;
  const logger = deps.logger.child({ room: claims.roomId, participant: claims.sub });
  const limiter = new RateLimiter(deps.rateLimit.eventsPerSecond, deps.rateLimit.burst);

  const door = deps.doors.of(claims.roomId);
  const sink = participantSink(socket);
  // Connected ahead of joining: transports now, the door and the room on `room:enter`.
  const preparing = (socket.handshake.auth as { prepare?: unknown }).prepare === true;
  let enter: (request: EnterRequest) => void = () => undefined;
  let enterAsked = !preparing;
  const asked: Promise<EnterRequest> = preparing
    ? new Promise((resolve) => (enter = resolve))
    : Promise.resolve({ devices: handshakeDevices(socket) });
  // Settles when the door keeps the person in the lobby (rather than letting them through).
  let reachLobby: () => void = () => undefined;
  const reachedLobby = new Promise<'lobby'>((resolve) => (reachLobby = () => resolve('lobby')));
  const prepared = preparing ? prepareMedia(socket, deps, claims, sink) : Promise.resolve(null);
  // Nothing of the room (media, documents, events) is the person's until they are through the door.
  let admitted = false;
  const entered = asked
    .then(({ devices }) => throughDoor(socket, deps, claims, door, devices, reachLobby))
    .then(() => {
      admitted = true;
    });
  const joined = entered.then(async () => joinRoom(socket, deps, claims, door, sink, await prepared, (await asked).rtpCapabilities));
  const documents = joined.then(() => openDocuments(socket, deps, claims));
  const runsRoom = roleMay(claims.role, ParticipantAction.admitFromLobby);
  // Whoever waits in the lobby learns that someone who can let them in has come.
  if (runsRoom) joined.then(() => door.tellWaiting(true), () => undefined);
  // Fails when either fails.
  documents.catch((error: unknown) => {
    socket.emit(ServerEvent.roomClosed, errorBodyLogged(error, logger, { step: 'join' }));
    socket.disconnect(true);
  });

  prepared.catch((error: unknown) => {
    socket.emit(ServerEvent.roomClosed, errorBodyLogged(error, logger, { step: 'prepare' }));
    socket.disconnect(true);
  });

  socket.on('disconnect', (reason) => {
    deps.hosting.drop(claims.roomId, hostedConnection(socket));
    door.leave(claims.sub, socket.id);
    // Prepared but never in: the transports go, and the room if nobody else is there.
    prepared.then(
      (preparation) => preparation?.room.abandon(preparation.participant),
      () => undefined,
    );
    // A join that failed has nothing to leave; its failure was handled where it happened.
    joined.then(
      ({ room, participant }) => {
        room.leave(participant);
        if (runsRoom) door.tellWaiting(runsRoomIn(room));
      },
      () => undefined,
    );
    documents.then(
      ({ drafting, member, present }) => {
        if (present) recordPresence(deps.store, logger, member, claims.caseId, 'session.left', { reason: leaveReason(reason) });
        deps.drafting.detach(drafting, member).catch((error: unknown) => logger.error({ err: error }, 'releasing drafting failed'));
      },
      () => undefined,
    );
  });

  // What the document handlers get, made once the participant is in the room and has the
  // case's documents open, and then the same for every event.
  let documentContext: Omit<HandlerContext, 'disconnectAfterAck'> | null = null;

  /**
   * The door is still deciding (the case is read from the store): a page that sends its first
   * requests right after connecting waits for the decision, instead of being refused in the
   * moment before it would have been let in. Someone kept in the lobby is refused.
   */
  const throughTheDoorNow = async (): Promise<boolean> =>
    (await Promise.race([entered.then(() => 'in' as const, () => 'out' as const), reachedLobby])) === 'in';

  const serveEvent = async (event: unknown, args: unknown[]): Promise<void> => {
    // Every client event must ask for an answer, but `draft:push`, whose failures are
    // pushed back. The acknowledgement comes last, so a message without a payload still
    // gets its VALIDATION_FAILED.
    const last = args.at(-1);
    const acknowledged = typeof last === 'function';
    if (!acknowledged && !(typeof event === 'string' && UNACKNOWLEDGED_CLIENT_EVENTS.has(event))) return;
    const payload = acknowledged ? (args.length > 1 ? args[0] : undefined) : args[0];
    const reply = acknowledged
      ? (last as (response: Ack<unknown>) => void)
      : draftRefusalReply(payload, (refused) => socket.emit(ServerEvent.draftRefused, refused));
    if (!limiter.take()) {
      reply({ ok: false, error: { code: ErrorCode.rateLimited, message: 'Too many requests; slow down.' } });
      return;
    }
    // Socket.IO lets a client name an event with a number, or anything JSON can hold.
    if (typeof event !== 'string' || !Object.hasOwn(clientPayloadSchemas, event)) {
      reply({ ok: false, error: { code: ErrorCode.unknownEvent, message: 'No such event in this protocol.' } });
      return;
    }
    const known = event as ClientEventName;
    if (!admitted) {
      if (known === ClientEvent.leave) {
        reply({ ok: true, data: {} });
        socket.disconnect(true);
        return;
      }
      if (known === ClientEvent.enter) {
        try {
          enter(checkedPayload(known, payload) as EnterRequest);
          enterAsked = true;
          reply({ ok: true, data: {} });
        } catch (error) {
          reply({ ok: false, error: errorBodyLogged(error, logger, { event: known }) });
        }
        return;
      }
      if (preparing && isMediaEvent(known) && PREPARED_EVENTS.has(known)) {
        // Connecting the prepared transports (or finding them a new path) is all one may do before entering.
        try {
          const request = checkedPayload(known, payload);
          const preparation = await prepared;
          if (!preparation) throw new AppError(ErrorCode.notAdmitted, 'Please wait until the mediator lets you in.');
          const context: MediaContext = { ...preparation, door, disconnectAfterAck: () => undefined };
          reply({ ok: true, data: await (mediaHandlers[known] as (c: MediaContext, p: unknown) => unknown)(context, request) });
        } catch (error) {
          reply({ ok: false, error: errorBodyLogged(error, logger, { event: known }) });
        }
        return;
      }
      if (!enterAsked || !(await throughTheDoorNow())) {
        reply({ ok: false, error: { code: ErrorCode.notAdmitted, message: 'Please wait until the mediator lets you in.' } });
        return;
      }
      // Let in while the event waited for the door's decision: served as any other.
    }
    let disconnectRequested = false;
    const disconnectAfterAck = () => (disconnectRequested = true);
    try {
      const request = checkedPayload(known, payload);
      let result: unknown;
      if (isMediaEvent(known)) {
        // Media events need nothing of the documents: served as soon as the participant is welcomed.
        const context: MediaContext = { ...(await joined), disconnectAfterAck };
        result = await (mediaHandlers[known] as (c: MediaContext, p: unknown) => unknown)(context, request);
      } else {
        // Once made, the context is had without waiting: the handler starts in the turn the message arrived.
        documentContext ??= { ...(await joined), ...(await documents), issuing: deps.issuing };
        // Each event asks for its own disconnect; the rest of the context is the connection's.
        result = await (documentHandlers[known] as (c: HandlerContext, p: unknown) => unknown)({ ...documentContext, disconnectAfterAck }, request);
      }
      reply({ ok: true, data: result });
    } catch (error) {
      reply({ ok: false, error: errorBodyLogged(error, logger, { event: known }) });
    }
    if (disconnectRequested) socket.disconnect(true);
  };

  // One listener for every event: known ones are validated and dispatched, unknown ones
  // answered with UNKNOWN_EVENT. Nothing a client sends may end in a rejection nobody handles.
  socket.onAny((event: unknown, ...args: unknown[]) => {
    serveEvent(event, args).catch((error: unknown) => logger.error({ err: error }, 'serving an event failed'));
  });
}

/**
 * Lets the person through the room's door: straight in for whoever need not wait (the
 * mediator, every party of a case without a waiting room, anyone let in earlier in this
 * session), otherwise into the lobby until the mediator decides. Refused while locked.
 */
async function throughDoor(
  socket: RoomSocket,
  deps: SocketServerDeps,
  claims: JoinClaims,
  door: RoomDoor,
  devices: LobbyDevices | undefined,
  reachLobby: () => void,
): Promise<void> {
  const found = await deps.store.findCase(claims.caseId);
  if (!found || !waitsInLobby(claims.role, found.waitingRoom)) {
    door.enterDirectly(claims.sub, roleMay(claims.role, ParticipantAction.admitFromLobby));
    return;
  }
  if (door.wasAdmitted(claims.sub)) return;
  // A connection gone during the look-up would never leave the lobby.
  if (!socket.connected) throw new AppError(ErrorCode.conflict, 'The connection closed while joining.');
  const entry: LobbyEntry = {
    participantId: claims.sub,
    name: claims.name,
    role: claims.role,
    since: new Date().toISOString(),
    devices: devices ?? null,
    quality: 'unknown',
  };
  reachLobby();
  const waiting = door.wait(entry, socket.id, (present) => socket.emit(ServerEvent.lobbyWaiting, { mediatorPresent: present }, () => undefined));
  const mediatorPresent = runsRoomIn(deps.rooms.find(claims.roomId));
  const sentAt = performance.now();
  socket
    .timeout(LOBBY_PING_TIMEOUT_MS)
    .emitWithAck(ServerEvent.lobbyWaiting, { mediatorPresent })
    .then(
      () => door.updateQuality(claims.sub, socket.id, lobbyQuality(performance.now() - sentAt)),
      () => door.updateQuality(claims.sub, socket.id, 'poor'),
    );
  await waiting;
}

/** A client event's payload, its shape checked before zod walks it, then validated; refusals are VALIDATION_FAILED. */
function checkedPayload(event: ClientEventName, payload: unknown): unknown {
  const shapeRefusal = payloadShapeRefusal(event, payload);
  if (shapeRefusal) throw shapeRefusal;
  return validate(clientPayloadSchemas[event], payload, 'payload');
}

/** Whether someone who can let people in is in the room. */
function runsRoomIn(room: Room | undefined): boolean {
  return [...(room?.participants.values() ?? [])].some((p) => p.welcomed && roleMay(p.identity.role, ParticipantAction.admitFromLobby));
}

/** The devices the person named in the handshake (a connection that did not prepare ahead). */
function handshakeDevices(socket: RoomSocket): LobbyDevices | undefined {
  const devices = LobbyDevices.safeParse((socket.handshake.auth as { devices?: unknown }).devices);
  return devices.success ? devices.data : undefined;
}

/** How the room reaches one connection's participant. */
function participantSink(socket: RoomSocket): ParticipantSink {
  return {
    emit: (event, ...args) => socket.emit(event, ...args),
    offerConsumers: batchedOffers(async (consumers) => {
      let answer: unknown;
      try {
        answer = await socket.timeout(OFFER_TIMEOUT_MS).emitWithAck(ServerEvent.consumersAdded, consumers);
      } catch {
        return { consumerIds: [] }; // No answer in time, or gone: the consumers stay paused until closed.
      }
      const attached = ConsumersAttached.safeParse(answer);
      return attached.success ? attached.data : { consumerIds: [] };
    }),
    disconnect: (reason) => {
      socket.emit(ServerEvent.roomClosed, reason);
      socket.disconnect(true);
    },
  };
}

/** Transports for a person who connected ahead of joining, announced to them alone. */
async function prepareMedia(socket: RoomSocket, deps: SocketServerDeps, claims: JoinClaims, sink: ParticipantSink) {
  const room = await deps.rooms.getOrCreate(claims.roomId, claims.caseId);
  const participant = await room.prepare({ id: claims.sub, displayName: claims.name, role: claims.role }, sink);
  // Gone meanwhile: its disconnect handler abandons the preparation once this resolves.
  if (socket.connected) {
    socket.emit(ServerEvent.prepared, {
      ...room.mediaSetup(participant),
      ice: iceServersFor(deps.ice, claims.sub),
    });
  }
  return { room, participant };
}

async function joinRoom(
  socket: RoomSocket,
  deps: SocketServerDeps,
  claims: JoinClaims,
  door: RoomDoor,
  sink: ParticipantSink,
  preparation: { room: Room; participant: Participant } | null,
  rtpCapabilities: EnterRequest['rtpCapabilities'],
) {
  const room = await deps.rooms.getOrCreate(claims.roomId, claims.caseId);
  room.useDoorState(door);
  // A preparation in a room that has since closed (its worker died) is of no use.
  const prepared = preparation?.room === room ? preparation.participant : undefined;
  const participant = await room.join(
    { id: claims.sub, displayName: claims.name, role: claims.role },
    sink,
    iceServersFor(deps.ice, claims.sub),
    prepared && { participant: prepared, rtpCapabilities },
  );
  socket.emit(ServerEvent.spaces, room.spacesState());
  // Whoever runs the room sees its lobby from the moment they are in.
  if (roleMay(claims.role, ParticipantAction.admitFromLobby)) socket.emit(ServerEvent.lobbyState, door.state());
  return { room, participant, door };
}

/** Opens the case's documents for the participant and sends them their state and the signing's. */
async function openDocuments(socket: RoomSocket, deps: SocketServerDeps, claims: JoinClaims) {
  const member: DraftingMember = {
    participantId: claims.sub,
    name: claims.name,
    role: claims.role,
    ip: socket.handshake.address,
    device: String(socket.handshake.headers['user-agent'] ?? '').slice(0, MAX_DEVICE_LENGTH),
    emit: (event, ...args) => socket.emit(event, ...args),
    connectionId: socket.id,
    // A connection already gone must not be put back into a room: nothing would take it out.
    joinGroup: (group) => {
      if (socket.connected) void socket.join(group);
    },
    leaveGroup: (group) => void socket.leave(group),
  };
  const drafting = await deps.drafting.attach(claims.caseId, member);
  // One gone meanwhile is detached by its disconnect handler once this resolves.
  const present = socket.connected;
  if (present) {
    await deps.store.markParticipantJoined(claims.sub, new Date().toISOString());
    recordPresence(deps.store, deps.logger, member, claims.caseId, 'session.joined', {});
    const [draftingState, signing] = await Promise.all([drafting.state(), signingState(drafting)]);
    socket.emit(ServerEvent.draftingState, draftingState);
    // Everyone's list of signers shows this person as joined from now on.
    drafting.broadcast(ServerEvent.signingState, signing);
    issueWhenComplete(drafting, deps.issuing, signing);
  }
  return { drafting, member, present };
}

/** Joining and leaving the room go into the case's audit log, with where the connection came from. */
function recordPresence<T extends 'session.joined' | 'session.left'>(
  store: Store,
  logger: Logger,
  member: DraftingMember,
  caseId: string,
  type: T,
  data: Extract<AuditEvent, { type: T }>['data'],
): void {
  const entry = { caseId, at: new Date().toISOString(), actor: auditActor(member), type, data } as AuditEntryInput;
  store.appendAudit(entry).catch((error: unknown) => logger.error({ err: error, type }, 'recording presence in the audit log failed'));
}

/** Why a connection ended, as the audit log says it: Socket.IO's own reasons grouped by what happened to the person. */
function leaveReason(reason: string): 'left' | 'connection-lost' | 'service-stopped' {
  if (reason === 'client namespace disconnect' || reason === 'server namespace disconnect') return 'left';
  if (reason === 'server shutting down') return 'service-stopped';
  return 'connection-lost';
}

const hostedConnections = new WeakMap<RoomSocket, HostedConnection>();

/** The socket as the room's hosting sees it: one object per socket, closed by closing its transport. */
function hostedConnection(socket: RoomSocket): HostedConnection {
  let connection = hostedConnections.get(socket);
  if (!connection) {
    connection = { closeTransport: () => socket.conn.close() };
    hostedConnections.set(socket, connection);
  }
  return connection;
}

import { Role, type CreatedCase } from '@mediation/shared';
import { linkOf, tokenOf } from '../create-test-case.js';
import { createCaseAs, sessionTokenOf, signInCookie } from './committee-session.js';
import { forgeTokens } from './forged-tokens.js';
import { RAW_LANES, SOCKET_LANES, type RawLaneName, type SocketLaneName } from './fuzz-input.js';
import type { TokenVariant } from './handshake-packets.js';
import type { GeneratorContext } from './input-classes.js';
import { LaneKnowledge, type LaneIdentity } from './lane-knowledge.js';
import { LiveSession } from './live-session.js';
import { RawLane } from './raw-lane.js';
import { SocketLane, type LaneObserver } from './socket-lane.js';

/** Who is who in the fuzz cases: a name per connection, so inputs can name their sender. */
const SOCKET_CASE_PEOPLE: { role: Exclude<SocketLaneName, 'mediator'>; displayName: string }[] = [
  { role: 'applicant', displayName: 'Fuzz Applicant' },
  { role: 'respondent', displayName: 'Fuzz Respondent' },
  { role: 'representative', displayName: 'Fuzz Representative' },
  { role: 'interpreter', displayName: 'Fuzz Interpreter' },
  { role: 'observer', displayName: 'Fuzz Observer' },
];

/** The raw connections' case; its respondent is kept for handshakes, which take its place again and again. */
const RAW_CASE_PEOPLE = [
  { role: Role.applicant, displayName: 'Raw Applicant' },
  { role: Role.observer, displayName: 'Raw Observer' },
  { role: Role.respondent, displayName: 'Handshake Respondent' },
];

/** Everything the inputs are sent to, and what they refer to. */
export interface FuzzTargets {
  cookie: string;
  /** A sign-in of its own for the signing workflows: the fuzzing may sign `cookie`'s session out. */
  workflowCookie: string;
  live: LiveSession | null;
  socketLanes: Map<SocketLaneName, SocketLane>;
  rawLanes: Map<RawLaneName, RawLane>;
  context: GeneratorContext;
  tokens: Record<TokenVariant, string>;
  /** What `{{…}}` and `\u0001ref:room:…` placeholders of HTTP inputs and handshakes stand for. */
  placeholders: Map<string, string>;
}

export interface TargetOptions {
  seed: number;
  ackTimeoutMs: number;
  liveSession: boolean;
  observer: LaneObserver;
}

/** Creates the cases (two to fuzz, one live), starts the live session and connects every fuzzing participant. */
export async function setUpTargets(url: string, options: TargetOptions): Promise<FuzzTargets> {
  const cookie = await signInCookie(url);
  const socketCase = await createCaseAs(url, cookie, { caseNumber: 'FZ-A', title: 'Fuzz A', category: 'neighbourhood', participants: SOCKET_CASE_PEOPLE, waitingRoom: false });
  const rawCase = await createCaseAs(url, cookie, { caseNumber: 'FZ-B', title: 'Fuzz B', category: 'labour', participants: RAW_CASE_PEOPLE, waitingRoom: false });
  const liveCase = await createCaseAs(url, cookie, {
    caseNumber: 'LIVE-1',
    waitingRoom: false,
    title: '交通事故赔偿',
    category: 'road-traffic',
    participants: [
      { displayName: '王芳', role: Role.applicant },
      { displayName: '李强', role: Role.respondent },
      { displayName: 'Observer O', role: Role.observer },
    ],
  });
  // A sign-in of its own: the fuzzing may sign its session out, as anyone may sign out theirs.
  const live = options.liveSession ? await LiveSession.start(url, await signInCookie(url), liveCase) : null;
  const liveParticipantIds = liveCase.links.map((link) => link.participantId);

  const identityIn = (created: CreatedCase, role: Role): LaneIdentity => {
    const link = linkOf(created, role);
    return {
      participantId: link.participantId,
      name: link.displayName,
      role,
      caseId: created.caseId,
      otherParticipantIds: created.links.filter((other) => other !== link).map((other) => other.participantId),
      liveParticipantIds,
    };
  };
  const authIn = (created: CreatedCase, role: Role) => ({ token: tokenOf(linkOf(created, role).url), roomId: created.roomId });

  const socketLanes = new Map<SocketLaneName, SocketLane>();
  for (const [i, role] of SOCKET_LANES.entries()) {
    const knowledge = new LaneKnowledge(identityIn(socketCase, role), options.seed + i);
    socketLanes.set(role, new SocketLane(role, url, authIn(socketCase, role), knowledge, options.observer, options.ackTimeoutMs, options.seed * 31 + i));
  }
  const rawLanes = new Map<RawLaneName, RawLane>();
  for (const [i, role] of RAW_LANES.entries()) {
    const knowledge = new LaneKnowledge(identityIn(rawCase, role), options.seed + 100 + i);
    rawLanes.set(role, new RawLane(`raw ${role}`, url, authIn(rawCase, role), knowledge, options.observer, options.ackTimeoutMs));
  }

  const tokens = forgeTokens({
    valid: tokenOf(linkOf(rawCase, Role.respondent).url),
    live: tokenOf(linkOf(liveCase, Role.observer).url),
    liveParticipantId: linkOf(liveCase, Role.mediator).participantId,
    accountSession: sessionTokenOf(cookie),
  });
  const placeholders = new Map<string, string>([
    ['session', sessionTokenOf(cookie)],
    ['caseId:fuzz', socketCase.caseId],
    ['caseId:live', liveCase.caseId],
    ['room:own', rawCase.roomId],
    ['room:live', liveCase.roomId],
    // No agreement is issued when the fuzzing starts: a well-formed number that is on no record.
    ['documentNumber:fuzz', 'MA-2026-000001'],
    ...Object.entries(tokens).map(([variant, token]) => [`token:${variant}`, token] as [string, string]),
  ]);

  const namesOf = <R extends string>(created: CreatedCase, roles: readonly R[]) =>
    Object.fromEntries(roles.map((role) => [role, linkOf(created, role as Role).displayName])) as Record<R, string>;
  return {
    cookie,
    workflowCookie: await signInCookie(url),
    live,
    socketLanes,
    rawLanes,
    context: { socketNames: namesOf(socketCase, SOCKET_LANES), rawNames: namesOf(rawCase, RAW_LANES) },
    tokens,
    placeholders,
  };
}

import {
  ClientEvent,
  DraftDocument,
  ErrorCode,
  Role,
  ServerEvent,
  type AgreementVersionSummary,
  type ParticipantInfo,
} from '@mediation/shared';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { DraftingSession } from '../src/drafting/drafting-session';
import { useDraftingStore } from '../src/stores/drafting-store';
import { fakeRoomSocket, type FakeRoomSocket } from './support/fake-room-socket';
import { clauseMark } from './support/clause-mark-fixture';

function self(role: ParticipantInfo['role']): ParticipantInfo {
  return { id: `${role}-1`, displayName: `The ${role}`, role, audio: false, video: false, space: 'main', held: [], screenShareAllowed: false };
}

function version(number: number): AgreementVersionSummary {
  return { id: `v${number}`, number, name: `Draft ${number}`, hash: 'b'.repeat(64), savedBy: 'The mediator', savedAt: '2026-01-01T10:00:00.000Z' };
}

/** The store following a session on a fake socket, welcomed as `role`. */
function joinedAs(role: ParticipantInfo['role'], socket: FakeRoomSocket = fakeRoomSocket()) {
  const drafting = useDraftingStore();
  const session = new DraftingSession(socket.socket);
  drafting.attach(session);
  session.open({ caseId: 'case-1', self: self(role) });
  return { drafting, session, socket };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the drafting store', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('lets a party edit the shared documents only while the mediator allows it, and never the private notes', () => {
    const { drafting, socket } = joinedAs(Role.applicant);
    expect(drafting.mayEditDocument(DraftDocument.notes)).toBe(false);
    socket.push(ServerEvent.draftingState, { partiesMayEdit: true, marks: [] });
    expect(drafting.mayEditDocument(DraftDocument.notes)).toBe(true);
    expect(drafting.mayEditDocument(DraftDocument.agreement)).toBe(true);
    expect(drafting.mayEditDocument(DraftDocument.privateNotes)).toBe(false);
    socket.push(ServerEvent.draftingState, { partiesMayEdit: false, marks: [] });
    expect(drafting.mayEditDocument(DraftDocument.agreement)).toBe(false);
  });

  it('never lets an observer edit, whatever the mediator allows', () => {
    const { drafting, socket } = joinedAs(Role.observer);
    socket.push(ServerEvent.draftingState, { partiesMayEdit: true, marks: [] });
    expect(drafting.mayEditDocument(DraftDocument.notes)).toBe(false);
    expect(drafting.mayMarkClauses).toBe(false);
  });

  it('shows a later mark of a party on a clause in place of the earlier one', () => {
    const { drafting, socket } = joinedAs(Role.respondent);
    socket.push(ServerEvent.draftingState, { partiesMayEdit: false, marks: [clauseMark({})] });
    socket.push(ServerEvent.clauseMarked, clauseMark({ mark: 'object', comment: 'Not yet', at: '2026-01-01T11:00:00.000Z' }));
    expect(drafting.marks).toEqual([clauseMark({ mark: 'object', comment: 'Not yet', at: '2026-01-01T11:00:00.000Z' })]);
  });

  it('lists each saved version once, in number order, whether listed or pushed', async () => {
    const { drafting, socket } = joinedAs(Role.applicant, fakeRoomSocket({ [ClientEvent.listVersions]: { versions: [version(1)] } }));
    socket.push(ServerEvent.versionSaved, version(2));
    await settle();
    socket.push(ServerEvent.versionSaved, version(1));
    expect(drafting.versions.map((v) => v.number)).toEqual([1, 2]);
  });

  it('shows a refused request as the room’s problem', async () => {
    const { drafting } = joinedAs(Role.applicant, fakeRoomSocket({}, { [ClientEvent.markClause]: ErrorCode.notFound }));
    expect(await drafting.markClause('clause-9', 'agree', '')).toBe(false);
    expect(drafting.problem).toBe(ErrorCode.notFound);
  });

  it('gives the caret one’s own name and one’s stable colour', () => {
    const { drafting } = joinedAs(Role.mediator);
    expect(drafting.caretUser).toMatchObject({ name: 'The mediator' });
    expect(drafting.caretUser?.color).toMatch(/^#[0-9a-f]{6}$/);
  });

  it('forgets the room’s documents, marks and versions once detached', () => {
    const { drafting, socket } = joinedAs(Role.mediator);
    socket.push(ServerEvent.draftingState, { partiesMayEdit: true, marks: [clauseMark({})] });
    drafting.detach();
    expect(drafting.documents).toEqual([]);
    expect(drafting.marks).toEqual([]);
    expect(drafting.partiesMayEdit).toBe(false);
    socket.push(ServerEvent.draftingState, { partiesMayEdit: true, marks: [] });
    expect(drafting.partiesMayEdit).toBe(false);
  });
});

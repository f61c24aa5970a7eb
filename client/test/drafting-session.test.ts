import { DraftDocument, NOTES_FIELD, Role, type ParticipantInfo } from '@mediation/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DraftProviders } from '../src/drafting/drafting-session';
import { DraftingSession } from '../src/drafting/drafting-session';
import { fakeRoomSocket } from './support/fake-room-socket';

function member(role: ParticipantInfo['role']) {
  return { caseId: 'case-1', self: { id: `${role}-1`, displayName: role, role, audio: false, video: false, space: 'main', held: [], screenShareAllowed: false } };
}

function nextOpened(session: DraftingSession): Promise<DraftProviders> {
  return new Promise((resolve) => {
    const onOpened = (_member: unknown, providers: DraftProviders) => {
      session.off('opened', onOpened);
      resolve(providers);
    };
    session.on('opened', onOpened);
  });
}

describe('DraftingSession', () => {
  it('opens the private notes for the mediator and not for a party', () => {
    const mediatorSession = new DraftingSession(fakeRoomSocket().socket);
    const partySession = new DraftingSession(fakeRoomSocket().socket);
    let mediatorDocuments: string[] = [];
    let partyDocuments: string[] = [];
    mediatorSession.on('opened', (_m, providers) => (mediatorDocuments = Object.keys(providers)));
    partySession.on('opened', (_m, providers) => (partyDocuments = Object.keys(providers)));
    mediatorSession.open(member(Role.mediator));
    partySession.open(member(Role.applicant));
    expect(mediatorDocuments).toEqual([DraftDocument.notes, DraftDocument.agreement, DraftDocument.privateNotes]);
    expect(partyDocuments).toEqual([DraftDocument.notes, DraftDocument.agreement]);
  });

  it('keeps its documents when the room welcomes the participant again after a reconnection', () => {
    const session = new DraftingSession(fakeRoomSocket().socket);
    const opened: DraftProviders[] = [];
    session.on('opened', (_m, providers) => opened.push(providers));
    session.open(member(Role.applicant));
    session.open(member(Role.applicant));
    expect(opened[1]!.notes).toBe(opened[0]!.notes);
    expect(opened[1]!.notes!.doc).toBe(opened[0]!.notes!.doc);
  });

  it('opens a document afresh, without the refused text, when the server refuses a change to it', async () => {
    const session = new DraftingSession(fakeRoomSocket().socket);
    const first = nextOpened(session);
    session.open(member(Role.applicant));
    const notes = (await first).notes!;
    await notes.whenSynced();

    const reopened = nextOpened(session);
    notes.doc.getXmlFragment(NOTES_FIELD).insert(0, [new Y.XmlText('typed as editing was withdrawn')]);
    const fresh = (await reopened).notes!;

    expect(fresh).not.toBe(notes);
    expect(fresh.doc.getXmlFragment(NOTES_FIELD).length).toBe(0);
  });

  it('lets go of the socket when destroyed', () => {
    const { socket, listenerCount } = fakeRoomSocket();
    const session = new DraftingSession(socket);
    session.open(member(Role.mediator));
    expect(listenerCount()).toBeGreaterThan(0);
    session.destroy();
    expect(listenerCount()).toBe(0);
  });
});

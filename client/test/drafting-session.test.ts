import { DraftDocument, ErrorCode, NOTES_FIELD, Role, type ParticipantInfo } from '@mediation/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DraftProviders } from '../src/drafting/drafting-session';
import { DraftingSession } from '../src/drafting/drafting-session';
import type { RoomSocket } from '../src/room/room-socket';

type Ack = (timeoutError: Error | null, response?: unknown) => void;
type Listener = (...args: unknown[]) => void;

/** y-protocols' first byte: 0 is sync step 1 (opening a document), 1 and 2 carry changes. */
const SYNC_STEP_1 = 0;

/** A connected socket whose server opens every document and refuses every change. */
function refusingSocket() {
  const listeners = new Map<string, Set<Listener>>();
  const socket = {
    connected: true,
    on(event: string, listener: Listener) {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
    },
    off(event: string, listener: Listener) {
      listeners.get(event)?.delete(listener);
    },
    timeout: () => ({
      emit(event: string, payload: { document?: string; message?: Uint8Array }, ack: Ack) {
        const type = payload.message?.[0];
        queueMicrotask(() => {
          if (event === 'draft:sync' && type !== SYNC_STEP_1) {
            ack(null, { ok: false, error: { code: ErrorCode.forbidden, message: 'You may not edit this document now.' } });
          } else {
            ack(null, { ok: true, data: event === 'draft:sync' ? { replies: [] } : {} });
          }
        });
      },
    }),
  };
  return { socket: socket as unknown as RoomSocket, listenerCount: () => [...listeners.values()].reduce((n, set) => n + set.size, 0) };
}

function member(role: ParticipantInfo['role']) {
  return { caseId: 'case-1', self: { id: `${role}-1`, displayName: role, role, audio: false, video: false } };
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
    const mediatorSession = new DraftingSession(refusingSocket().socket);
    const partySession = new DraftingSession(refusingSocket().socket);
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
    const session = new DraftingSession(refusingSocket().socket);
    const opened: DraftProviders[] = [];
    session.on('opened', (_m, providers) => opened.push(providers));
    session.open(member(Role.applicant));
    session.open(member(Role.applicant));
    expect(opened[1]!.notes).toBe(opened[0]!.notes);
    expect(opened[1]!.notes!.doc).toBe(opened[0]!.notes!.doc);
  });

  it('opens a document afresh, without the refused text, when the server refuses a change to it', async () => {
    const session = new DraftingSession(refusingSocket().socket);
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
    const { socket, listenerCount } = refusingSocket();
    const session = new DraftingSession(socket);
    session.open(member(Role.mediator));
    expect(listenerCount()).toBeGreaterThan(0);
    session.destroy();
    expect(listenerCount()).toBe(0);
  });
});

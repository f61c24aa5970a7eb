import { ClientEvent, DraftDocument, ErrorCode, fromBase64, NOTES_FIELD } from '@mediation/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { DraftProvider, type DraftStatus } from '../src/drafting/draft-provider';
import { fakeRoomSocket } from './support/fake-room-socket';

const SYNC_STEP_1 = 0;

function stepOnesSent(sent: { event: string; payload: unknown }[]): number {
  return sent.filter(
    ({ event, payload }) => event === ClientEvent.draftSync && fromBase64((payload as { message: string }).message)[0] === SYNC_STEP_1,
  ).length;
}

describe('DraftProvider', () => {
  afterEach(() => vi.useRealTimers());

  it('syncs again after a change was rate-limited, so that the server gets what it lacks', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { socket, sent } = fakeRoomSocket({}, {}, [ErrorCode.rateLimited, null]);
    const provider = new DraftProvider(socket, DraftDocument.notes);
    const errors: string[] = [];
    const statuses: DraftStatus[] = [];
    provider.on('error', (code) => errors.push(code));
    provider.on('status', (status) => statuses.push(status));
    await provider.whenSynced();
    expect(stepOnesSent(sent)).toBe(1);

    provider.doc.getXmlFragment(NOTES_FIELD).insert(0, [new Y.XmlText('typed too fast')]);
    await vi.waitFor(() => expect(errors).toEqual([ErrorCode.rateLimited]));
    expect(provider.status).toBe('saving');

    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() => expect(provider.status).toBe('saved'));
    expect(stepOnesSent(sent)).toBe(2);
    provider.destroy();
  });

  it('does not sync again after a change refused for who sent it', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { socket, sent } = fakeRoomSocket({}, {}, [ErrorCode.forbidden]);
    const provider = new DraftProvider(socket, DraftDocument.notes);
    const errors: string[] = [];
    provider.on('error', (code) => errors.push(code));
    await provider.whenSynced();

    provider.doc.getXmlFragment(NOTES_FIELD).insert(0, [new Y.XmlText('typed as editing was withdrawn')]);
    await vi.waitFor(() => expect(errors).toEqual([ErrorCode.forbidden]));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(stepOnesSent(sent)).toBe(1);
    provider.destroy();
  });

  it('asks for an acknowledgement at most every 2 s while typing, pushes the changes between, and confirms them once typing pauses for 1 s', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const { socket, sent } = fakeRoomSocket({}, {}, Array.from({ length: 100 }, () => null));
    const provider = new DraftProvider(socket, DraftDocument.notes);
    await provider.whenSynced();
    const text = new Y.XmlText();
    provider.doc.getXmlFragment(NOTES_FIELD).insert(0, [text]);
    await vi.advanceTimersByTimeAsync(5_000);
    sent.length = 0;

    // Ten keystrokes a second for 5 s, each sent at once.
    for (let n = 0; n < 50; n++) {
      text.insert(0, 'k');
      await vi.advanceTimersByTimeAsync(100);
    }
    const acknowledged = sent.filter(({ event }) => event === ClientEvent.draftSync).length;
    const pushed = sent.filter(({ event }) => event === ClientEvent.draftPush).length;
    expect({ acknowledged, pushed }).toEqual({ acknowledged: 3, pushed: 47 });
    expect(provider.status).toBe('saving');

    // Typing paused 100 ms ago: nothing more until it has for a second, then the empty update that confirms the pushes.
    await vi.advanceTimersByTimeAsync(899);
    expect(sent.length).toBe(50);
    expect(provider.status).toBe('saving');
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(provider.status).toBe('saved'));
    expect(sent.length).toBe(51);
    expect(fromBase64((sent.at(-1)!.payload as { message: string }).message)).toEqual(new Uint8Array([2, 2, 0, 0]));
    provider.destroy();
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { io } from 'socket.io-client';
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { ClientEvent, DraftDocument, NOTES_FIELD, Role, type CreatedCase } from '@mediation/shared';
import { DraftProvider } from '../../client/src/drafting/draft-provider.js';
import type { RoomSocket } from '../../client/src/room/room-socket.js';
import { linkOf, tokenOf } from '../support/create-test-case.js';
import { DraftingParticipant, insertionUpdate, notesPlainText } from '../support/drafting-participant.js';
import { waitUntil } from '../support/headless-participant.js';
import { createCaseOverHttp, freePort, killHard, startServiceProcess } from '../support/service-process.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediation-crash-'));
let service: ChildProcess | undefined;
const closers: (() => void)[] = [];

afterAll(async () => {
  for (const close of closers) close();
  if (service) await killHard(service);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a server killed in the middle of editing', () => {
  it('still has every acknowledged or confirmed update after a restart, and merges what a participant typed while it was down', async () => {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    service = await startServiceProcess(dataDir, port);
    const created: CreatedCase = await createCaseOverHttp(url, {
      caseNumber: 'CRASH-1',
      title: 'Crash',
      category: 'other',
      waitingRoom: false,
      participants: [
        { displayName: 'Applicant A', role: Role.applicant },
        { displayName: 'Respondent B', role: Role.respondent },
      ],
    });

    // The respondent keeps one document across the crash, reconnecting as a browser would.
    const socket = io(url, {
      auth: { token: tokenOf(linkOf(created, Role.respondent).url), roomId: created.roomId },
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: 100,
      reconnectionDelayMax: 300,
    }) as unknown as RoomSocket;
    const offlineTyper = new DraftProvider(socket, DraftDocument.notes);
    closers.push(() => {
      offlineTyper.destroy();
      socket.close();
    });
    await offlineTyper.whenSynced();

    const mediator = await DraftingParticipant.join(url, linkOf(created, Role.mediator), created.roomId);
    closers.push(() => mediator.close());
    await mediator.headless.request(ClientEvent.setPartyEditing, { allowed: true });
    const applicant = await DraftingParticipant.join(url, linkOf(created, Role.applicant), created.roomId);
    closers.push(() => applicant.close());

    // Two editors send update after update: the mediator each one acknowledged, the applicant
    // five pushes and then the empty update that has them confirmed. What was confirmed is recorded.
    const acknowledged: string[] = [];
    let sent = 0;
    let killed = false;
    const edit = async (editor: DraftingParticipant, name: string) => {
      const empty = new Y.Doc();
      for (let n = 0; !killed; n++) {
        const token = `${name}${n}.`;
        sent++;
        const answer = await editor.sendUpdate(DraftDocument.notes, insertionUpdate(empty, token)).catch(() => null);
        if (answer?.ok) acknowledged.push(token);
      }
    };
    const pushAndConfirm = async (editor: DraftingParticipant, name: string) => {
      const empty = new Y.Doc();
      for (let n = 0; !killed; n++) {
        const tokens = Array.from({ length: 5 }, (_, k) => `${name}${n}-${k}.`);
        for (const token of tokens) editor.pushUpdate(DraftDocument.notes, insertionUpdate(empty, token));
        sent += tokens.length;
        const answer = await editor.confirm(DraftDocument.notes).catch(() => null);
        if (answer?.ok) acknowledged.push(...tokens);
      }
    };
    const editing = [edit(mediator, 'M'), pushAndConfirm(applicant, 'A')];
    await waitUntil(() => acknowledged.length >= 100 && acknowledged.some((token) => token.includes('-')), 20_000);
    await killHard(service);
    killed = true;
    await Promise.all(editing);

    // Typed while the server is down.
    const fragment = offlineTyper.doc.getXmlFragment(NOTES_FIELD);
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('TYPED-WHILE-OFFLINE')]);
    fragment.insert(fragment.length, [paragraph]);

    service = await startServiceProcess(dataDir, port);
    await waitUntil(() => offlineTyper.status === 'saved', 20_000);

    const reader = await DraftingParticipant.join(url, linkOf(created, Role.applicant), created.roomId);
    closers.push(() => reader.close());
    await reader.open(DraftDocument.notes);
    const text = notesPlainText(reader.doc(DraftDocument.notes));
    const missing = acknowledged.filter((token) => !text.includes(token));
    expect({ acknowledged: acknowledged.length, missing }).toEqual({ acknowledged: acknowledged.length, missing: [] });
    expect(acknowledged.length).toBeGreaterThanOrEqual(100);
    // The kill came while updates were on their way, not in a quiet moment.
    expect(sent).toBeGreaterThan(acknowledged.length);
    expect(text).toContain('TYPED-WHILE-OFFLINE');
    // Everything the offline typer had from before the crash is still there too.
    expect(notesPlainText(offlineTyper.doc)).toBe(text);
  }, 120_000);
});

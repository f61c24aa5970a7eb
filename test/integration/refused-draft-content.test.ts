import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import {
  agreementText,
  canonicalAgreement,
  ClientEvent,
  DraftDocument,
  ErrorCode,
  readClauses,
  Role,
  ServerEvent,
  toBase64,
  type CreatedCase,
} from '@mediation/shared';
import { createTestCase } from '../support/create-test-case.js';
import { DraftingParticipant } from '../support/drafting-participant.js';
import { waitUntil } from '../support/headless-participant.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

/**
 * What an outside tester found: an editor could insert an element the editors do not know
 * (every reader's browser then deleted it, was refused, resynced, again, until rate-limited,
 * while its text was sealed into the PDF), or a right-to-left override that shows a clause's
 * amount one way in the browser and another in the PDF. Here an editor sends both raw, over
 * a real socket, in every way a change can arrive.
 */

const RLO = '\u202E';

let service: TestService;
let created: CreatedCase;
let mediator: DraftingParticipant;
let observer: DraftingParticipant;
const people: DraftingParticipant[] = [];

const linkOf = (role: string, nth = 0) => created.links.filter((l) => l.role === role)[nth]!;
async function join(role: string, nth = 0): Promise<DraftingParticipant> {
  const participant = await DraftingParticipant.join(service.url, linkOf(role, nth), created.roomId);
  people.push(participant);
  return participant;
}

/** An update made on a copy of the member's agreement: sent raw, outside their provider. */
function rawChange(member: DraftingParticipant, edit: (doc: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(member.doc(DraftDocument.agreement)));
  const before = Y.encodeStateVector(copy);
  edit(copy);
  return Y.encodeStateAsUpdate(copy, before);
}

function firstClauseText(doc: Y.Doc): Y.XmlText {
  return (readClauses(doc)[0]!.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** The same update as the answer to sync step 2, the other way a change arrives with draft:sync. */
function asSyncStep2(update: Uint8Array): string {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(encoder, update);
  return toBase64(encoding.toUint8Array(encoder));
}

/** The agreement as the server stores it. */
async function storedAgreement(): Promise<Y.Doc> {
  const stored = await service.store.loadDocument(created.caseId, DraftDocument.agreement);
  const doc = new Y.Doc();
  for (const update of stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates) Y.applyUpdate(doc, update);
  return doc;
}

/** Sends `update` as draft:sync (update and step 2) and draft:push, expecting DRAFT_UPDATE_INVALID each time. */
async function expectRefusedEveryWay(update: Uint8Array): Promise<void> {
  const refusalsBefore = mediator.refusals.length;
  const asUpdate = await mediator.sendUpdate(DraftDocument.agreement, update);
  expect(asUpdate).toMatchObject({ ok: false, error: { code: ErrorCode.draftUpdateInvalid } });
  const asStep2 = await mediator.headless.send(ClientEvent.draftSync, { document: DraftDocument.agreement, message: asSyncStep2(update) });
  expect(asStep2).toMatchObject({ ok: false, error: { code: ErrorCode.draftUpdateInvalid } });
  mediator.pushUpdate(DraftDocument.agreement, update);
  await waitUntil(() => mediator.refusals.length === refusalsBefore + 1);
  expect(mediator.refusals.at(-1)).toMatchObject({ document: DraftDocument.agreement, error: { code: ErrorCode.draftUpdateInvalid } });
}

/** The mediator types after the refusals; once the reader has that, it would have had anything sent before it. */
async function typeAndWaitForReader(marker: string): Promise<void> {
  firstClauseText(mediator.doc(DraftDocument.agreement)).insert(0, marker);
  await waitUntil(() => firstClauseText(observer.doc(DraftDocument.agreement)).toString().startsWith(marker));
}

beforeAll(async () => {
  service = await startTestService();
  created = await createTestCase(service, [
    { displayName: '王芳', role: Role.applicant },
    { displayName: '李强', role: Role.respondent },
    { displayName: 'Observer O', role: Role.observer },
    { displayName: 'Observer P', role: Role.observer },
  ]);
  [mediator, observer] = await Promise.all([join(Role.mediator), join(Role.observer)]);
  await Promise.all([mediator.open(DraftDocument.agreement), observer.open(DraftDocument.agreement)]);
  await mediator.headless.request(ClientEvent.startAgreement, { category: 'road-traffic', language: 'zh-CN' });
  await waitUntil(() => readClauses(observer.doc(DraftDocument.agreement)).length > 0);
});
afterAll(async () => {
  for (const participant of people) participant.close();
  await service.stop();
});

describe('content the editors do not make', () => {
  it('refuses an editor’s script element, forwards it to no one, and leaves the server’s copy as it was', async () => {
    const readerSyncsBefore = observer.received.filter((r) => r.event === ServerEvent.draftSync).length;
    const update = rawChange(mediator, (doc) => {
      const script = new Y.XmlElement('script');
      script.insert(0, [new Y.XmlText('SCRIPT-TEXT')]);
      readClauses(doc)[0]!.body.insert(0, [script]);
    });
    await expectRefusedEveryWay(update);

    await typeAndWaitForReader('AFTER-SCRIPT ');
    // The reader received the typing only: nothing to delete, so nothing refused and nothing resent.
    expect(observer.received.filter((r) => r.event === ServerEvent.draftSync).length - readerSyncsBefore).toBeLessThanOrEqual('AFTER-SCRIPT '.length);
    expect(observer.errors).toEqual([]);
    expect(observer.refusals).toEqual([]);
    expect(readClauses(observer.doc(DraftDocument.agreement))[0]!.body.toString()).not.toContain('script');

    const stored = await storedAgreement();
    expect(readClauses(stored)[0]!.body.toString()).not.toMatch(/script|SCRIPT-TEXT/);
    expect(agreementText(canonicalAgreement(stored))).not.toContain('SCRIPT-TEXT');
  });

  it('refuses an editor’s right-to-left override in a clause, so the amount reads the same in the browser and the PDF', async () => {
    const clauseBefore = canonicalAgreement(await storedAgreement()).clauses[0];
    await expectRefusedEveryWay(rawChange(mediator, (doc) => firstClauseText(doc).insert(0, `${RLO}1000`)));
    await expectRefusedEveryWay(rawChange(mediator, (doc) => readClauses(doc)[0]!.body.insert(1, [paragraphOf(`${RLO}0001`)])));

    const stored = await storedAgreement();
    expect(canonicalAgreement(stored).clauses[0]).toEqual(clauseBefore);
    expect(JSON.stringify(canonicalAgreement(stored))).not.toContain(RLO);
    expect(observer.errors).toEqual([]);
  });

  it('gives a newcomer the agreement without any of it', async () => {
    await typeAndWaitForReader('LAST ');
    const late = await join(Role.observer, 1);
    await late.open(DraftDocument.agreement);
    const text = agreementText(canonicalAgreement(late.doc(DraftDocument.agreement)));
    expect(text).toContain('LAST AFTER-SCRIPT ');
    expect(text).not.toMatch(/SCRIPT-TEXT|\u202E/);
    expect(late.errors).toEqual([]);
  });
});

function paragraphOf(text: string): Y.XmlElement {
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(text)]);
  return paragraph;
}

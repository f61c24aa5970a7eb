import { toggleMark } from '@tiptap/pm/commands';
import { liftListItem, sinkListItem, splitListItem, wrapInList } from '@tiptap/pm/schema-list';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addClause,
  agreementParts,
  DraftDocument,
  ErrorCode,
  NOTES_FIELD,
  readClauses,
  removeClause,
  type DraftDocument as DraftDocumentName,
} from '@mediation/shared';
import { checkUpdateContent } from '../../server/src/drafting/check-update-content.js';
import { AppError } from '../../server/src/errors/app-error.js';
import { craftUpdate } from '../support/craft-update.js';
import { editorSchema, HeadlessEditor } from '../support/headless-editor.js';
import { replicaOf, updateOf, writeAgreementTemplate } from '../support/write-agreement-template.js';

const schema = editorSchema();
const RLO = '\u202E';

/** The server's copy of an agreement started from the template. */
function agreementOnServer(): Y.Doc {
  const server = new Y.Doc();
  writeAgreementTemplate(server);
  return server;
}

/** Checks an update as the server would, and applies it when accepted. */
function accept(server: Y.Doc, update: Uint8Array | null, document: DraftDocumentName = DraftDocument.agreement): void {
  expect(update).not.toBeNull();
  checkUpdateContent(server, document, update!);
  Y.applyUpdate(server, update!);
}

/** Expects the update refused with DRAFT_UPDATE_INVALID (and a message matching `message`), the server's copy untouched. */
function expectRefused(server: Y.Doc, update: Uint8Array | null, message: RegExp, document: DraftDocumentName = DraftDocument.agreement): void {
  expect(update).not.toBeNull();
  const before = Y.encodeStateAsUpdate(server);
  let refusal: unknown;
  try {
    checkUpdateContent(server, document, update!);
  } catch (error) {
    refusal = error;
  }
  expect(refusal).toBeInstanceOf(AppError);
  expect(refusal).toMatchObject({ code: ErrorCode.draftUpdateInvalid, message: expect.stringMatching(message) });
  expect(Y.encodeStateAsUpdate(server)).toEqual(before);
}

function firstClauseEditor(member: Y.Doc): HeadlessEditor {
  return new HeadlessEditor(schema, readClauses(member)[0]!.body);
}

/** The first paragraph of a fragment's first element: where raw Yjs edits go. */
function firstParagraph(fragment: Y.XmlFragment): Y.XmlElement {
  return fragment.get(0) as Y.XmlElement;
}

describe('checkUpdateContent accepts what the editors make', () => {
  it('accepts the agreement template the server writes, sent as one change', () => {
    const member = new Y.Doc();
    writeAgreementTemplate(member);
    accept(new Y.Doc(), Y.encodeStateAsUpdate(member));
  });

  it('accepts typing into a clause one keystroke at a time', () => {
    const server = agreementOnServer();
    const editor = firstClauseEditor(replicaOf(server));
    const end = editor.doc.content.size - 1;
    for (const keystroke of editor.type(end, ' 共计人民币12000元。')) accept(server, keystroke);
    expect(readClauses(server)[0]!.body.toString()).toContain('共计人民币12000元。');
  });

  it('accepts a merged run of keystrokes, as a reconnecting editor sends them', () => {
    const server = agreementOnServer();
    const editor = firstClauseEditor(replicaOf(server));
    accept(server, Y.mergeUpdates(editor.type(1, 'Payment: ')));
  });

  it('accepts bold, italic, strike-through and underline, set and removed', () => {
    const server = agreementOnServer();
    const editor = firstClauseEditor(replicaOf(server));
    for (const mark of ['bold', 'italic', 'strike', 'underline'] as const) {
      accept(server, editor.command(2, 8, toggleMark(schema.marks[mark]!)));
    }
    accept(server, editor.command(4, 6, toggleMark(schema.marks.bold!)));
    accept(server, editor.command(1, 10, toggleMark(schema.marks.italic!)));
  });

  it('accepts bullet and ordered lists, nested lists, a split list item and an ordered list from 3 in lower-alpha', () => {
    const server = agreementOnServer();
    const member = replicaOf(server);
    const editor = firstClauseEditor(member);
    accept(server, editor.command(2, 2, wrapInList(schema.nodes.bulletList!)));
    accept(server, editor.command(5, 5, splitListItem(schema.nodes.listItem!)));
    accept(server, editor.command(12, 12, sinkListItem(schema.nodes.listItem!)));
    accept(server, editor.command(12, 12, liftListItem(schema.nodes.listItem!)));

    const second = new HeadlessEditor(schema, readClauses(member)[1]!.body);
    accept(server, second.command(2, 2, wrapInList(schema.nodes.orderedList!, { start: 3, type: 'a' })));
    expect((firstParagraph(readClauses(server)[1]!.body) as Y.XmlElement).getAttributes()).toEqual({ start: 3, type: 'a' });
  });

  it('accepts a hard break and turning a list item back into a paragraph', () => {
    const server = agreementOnServer();
    const editor = firstClauseEditor(replicaOf(server));
    accept(server, editor.edit((state) => state.tr.insert(5, schema.nodes.hardBreak!.create())));
    accept(server, editor.command(2, 2, wrapInList(schema.nodes.orderedList!)));
    accept(server, editor.command(4, 4, liftListItem(schema.nodes.listItem!)));
    expect(editor.doc.firstChild!.type.name).toBe('paragraph');
  });

  it('accepts a pasted page of paragraphs, nested lists and every mark', () => {
    const server = agreementOnServer();
    const editor = new HeadlessEditor(schema, agreementParts(replicaOf(server)).dispute);
    const text = (words: string, marks: string[] = []) => ({ type: 'text', text: words, ...(marks.length > 0 && { marks: marks.map((type) => ({ type })) }) });
    const paragraph = (...content: object[]) => ({ type: 'paragraph', content });
    const item = (...content: object[]) => ({ type: 'listItem', content });
    accept(
      server,
      editor.paste([
        paragraph(text('The parties met on 3 May. '), text('Both agreed', ['bold']), text(' to the terms '), text('below', ['italic', 'underline'])),
        { type: 'orderedList', attrs: { start: 2, type: 'i' }, content: [item(paragraph(text('first'))), item(paragraph(text('second')), { type: 'bulletList', content: [item(paragraph(text('nested', ['strike'])))] })] },
        paragraph(text('line one'), { type: 'hardBreak' }, text('line two')),
        paragraph(),
      ]),
    );
  });

  it('accepts deleting across paragraphs and clearing a part', () => {
    const server = agreementOnServer();
    const editor = new HeadlessEditor(schema, agreementParts(replicaOf(server)).performance);
    accept(server, editor.edit((state) => state.tr.delete(3, state.doc.content.size - 3)));
    accept(server, editor.edit((state) => state.tr.delete(0, state.doc.content.size)));
  });

  it('accepts adding and removing clauses and editing a party’s details', () => {
    const server = agreementOnServer();
    const member = replicaOf(server);
    accept(server, updateOf(member, () => addClause(member, 1, ['双方确认以上金额。'])));
    accept(server, updateOf(member, () => removeClause(member, readClauses(member)[0]!.id)));
    accept(server, updateOf(member, () => agreementParts(member).parties.get(0).set('details', '身份证 5301**********1234，昆明市盘龙区')));
  });

  it('accepts the first paragraph of empty notes and of the private notes', () => {
    for (const document of [DraftDocument.notes, DraftDocument.privateNotes]) {
      const server = new Y.Doc();
      const editor = new HeadlessEditor(schema, new Y.Doc().getXmlFragment(NOTES_FIELD));
      accept(server, editor.edit((state) => state.tr.insertText('Facts: the car was parked.', 0)), document);
    }
  });

  it('accepts concurrent edits, each checked against the copy that holds the other’s', () => {
    const server = agreementOnServer();
    const first = firstClauseEditor(replicaOf(server));
    const second = firstClauseEditor(replicaOf(server));
    const fromFirst = Y.mergeUpdates(first.type(1, 'A: '));
    const fromSecond = Y.mergeUpdates([second.command(1, 6, toggleMark(schema.marks.bold!))!, ...second.type(3, 'B')]);
    accept(server, fromFirst);
    accept(server, fromSecond);
  });

  it('accepts typing into a paragraph another editor deleted meanwhile (its text is garbage-collected)', () => {
    const server = agreementOnServer();
    const typist = firstClauseEditor(replicaOf(server));
    const deleter = new HeadlessEditor(schema, readClauses(replicaOf(server))[0]!.body);
    accept(server, deleter.edit((state) => state.tr.delete(0, state.doc.content.size).insert(0, schema.nodes.paragraph!.create())));
    for (const keystroke of typist.type(3, 'late')) accept(server, keystroke);
  });

  it('accepts a reconnecting editor’s whole answer to sync step 1', () => {
    const server = agreementOnServer();
    const member = replicaOf(server);
    firstClauseEditor(member).type(1, 'offline ');
    accept(server, Y.encodeStateAsUpdate(member, Y.encodeStateVector(server)));
  });
});

describe('checkUpdateContent refuses what no editor makes', () => {
  it('refuses a script element in a clause and an img element in a paragraph', () => {
    const server = agreementOnServer();
    const member = replicaOf(server);
    const body = readClauses(member)[0]!.body;
    const script = new Y.XmlElement('script');
    script.insert(0, [new Y.XmlText('alert(1)')]);
    expectRefused(server, updateOf(member, () => body.insert(0, [script])), /“script” element.*does not have/);

    const other = replicaOf(server);
    const image = new Y.XmlElement('img');
    image.setAttribute('src', 'https://example.com/x.png');
    expectRefused(server, updateOf(other, () => firstParagraph(readClauses(other)[0]!.body).insert(0, [image])), /“img” element/);
  });

  it('refuses an element where its parent may not hold it', () => {
    const server = agreementOnServer();
    const member = replicaOf(server);
    const item = new Y.XmlElement('listItem');
    item.insert(0, [new Y.XmlElement('paragraph')]);
    expectRefused(server, updateOf(member, () => agreementParts(member).dispute.insert(0, [item])), /“listItem” in a “doc”/);

    const other = replicaOf(server);
    expectRefused(
      server,
      updateOf(other, () => firstParagraph(agreementParts(other).dispute).insert(0, [new Y.XmlElement('paragraph')])),
      /“paragraph” in a “paragraph”/,
    );
  });

  it('refuses text directly in a fragment, outside any paragraph', () => {
    const server = agreementOnServer();
    const member = replicaOf(server);
    expectRefused(server, updateOf(member, () => agreementParts(member).performance.insert(0, [new Y.XmlText('loose')])), /text directly in a “doc”/);
  });

  it('refuses a mark the editor does not have, under its own name or a hashed one', () => {
    const server = agreementOnServer();
    for (const mark of ['code', 'link', 'bold--abcd1234']) {
      const member = replicaOf(server);
      const text = firstParagraph(readClauses(member)[0]!.body).get(0) as Y.XmlText;
      expectRefused(server, updateOf(member, () => text.format(0, 3, { [mark]: {} })), /formats text as/);
    }
  });

  it('refuses a mark value the editor never writes', () => {
    const server = agreementOnServer();
    const member = replicaOf(server);
    const text = firstParagraph(readClauses(member)[0]!.body).get(0) as Y.XmlText;
    expectRefused(server, updateOf(member, () => text.format(0, 3, { bold: { href: 'javascript:x' } })), /“bold” mark an attribute “href”/);
  });

  it('refuses an attribute a node does not have, an ordered list start out of range and a null attribute', () => {
    const server = agreementOnServer();
    const cases: [string, unknown, RegExp][] = [
      ['style', 'color: white', /attribute “style”/],
      ['start', 'abc', /“start” of a “orderedList” to "abc"/],
      ['start', 1.5, /“start”.*1\.5/],
      ['start', 10_000_000, /“start”/],
      ['type', 'disc', /“type”/],
      ['type', null, /“type”.*null/],
    ];
    for (const [name, value, message] of cases) {
      const member = replicaOf(server);
      const list = new Y.XmlElement('orderedList');
      const item = new Y.XmlElement('listItem');
      item.insert(0, [new Y.XmlElement('paragraph')]);
      list.insert(0, [item]);
      list.setAttribute(name, value as string);
      expectRefused(server, updateOf(member, () => agreementParts(member).dispute.insert(1, [list])), message);
    }
  });

  it('refuses a right-to-left override in text, in a party’s details and in an attribute', () => {
    const server = agreementOnServer();
    const inText = replicaOf(server);
    expectRefused(
      server,
      updateOf(inText, () => (firstParagraph(readClauses(inText)[0]!.body).get(0) as Y.XmlText).insert(0, `${RLO}1000`)),
      /text-direction character \(U\+202E\) in text/,
    );
    const inDetails = replicaOf(server);
    expectRefused(server, updateOf(inDetails, () => agreementParts(inDetails).parties.get(0).set('details', `ID ${RLO}4321`)), /U\+202E.*details/);

    const inAttribute = replicaOf(server);
    const list = new Y.XmlElement('orderedList');
    list.setAttribute('type', `${RLO}a`);
    expectRefused(server, updateOf(inAttribute, () => agreementParts(inAttribute).dispute.insert(0, [list])), /U\+202E.*“type”/);
  });

  it('refuses the other bidirectional controls too', () => {
    const server = agreementOnServer();
    for (const control of ['\u061C', '\u200E', '\u200F', '\u202A', '\u202B', '\u202C', '\u202D', '\u2066', '\u2067', '\u2068', '\u2069']) {
      const member = replicaOf(server);
      const text = firstParagraph(readClauses(member)[0]!.body).get(0) as Y.XmlText;
      expectRefused(server, updateOf(member, () => text.insert(1, control)), /text-direction/);
    }
  });

  it('refuses a root the document does not have, and an attribute on a fragment', () => {
    const server = agreementOnServer();
    const member = replicaOf(server);
    expectRefused(server, updateOf(member, () => member.getXmlFragment('secret').insert(0, [new Y.XmlElement('paragraph')])), /“secret”, which is not part of the agreement/);

    const notes = new Y.Doc();
    expectRefused(new Y.Doc(), updateOf(notes, () => notes.getXmlFragment('dispute').insert(0, [new Y.XmlElement('paragraph')])), /not part of the shared notes/, DraftDocument.notes);

    const onFragment = replicaOf(server);
    expectRefused(
      server,
      craftUpdate([{ client: onFragment.clientID, clock: 0, parent: 'dispute', parentSub: 'onclick', content: new Y.ContentAny(['x']) }]),
      /“doc” an attribute “onclick”/,
    );
  });

  it('refuses a map key outside the structure, a value that is not text and a category not in the list', () => {
    const server = agreementOnServer();
    const edits: [(member: Y.Doc) => void, RegExp][] = [
      [(member) => agreementParts(member).parties.get(0).set('email', 'a@b.c'), /“email”, which a party does not have/],
      [(member) => agreementParts(member).header.set('footer', 'x'), /“footer”, which the agreement’s header does not have/],
      [(member) => (agreementParts(member).parties.get(0) as Y.Map<unknown>).set('details', 42), /“details” of a party to something other than text/],
      [(member) => agreementParts(member).header.set('category', 'piracy'), /“category”.*“piracy”/],
      [(member) => (agreementParts(member).clauses.get(0) as Y.Map<unknown>).set('body', new Y.Text('plain')), /“body” of a clause, which holds rich text/],
      [(member) => (agreementParts(member).clauses as Y.Array<unknown>).insert(0, ['a string']), /plain values in an entry of the list of clauses/],
    ];
    for (const [edit, message] of edits) {
      const member = replicaOf(server);
      expectRefused(server, updateOf(member, () => edit(member)), message);
    }
  });

  it('refuses kinds of content the editor never makes', () => {
    const server = agreementOnServer();
    const paragraphText = (member: Y.Doc) => firstParagraph(readClauses(member)[0]!.body).get(0) as Y.XmlText;
    const edits: [(member: Y.Doc) => void, RegExp][] = [
      [(member) => paragraphText(member).insertEmbed(0, { image: 'x' }), /an embedded object in text/],
      [(member) => paragraphText(member).setAttribute('lang', 'ar'), /text an attribute “lang”/],
      [(member) => readClauses(member)[0]!.body.insert(0, [new Y.XmlHook('widget') as unknown as Y.XmlElement]), /an XML hook/],
      [(member) => (agreementParts(member).parties.get(0) as Y.Map<unknown>).set('details', new Uint8Array([1])), /details.*something other than text/],
      [(member) => (agreementParts(member).parties.get(0) as Y.Map<unknown>).set('details', new Y.Doc()), /details.*something other than text/],
      [(member) => (agreementParts(member).parties.get(0) as Y.Map<unknown>).set('details', new Y.Array()), /details.*something other than text/],
    ];
    for (const [edit, message] of edits) {
      const member = replicaOf(server);
      expectRefused(server, updateOf(member, () => edit(member)), message);
    }
    const json = replicaOf(server);
    const paragraph = firstParagraph(readClauses(json)[0]!.body);
    expectRefused(
      server,
      craftUpdate([{ client: json.clientID, clock: 0, parent: paragraph._item!.id, content: new Y.ContentJSON(['x']) }]),
      /JSON values in a “paragraph”/,
    );
  });

  it('refuses an update that starts beyond the server’s clock for its client', () => {
    const server = agreementOnServer();
    const editor = firstClauseEditor(replicaOf(server));
    const [, second] = editor.type(1, 'ab');
    expectRefused(server, second!, /depends on changes the server does not have/);
  });

  it('refuses an item whose origin the server has never seen', () => {
    const server = agreementOnServer();
    const first = replicaOf(server);
    const second = replicaOf(server);
    const unsent = firstClauseEditor(first).type(1, 'x');
    Y.applyUpdate(second, unsent[0]!);
    const editor = firstClauseEditor(second);
    expectRefused(server, Y.mergeUpdates(editor.type(2, 'y')), /depends on changes the server does not have/);
  });

  it('refuses an update whose parts refer to each other in a circle', () => {
    const server = agreementOnServer();
    const update = craftUpdate([
      { client: 901, clock: 0, origin: Y.createID(902, 0), content: new Y.ContentString('a') },
      { client: 902, clock: 0, origin: Y.createID(901, 0), content: new Y.ContentString('b') },
    ]);
    expectRefused(server, update, /circle/);
  });

  it('refuses a part that refers to a later part of its own client', () => {
    const server = agreementOnServer();
    const update = craftUpdate([
      { client: 903, clock: 0, origin: Y.createID(903, 1), content: new Y.ContentString('a') },
      { client: 903, clock: 1, parent: 'dispute', content: new Y.ContentType(new Y.XmlElement('paragraph')) },
    ]);
    expectRefused(server, update, /later part of its own/);
  });

  it('refuses a delete set naming content the server does not have', () => {
    const server = agreementOnServer();
    expectRefused(server, craftUpdate([], new Map([[904, [[0, 3]]]])), /deletes content the server does not have/);
    const known = [...server.store.clients.keys()][0]!;
    expectRefused(server, craftUpdate([], new Map([[known, [[0, Y.getState(server.store, known) + 1]]]])), /deletes content/);
  });

  it('refuses bytes that are not a Yjs update', () => {
    expectRefused(agreementOnServer(), new Uint8Array([255, 255, 255, 255, 255, 1]), /Not a Yjs update/);
  });
});

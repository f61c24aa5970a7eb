import { getSchema } from '@tiptap/core';
import type { ContentMatch, NodeType, Schema } from '@tiptap/pm/model';
import { EditorState, Plugin } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { RICH_TEXT_SCHEMA, RichTextNode } from '@mediation/shared';
import type { DraftProvider } from '../src/drafting/draft-provider';
import { richTextExtensions } from '../src/drafting/rich-text-extensions';
import { filterOwnChanges } from '../src/drafting/rich-text-input-filter';

function editorSchema(): Schema {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  const provider = { awareness } as unknown as DraftProvider;
  try {
    return getSchema(richTextExtensions({ fragment: doc.getXmlFragment('probe'), provider, user: { name: 'A', color: '#000' }, placeholder: () => '' }));
  } finally {
    awareness.destroy();
  }
}

/** Every node type a node's content expression can ever admit. */
function admittedChildren(type: NodeType): string[] {
  const seen = new Set<ContentMatch>();
  const children = new Set<string>();
  const visit = (match: ContentMatch) => {
    if (seen.has(match)) return;
    seen.add(match);
    for (let index = 0; index < match.edgeCount; index++) {
      const edge = match.edge(index);
      children.add(edge.type.name);
      visit(edge.next);
    }
  };
  visit(type.contentMatch);
  return [...children].sort();
}

const attributesOf = (spec: Record<string, { default?: unknown }>) =>
  Object.fromEntries(Object.entries(spec).map(([name, attribute]) => [name, attribute.default]));

describe('the drafting editors’ extensions', () => {
  const schema = editorSchema();

  it('make exactly the nodes of the shared schema, with the children and attributes it gives them', () => {
    expect(Object.keys(schema.nodes).sort()).toEqual(Object.keys(RICH_TEXT_SCHEMA.nodes).sort());
    expect(schema.topNodeType.name).toBe(RichTextNode.doc);
    for (const [name, spec] of Object.entries(RICH_TEXT_SCHEMA.nodes)) {
      const type = schema.nodes[name]!;
      expect({ name, children: admittedChildren(type) }).toEqual({ name, children: [...spec.children].sort() });
      expect({ name, attributes: attributesOf(type.spec.attrs ?? {}) }).toEqual({ name, attributes: attributesOf(spec.attributes) });
      for (const mark of Object.keys(schema.marks)) {
        expect({ name, mark, allowed: type.allowsMarkType(schema.marks[mark]!) }).toEqual({ name, mark, allowed: (spec.marks as string[]).includes(mark) });
      }
    }
  });

  it('make exactly the marks of the shared schema, none of which overlaps itself', () => {
    expect(Object.keys(schema.marks).sort()).toEqual(Object.keys(RICH_TEXT_SCHEMA.marks).sort());
    for (const [name, spec] of Object.entries(RICH_TEXT_SCHEMA.marks)) {
      const type = schema.marks[name]!;
      expect({ name, attributes: attributesOf(type.spec.attrs ?? {}) }).toEqual({ name, attributes: attributesOf(spec.attributes) });
      // y-prosemirror stores a mark that may overlap itself under a hashed name the server refuses.
      expect(type.excludes(type)).toBe(true);
    }
  });

  it('accept every attribute default the shared schema gives', () => {
    for (const spec of Object.values(RICH_TEXT_SCHEMA.nodes)) {
      for (const attribute of Object.values(spec.attributes)) expect(attribute.isValid(attribute.default)).toBe(true);
    }
  });
});

describe('the editors’ input filter', () => {
  const schema = editorSchema();
  const filtered = (doc: ReturnType<Schema['node']>) =>
    EditorState.create({ schema, doc, plugins: [new Plugin({ appendTransaction: (transactions, _before, state) => filterOwnChanges(transactions, state) })] });
  const emptyDoc = () => schema.node('doc', null, [schema.node('paragraph')]);

  it('removes bidirectional controls from typed and pasted text, keeping the rest', () => {
    let state = filtered(emptyDoc());
    state = state.apply(state.tr.insertText('\u202E1000\u200F 元', 1));
    expect(state.doc.textContent).toBe('1000 元');
    const pasted = schema.node('paragraph', null, [schema.text('a\u2066b\u2069c')]);
    state = state.apply(state.tr.replaceWith(state.doc.content.size, state.doc.content.size, pasted));
    expect(state.doc.lastChild!.textContent).toBe('abc');
  });

  it('puts an ordered list’s start out of range or unknown type back to its default', () => {
    let state = filtered(emptyDoc());
    const list = schema.node('orderedList', { start: 99_999_999, type: 'disc' }, [schema.node('listItem', null, [schema.node('paragraph', null, [schema.text('x')])])]);
    state = state.apply(state.tr.replaceWith(0, state.doc.content.size, list));
    expect(state.doc.firstChild!.attrs).toEqual({ start: 1, type: null });
  });

  it('leaves a change received from the others as it is', () => {
    let state = filtered(emptyDoc());
    state = state.apply(state.tr.insertText('\u202Eold', 1).setMeta(ySyncPluginKey, { isChangeOrigin: true }));
    expect(state.doc.textContent).toBe('\u202Eold');
  });
});

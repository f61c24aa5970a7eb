import { getSchema } from '@tiptap/core';
import type { Node as ProseMirrorNode, Schema } from '@tiptap/pm/model';
import { EditorState, Plugin, TextSelection, type Transaction } from '@tiptap/pm/state';
import { initProseMirrorDoc, updateYFragment, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { richTextExtensions } from '../../client/src/drafting/rich-text-extensions.js';
import { filterOwnChanges } from '../../client/src/drafting/rich-text-input-filter.js';
import type { DraftProvider } from '../../client/src/drafting/draft-provider.js';

/** The ProseMirror schema of the drafting editors, built from their real extension list. */
export function editorSchema(): Schema {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  const provider = { awareness } as unknown as DraftProvider;
  try {
    return getSchema(
      richTextExtensions({ fragment: doc.getXmlFragment('probe'), provider, user: { name: 'probe', color: '#000' }, placeholder: () => '' }),
    );
  } finally {
    // Its timer would keep a script's process alive.
    awareness.destroy();
  }
}

/**
 * An editor without a browser: a ProseMirror state of the editors' schema, with their input
 * filter, bound to a Y.XmlFragment the way y-prosemirror binds it (each change is written
 * with updateYFragment, as the sync plugin's binding does after every transaction), so the
 * Yjs updates it makes are the ones a browser makes for the same edit.
 */
export class HeadlessEditor {
  state: EditorState;
  private readonly meta: ReturnType<typeof initProseMirrorDoc>['meta'];

  constructor(
    readonly schema: Schema,
    readonly fragment: Y.XmlFragment,
  ) {
    const { doc, meta } = initProseMirrorDoc(fragment, schema);
    this.meta = meta;
    this.state = EditorState.create({
      schema,
      doc,
      plugins: [new Plugin({ appendTransaction: (transactions, _before, state) => filterOwnChanges(transactions, state) })],
    });
  }

  /** Applies an edit and returns the Yjs update it makes (null when it changes nothing in Yjs). */
  edit(makeTransaction: (state: EditorState) => Transaction): Uint8Array | null {
    this.state = this.state.apply(makeTransaction(this.state));
    const ydoc = this.fragment.doc!;
    let update: Uint8Array | null = null;
    const collect = (made: Uint8Array) => {
      update = update ? Y.mergeUpdates([update, made]) : made;
    };
    ydoc.on('update', collect);
    try {
      ydoc.transact(() => updateYFragment(ydoc, this.fragment, this.state.doc, this.meta), ySyncPluginKey);
    } finally {
      ydoc.off('update', collect);
    }
    return update;
  }

  /** Types text one character at a time at `position`, returning one update per keystroke. */
  type(position: number, text: string): Uint8Array[] {
    const updates: Uint8Array[] = [];
    [...text].forEach((character, index) => {
      const update = this.edit((state) => state.tr.insertText(character, position + index));
      if (update) updates.push(update);
    });
    return updates;
  }

  /** Selects from `from` to `to` and runs a ProseMirror command on the selection. */
  command(from: number, to: number, command: (state: EditorState, dispatch: (tr: Transaction) => void) => boolean): Uint8Array | null {
    const selected = this.state.apply(this.state.tr.setSelection(TextSelection.create(this.state.doc, from, to)));
    let made: Transaction | null = null;
    if (!command(selected, (tr) => (made = tr))) throw new Error('the command does not apply here');
    this.state = selected;
    return this.edit(() => made!);
  }

  /** Replaces the whole document with nodes given as ProseMirror JSON, as a paste would. */
  paste(content: unknown[], from = 0, to = this.state.doc.content.size): Uint8Array | null {
    const nodes = content.map((json) => this.schema.nodeFromJSON(json));
    return this.edit((state) => state.tr.replaceWith(from, to, nodes));
  }

  get doc(): ProseMirrorNode {
    return this.state.doc;
  }
}

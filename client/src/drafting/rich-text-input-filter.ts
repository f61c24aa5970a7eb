import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { BIDI_CONTROL, isRichTextNode, RICH_TEXT_SCHEMA } from '@mediation/shared';

/**
 * Keeps what a person types, pastes or drops inside what the server accepts
 * (server/src/drafting/check-update-content.ts), so that no one is refused for text they
 * copied from elsewhere: bidirectional control characters are removed, and a list attribute
 * the editor itself would accept but no view shows alike (an `<ol start>` out of range, an
 * unknown `<ol type>`) goes back to its default. Only the person's own changes are touched:
 * a change received from the others is shown as it is, since rewriting it would be an edit
 * a reader may not make.
 */
export const RichTextInputFilter = Extension.create({
  name: 'richTextInputFilter',

  addProseMirrorPlugins() {
    return [
      new Plugin({
        key: new PluginKey('richTextInputFilter'),
        appendTransaction: (transactions, _before, state) => filterOwnChanges(transactions, state),
      }),
    ];
  },
});

/** The transaction that cleans what the person's own transactions changed, or null when nothing needs it. */
export function filterOwnChanges(transactions: readonly Transaction[], state: EditorState): Transaction | null {
  const ranges = ownChangedRanges(transactions);
  if (ranges.length === 0) return null;
  const controls = new Set<number>();
  const attributeFixes = new Map<number, Record<string, unknown>>();
  const size = state.doc.content.size;
  for (const { from, to } of ranges) {
    state.doc.nodesBetween(Math.max(0, from), Math.min(size, to), (node, position) => {
      if (node.isText) {
        const text = node.text ?? '';
        for (let index = text.search(BIDI_CONTROL); index >= 0; index = nextControl(text, index + 1)) controls.add(position + index);
        return;
      }
      if (!isRichTextNode(node.type.name)) return;
      const fixed = validAttributes(node.type.name, node.attrs);
      if (fixed) attributeFixes.set(position, fixed);
    });
  }
  if (controls.size === 0 && attributeFixes.size === 0) return null;
  const transaction = state.tr;
  // Changing a node's attributes keeps every position; deletions go from the end so each keeps its own.
  for (const [position, attributes] of attributeFixes) transaction.setNodeMarkup(position, undefined, attributes);
  for (const position of [...controls].sort((a, b) => b - a)) transaction.delete(position, position + 1);
  return transaction;
}

/** The ranges of the new document that the person's own transactions changed. */
function ownChangedRanges(transactions: readonly Transaction[]): { from: number; to: number }[] {
  let ranges: { from: number; to: number }[] = [];
  for (const transaction of transactions) {
    const own = transaction.docChanged && !isFromOthers(transaction);
    for (const map of transaction.mapping.maps) {
      ranges = ranges.map(({ from, to }) => ({ from: map.map(from, -1), to: map.map(to, 1) }));
      if (own) map.forEach((_oldStart, _oldEnd, newStart, newEnd) => ranges.push({ from: newStart, to: newEnd }));
    }
  }
  return ranges;
}

/** y-prosemirror marks the transactions that bring the others' changes from the Y.Doc. */
function isFromOthers(transaction: Transaction): boolean {
  const sync = transaction.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
  return sync?.isChangeOrigin === true;
}

function nextControl(text: string, from: number): number {
  const found = text.slice(from).search(BIDI_CONTROL);
  return found < 0 ? -1 : from + found;
}

/** The node's attributes with each invalid one back at its default, or null when all are valid. */
function validAttributes(node: keyof typeof RICH_TEXT_SCHEMA.nodes, attributes: Record<string, unknown>): Record<string, unknown> | null {
  let fixed: Record<string, unknown> | null = null;
  for (const [name, attribute] of Object.entries(RICH_TEXT_SCHEMA.nodes[node].attributes)) {
    if (attribute.isValid(attributes[name])) continue;
    fixed ??= { ...attributes };
    fixed[name] = attribute.default;
  }
  return fixed;
}

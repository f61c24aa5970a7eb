import { isCanonicalText, type CanonicalBlock, type CanonicalNode, type CanonicalText } from '@mediation/shared';
import { defineComponent, h, type PropType, type VNode } from 'vue';

/** The marks the agreement's editors allow, and the element each is shown with. */
const MARK_ELEMENTS: Record<string, string> = { bold: 'strong', italic: 'em', strike: 's', underline: 'u' };
/** The blocks the editors make (StarterKit without headings, code or quotes). */
const BLOCK_ELEMENTS: Record<string, string> = { paragraph: 'p', bulletList: 'ul', orderedList: 'ol', listItem: 'li' };

/**
 * Rich text in its canonical form (the form that is hashed and signed), shown read-only:
 * what the signer reads is built from the very value whose hash they check.
 */
export const CanonicalRichText = defineComponent({
  name: 'CanonicalRichText',
  props: { nodes: { type: Array as PropType<CanonicalNode[]>, required: true } },
  setup(props) {
    return () => h('div', { class: 'rich-text' }, renderNodes(props.nodes));
  },
});

function renderNodes(nodes: CanonicalNode[]): (VNode | string)[] {
  return nodes.map((node) => (isCanonicalText(node) ? renderText(node) : renderBlock(node)));
}

function renderText(run: CanonicalText): VNode | string {
  return (run.marks ?? []).reduce<VNode | string>((inner, mark) => {
    const element = MARK_ELEMENTS[mark.type];
    return element ? h(element, null, [inner]) : inner;
  }, run.text);
}

function renderBlock(block: CanonicalBlock): VNode {
  if (block.type === 'hardBreak') return h('br');
  // Numbered from `start` in the style of `type` (decimal, a, A, i, I), as the editors show it.
  const numbering =
    block.type === 'orderedList'
      ? { ...(typeof block.attrs?.start === 'number' && { start: block.attrs.start }), ...(typeof block.attrs?.type === 'string' && { type: block.attrs.type }) }
      : {};
  // An unknown block still shows its text: nothing signed may be hidden from the signer.
  return h(BLOCK_ELEMENTS[block.type] ?? 'div', numbering, renderNodes(block.content));
}

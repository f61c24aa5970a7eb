/**
 * The rich text the agreement's and the notes' editors make, defined once: the client's
 * editor is built from the same extensions a test turns back into this schema
 * (client/test/rich-text-extensions.test.ts), and the server refuses any change outside it
 * (server/src/drafting/check-update-content.ts). Nothing else can reach a document, so
 * every browser shows the whole of it and the signed PDF draws exactly that.
 *
 * y-prosemirror stores a document in a Y.XmlFragment (the `doc` node): every other node is a
 * Y.XmlElement named after it, with its attributes as the element's attributes, and each run
 * of text is a Y.XmlText whose marks are formatting attributes named after them.
 */

export const RichTextNode = {
  doc: 'doc',
  paragraph: 'paragraph',
  bulletList: 'bulletList',
  orderedList: 'orderedList',
  listItem: 'listItem',
  hardBreak: 'hardBreak',
  /** Text: a Y.XmlText, not an element. */
  text: 'text',
} as const;
export type RichTextNode = (typeof RichTextNode)[keyof typeof RichTextNode];

export const RichTextMark = {
  bold: 'bold',
  italic: 'italic',
  strike: 'strike',
  underline: 'underline',
} as const;
export type RichTextMark = (typeof RichTextMark)[keyof typeof RichTextMark];

export type AttributeValue = string | number | boolean | null;

export interface RichTextAttribute {
  /** What the editor assumes when the attribute is not stored. */
  default: AttributeValue;
  /** Whether a stored value is one the editor makes and every view shows the same way. */
  isValid(value: unknown): boolean;
}

export interface RichTextNodeSpec {
  /** The nodes it may hold (in any order and number: concurrent edits pass through states no single editor makes). */
  children: readonly RichTextNode[];
  attributes: Readonly<Record<string, RichTextAttribute>>;
  /** The marks its text may carry. */
  marks: readonly RichTextMark[];
}

export interface RichTextMarkSpec {
  attributes: Readonly<Record<string, RichTextAttribute>>;
}

/**
 * Where an `<ol start>` is taken at its word. Far beyond any real numbering and well inside
 * the integer range browsers accept (beyond it they ignore the attribute and count from 1,
 * where the PDF would not).
 */
export const ORDERED_LIST_START_LIMIT = 1_000_000;

/** The list styles of HTML's `<ol type>`: decimal, lower and upper alpha, lower and upper roman. */
export const ORDERED_LIST_TYPES = ['1', 'a', 'A', 'i', 'I'] as const;
export type OrderedListType = (typeof ORDERED_LIST_TYPES)[number];

const BLOCKS = [RichTextNode.paragraph, RichTextNode.bulletList, RichTextNode.orderedList] as const;
const ALL_MARKS = Object.values(RichTextMark);
const NO_ATTRIBUTES = {};

export const RICH_TEXT_SCHEMA: {
  nodes: Readonly<Record<RichTextNode, RichTextNodeSpec>>;
  marks: Readonly<Record<RichTextMark, RichTextMarkSpec>>;
} = {
  nodes: {
    doc: { children: BLOCKS, attributes: NO_ATTRIBUTES, marks: [] },
    paragraph: { children: [RichTextNode.text, RichTextNode.hardBreak], attributes: NO_ATTRIBUTES, marks: ALL_MARKS },
    bulletList: { children: [RichTextNode.listItem], attributes: NO_ATTRIBUTES, marks: [] },
    orderedList: {
      children: [RichTextNode.listItem],
      attributes: {
        start: {
          default: 1,
          isValid: (value) => Number.isInteger(value) && Math.abs(value as number) <= ORDERED_LIST_START_LIMIT,
        },
        type: {
          default: null,
          isValid: (value) => value === null || (ORDERED_LIST_TYPES as readonly unknown[]).includes(value),
        },
      },
      marks: [],
    },
    listItem: { children: BLOCKS, attributes: NO_ATTRIBUTES, marks: [] },
    hardBreak: { children: [], attributes: NO_ATTRIBUTES, marks: [] },
    text: { children: [], attributes: NO_ATTRIBUTES, marks: [] },
  },
  marks: {
    bold: { attributes: NO_ATTRIBUTES },
    italic: { attributes: NO_ATTRIBUTES },
    strike: { attributes: NO_ATTRIBUTES },
    underline: { attributes: NO_ATTRIBUTES },
  },
};

export function isRichTextNode(name: string): name is RichTextNode {
  return Object.hasOwn(RICH_TEXT_SCHEMA.nodes, name);
}

export function isRichTextMark(name: string): name is RichTextMark {
  return Object.hasOwn(RICH_TEXT_SCHEMA.marks, name);
}

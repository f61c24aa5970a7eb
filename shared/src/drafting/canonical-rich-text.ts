import * as Y from 'yjs';

/** A run of text with the same marks (bold, italic, link, ...). */
export interface CanonicalText {
  text: string;
  marks?: CanonicalMark[];
}

export interface CanonicalMark {
  type: string;
  attrs?: Record<string, unknown>;
}

/** A ProseMirror node as stored by y-prosemirror: paragraph, heading, list, list item, hard break. */
export interface CanonicalBlock {
  type: string;
  attrs?: Record<string, unknown>;
  content: CanonicalNode[];
}

export type CanonicalNode = CanonicalBlock | CanonicalText;

export function isCanonicalText(node: CanonicalNode): node is CanonicalText {
  return 'text' in node;
}

/**
 * The content of a rich-text fragment in one deterministic shape: attributes sorted and
 * without empty values, adjacent runs with equal marks merged, empty runs dropped. Two
 * replicas with the same document state give equal results however their edits were split.
 */
export function canonicalRichText(fragment: Y.XmlFragment | Y.XmlElement): CanonicalNode[] {
  const nodes: CanonicalNode[] = [];
  for (const child of fragment.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const run of textRuns(child)) appendRun(nodes, run);
    } else if (child instanceof Y.XmlElement) {
      const attrs = cleanAttributes(child.getAttributes());
      nodes.push({ type: child.nodeName, ...(attrs && { attrs }), content: canonicalRichText(child) });
    }
  }
  return nodes;
}

function textRuns(text: Y.XmlText): CanonicalText[] {
  const delta = text.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[];
  return delta
    .filter((op): op is { insert: string; attributes?: Record<string, unknown> } => typeof op.insert === 'string')
    .map((op) => {
      const marks = canonicalMarks(op.attributes);
      return { text: op.insert, ...(marks.length > 0 && { marks }) };
    });
}

/**
 * y-prosemirror keeps a mark as a text attribute named after it (`bold`, or `bold--<hash>`
 * where marks of one type overlap) whose value is the mark's attributes.
 */
function canonicalMarks(attributes: Record<string, unknown> | undefined): CanonicalMark[] {
  if (!attributes) return [];
  return Object.entries(attributes)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => {
      const attrs = typeof value === 'object' ? cleanAttributes(value as Record<string, unknown>) : undefined;
      return { type: key.split('--')[0]!, ...(attrs && { attrs }) };
    })
    .sort((a, b) => (a.type < b.type ? -1 : a.type > b.type ? 1 : 0));
}

function cleanAttributes(attributes: Record<string, unknown>): Record<string, unknown> | undefined {
  const entries = Object.entries(attributes)
    .filter(([, value]) => value !== null && value !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function appendRun(nodes: CanonicalNode[], run: CanonicalText): void {
  if (run.text === '') return;
  const last = nodes.at(-1);
  if (last && isCanonicalText(last) && JSON.stringify(last.marks) === JSON.stringify(run.marks)) {
    last.text += run.text;
  } else {
    nodes.push({ ...run });
  }
}

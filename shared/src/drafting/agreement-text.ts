import type { CanonicalAgreement } from './canonical-agreement.js';
import { agreementLabels } from './agreement-labels.js';
import { isCanonicalText, type CanonicalNode } from './canonical-rich-text.js';
import { orderedListMarker } from './ordered-list-marker.js';

/**
 * The agreement as plain text, one paragraph or list item per line, with its headings in
 * the agreement's language: what versions are compared on.
 */
export function agreementText(agreement: CanonicalAgreement): string {
  const labels = agreementLabels[agreement.header.language];
  const { header } = agreement;
  const lines: string[] = [header.committee, labels.documentTitle, `${labels.caseNumber}: ${header.caseNumber}`, header.title, ''];
  lines.push(labels.parties);
  for (const party of agreement.parties) {
    lines.push(`${labels.roles[party.role] ?? party.role}: ${party.name}${party.details ? ` (${party.details})` : ''}`);
  }
  lines.push('', labels.dispute, ...richTextLines(agreement.dispute), '', labels.clauses);
  for (const clause of agreement.clauses) {
    const [first = '', ...rest] = richTextLines(clause.body);
    lines.push(`${labels.clauseNumber(clause.number)} ${first}`, ...rest);
  }
  lines.push('', labels.performance, ...richTextLines(agreement.performance), '', labels.signatures);
  for (const party of agreement.parties) lines.push(`${labels.roles[party.role] ?? party.role}: ${party.name}`);
  lines.push(`${labels.mediator}: ${header.mediator}`);
  return lines.join('\n');
}

/** Rich text as lines: paragraphs and headings one each, list items with a bullet or number. */
export function richTextLines(nodes: CanonicalNode[], prefix = ''): string[] {
  const lines: string[] = [];
  for (const node of nodes) {
    if (isCanonicalText(node)) continue;
    if (node.type === 'bulletList' || node.type === 'orderedList') {
      node.content.forEach((item, index) => {
        if (isCanonicalText(item)) return;
        const marker = node.type === 'bulletList' ? '• ' : `${orderedListMarker(node.attrs?.type, index + Number(node.attrs?.start ?? 1))}. `;
        const [first = '', ...rest] = richTextLines(item.content, `${prefix}   `);
        lines.push(`${prefix}${marker}${first.trimStart()}`, ...rest);
      });
    } else if (node.type === 'listItem' || node.type === 'blockquote') {
      lines.push(...richTextLines(node.content, prefix));
    } else {
      lines.push(prefix + inlineText(node.content));
    }
  }
  return lines;
}

function inlineText(nodes: CanonicalNode[]): string {
  return nodes.map((node) => (isCanonicalText(node) ? node.text : node.type === 'hardBreak' ? '\n' : inlineText(node.content))).join('');
}

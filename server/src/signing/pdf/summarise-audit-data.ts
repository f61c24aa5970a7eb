/** Longer free text (a comment) is cut here: the audit log keeps it whole. */
const MAX_VALUE_LENGTH = 160;

/**
 * An audit entry's data as one line of `key: value` pairs, for people to read on paper.
 * Nested values are written as compact JSON; hashes stay whole, they are what is checked.
 */
export function summariseAuditData(data: object): string {
  return Object.entries(data)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${shorten(typeof value === 'string' ? value : JSON.stringify(value))}`)
    .join('; ');
}

function shorten(text: string): string {
  const singleLine = text.replace(/\s+/g, ' ').trim();
  return singleLine.length > MAX_VALUE_LENGTH ? `${singleLine.slice(0, MAX_VALUE_LENGTH - 1)}…` : singleLine;
}

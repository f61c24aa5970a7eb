/** Excel reads a CSV as the system's code page unless it starts with UTF-8's byte order mark. */
const BYTE_ORDER_MARK = '\uFEFF';

/**
 * A spreadsheet runs a cell that starts with one of these as a formula (or DDE command): a
 * committee's name like "=HYPERLINK(…)" must arrive as text. A leading apostrophe makes it so.
 */
const FORMULA_STARTS = ['=', '+', '-', '@', '\t', '\r'];

function cell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = FORMULA_STARTS.some((start) => value.startsWith(start)) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as CSV (RFC 4180: CRLF line ends, fields quoted when they must be), for spreadsheets. */
export function csvText(rows: readonly (readonly (string | number | null)[])[]): string {
  return BYTE_ORDER_MARK + rows.map((row) => row.map(cell).join(',') + '\r\n').join('');
}

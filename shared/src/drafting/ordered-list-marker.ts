import type { OrderedListType } from './rich-text-schema.js';

/** CSS's roman counter styles count from 1 to 3999 and fall back to decimal outside. */
const ROMAN_RANGE = { min: 1, max: 3999 };

const ROMAN_VALUES: [number, string][] = [
  [1000, 'M'],
  [900, 'CM'],
  [500, 'D'],
  [400, 'CD'],
  [100, 'C'],
  [90, 'XC'],
  [50, 'L'],
  [40, 'XL'],
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
];

/**
 * The marker of an ordered list's item numbered `number`, without its ". ", as a browser draws
 * `<ol type>` (HTML maps the type to CSS's decimal, lower-alpha, upper-alpha, lower-roman and
 * upper-roman counter styles): what the PDF and the plain text must show too.
 */
export function orderedListMarker(type: unknown, number: number): string {
  switch (type as OrderedListType | null | undefined) {
    case 'a':
      return alphabetic(number).toLowerCase();
    case 'A':
      return alphabetic(number);
    case 'i':
      return roman(number).toLowerCase();
    case 'I':
      return roman(number);
    default:
      return String(number);
  }
}

/** A, B, … Z, AA, AB, …: from 1 up; decimal below. */
function alphabetic(number: number): string {
  if (number < 1) return String(number);
  let marker = '';
  for (let rest = number; rest > 0; rest = Math.floor((rest - 1) / 26)) {
    marker = String.fromCharCode(65 + ((rest - 1) % 26)) + marker;
  }
  return marker;
}

function roman(number: number): string {
  if (number < ROMAN_RANGE.min || number > ROMAN_RANGE.max) return String(number);
  let marker = '';
  let rest = number;
  for (const [value, numeral] of ROMAN_VALUES) {
    for (; rest >= value; rest -= value) marker += numeral;
  }
  return marker;
}

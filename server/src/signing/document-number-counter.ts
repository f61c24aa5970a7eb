import { documentNumber } from '@mediation/shared';

/**
 * Different numbers counted at most. An issued PDF names its own number a few times (the
 * title, keywords and signature reason) and perhaps a few others in its text; a file
 * naming more is not one of ours in any form, and counting them all would let an upload
 * of distinct numbers fill memory.
 */
export const MAX_DISTINCT_NUMBERS = 64;

const PREFIX = Buffer.from('MA-', 'latin1');
/** MA-YYYY-NNNNNN (shared/'s documentNumber): the offsets of its ten digits and of the hyphen between them. */
const DIGIT_OFFSETS = [3, 4, 5, 6, 8, 9, 10, 11, 12, 13] as const;
const HYPHEN_OFFSET = 7;
const NUMBER_LENGTH = 14;
const DIGIT_0 = 0x30;
const HYPHEN = 0x2d;

/**
 * Counts the document numbers in a file that arrives in chunks, numbers that straddle two
 * chunks included. The bytes are searched where they lie and a number is counted as an
 * integer, so millions of numbers make no garbage for the collector to pause the rooms
 * over; only the first MAX_DISTINCT_NUMBERS different numbers are counted.
 */
export class DocumentNumberCounter {
  private readonly counts = new Map<number, number>();
  /** The last bytes seen, too few to hold a whole number: one may start there. */
  private carry = Buffer.alloc(0);

  add(chunk: Buffer): void {
    if (this.carry.length > 0) {
      // Numbers that start in the carried bytes and end in this chunk.
      this.scan(Buffer.concat([this.carry, chunk.subarray(0, NUMBER_LENGTH - 1)]), this.carry.length);
    }
    this.scan(chunk, chunk.length);
    const seen = chunk.length >= NUMBER_LENGTH - 1 ? chunk : Buffer.concat([this.carry, chunk]);
    this.carry = Buffer.from(seen.subarray(Math.max(0, seen.length - (NUMBER_LENGTH - 1))));
  }

  /** The numbers counted, the most frequent first. */
  mostFrequent(): string[] {
    return [...this.counts.entries()]
      .sort(([, a], [, b]) => b - a)
      .map(([value]) => documentNumber(String(Math.floor(value / 1e6)).padStart(4, '0'), value % 1e6));
  }

  /** Counts the whole numbers in `bytes` that start before `startsBefore`. */
  private scan(bytes: Buffer, startsBefore: number): void {
    for (let at = bytes.indexOf(PREFIX); at !== -1 && at < startsBefore; ) {
      const value = numberAt(bytes, at);
      if (value !== undefined) {
        const count = this.counts.get(value);
        if (count !== undefined) this.counts.set(value, count + 1);
        else if (this.counts.size < MAX_DISTINCT_NUMBERS) this.counts.set(value, 1);
      }
      at = bytes.indexOf(PREFIX, at + (value === undefined ? 1 : NUMBER_LENGTH));
    }
  }
}

/** The number MA-YYYY-NNNNNN at `at` as the integer YYYYNNNNNN, or undefined if the bytes there are not one. */
function numberAt(bytes: Buffer, at: number): number | undefined {
  if (at + NUMBER_LENGTH > bytes.length || bytes[at + HYPHEN_OFFSET] !== HYPHEN) return undefined;
  let value = 0;
  for (const offset of DIGIT_OFFSETS) {
    const digit = bytes[at + offset]! - DIGIT_0;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return value;
}

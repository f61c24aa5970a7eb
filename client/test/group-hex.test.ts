import { describe, expect, it } from 'vitest';
import { groupHex } from '../src/signing/group-hex';

describe('a hash grouped for reading', () => {
  it('is sixteen groups of four digits for a SHA-256', () => {
    const hash = '0123456789abcdef'.repeat(4);
    const groups = groupHex(hash);
    expect(groups).toHaveLength(16);
    expect(groups.slice(0, 3)).toEqual(['0123', '4567', '89ab']);
    expect(groups.join('')).toBe(hash);
  });

  it('keeps a shorter last group rather than dropping digits', () => {
    expect(groupHex('abcdef', 4)).toEqual(['abcd', 'ef']);
    expect(groupHex('')).toEqual([]);
  });
});

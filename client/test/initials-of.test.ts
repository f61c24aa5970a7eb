import { describe, expect, it } from 'vitest';
import { initialsOf } from '../src/format/initials-of';

describe('initialsOf', () => {
  it('shows a Chinese name by its last two characters', () => {
    expect(initialsOf('张小明')).toBe('小明');
    expect(initialsOf('王五')).toBe('王五');
  });

  it('shows other names by the first letters of their first and last words', () => {
    expect(initialsOf('Li Si')).toBe('LS');
    expect(initialsOf('  maria de la cruz ')).toBe('MC');
    expect(initialsOf('Madonna')).toBe('M');
  });
});

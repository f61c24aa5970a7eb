import { describe, expect, it } from 'vitest';
import { initialsOf } from '../src/format/initials-of';

describe('initialsOf', () => {
  it('shows a Chinese name by its last two characters', () => {
    expect(initialsOf('张小明')).toBe('小明');
    expect(initialsOf('王五')).toBe('王五');
    expect(initialsOf('欧阳娜娜')).toBe('娜娜');
  });

  it('shows a name written in both scripts by its Chinese part, not the last letters of its romanisation', () => {
    expect(initialsOf('张伟 Zhang Wei')).toBe('张伟');
    expect(initialsOf('陈明 Chen Ming')).toBe('陈明');
    expect(initialsOf('李娜 Li Na')).toBe('李娜');
    expect(initialsOf('Zhang Xiaoming 张小明')).toBe('小明');
  });

  it('shows other names by the first letters of their first and last words', () => {
    expect(initialsOf('Li Si')).toBe('LS');
    expect(initialsOf('  maria de la cruz ')).toBe('MC');
    expect(initialsOf('Madonna')).toBe('M');
  });
});

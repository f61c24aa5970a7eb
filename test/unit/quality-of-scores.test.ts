import { describe, expect, it } from 'vitest';
import { worseQuality } from '@mediation/shared';
import { FAIR_SCORE, GOOD_SCORE, qualityOfScores } from '../../server/src/rooms/quality-of-scores.js';

describe('a connection quality from mediasoup scores', () => {
  it('is unknown before any stream is scored', () => {
    expect(qualityOfScores([])).toBe('unknown');
  });

  it('is decided by the worst stream', () => {
    expect(qualityOfScores([10, GOOD_SCORE])).toBe('good');
    expect(qualityOfScores([10, GOOD_SCORE - 1])).toBe('fair');
    expect(qualityOfScores([10, FAIR_SCORE])).toBe('fair');
    expect(qualityOfScores([10, FAIR_SCORE - 1])).toBe('poor');
  });

  it('is at most fair while a picture arrives on a lower layer than its tile asks for', () => {
    expect(qualityOfScores([10], true)).toBe('fair');
    expect(qualityOfScores([], true)).toBe('fair');
    expect(qualityOfScores([2], true)).toBe('poor');
  });

  it('combines two measures as the worse one, anything measured beating unknown', () => {
    expect(worseQuality('good', 'poor')).toBe('poor');
    expect(worseQuality('fair', 'good')).toBe('fair');
    expect(worseQuality('unknown', 'good')).toBe('good');
    expect(worseQuality('poor', 'unknown')).toBe('poor');
    expect(worseQuality('unknown', 'unknown')).toBe('unknown');
  });
});

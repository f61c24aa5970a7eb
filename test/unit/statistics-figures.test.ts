import { describe, expect, it } from 'vitest';
import { addMonths, monthsBetween, StatisticsQuery } from '@mediation/shared';
import { csvText } from '../../server/src/statistics/csv-text.js';
import { medianOfCounts } from '../../server/src/statistics/median-of-counts.js';
import { regionIdOfPath, settlementRate } from '../../server/src/statistics/read-statistics.js';

describe('the figures of the statistics', () => {
  it('the median of counted values is the middle one, or the mean of the middle two', () => {
    expect(medianOfCounts([])).toBeNull();
    expect(medianOfCounts([{ value: 7, count: 1 }])).toBe(7);
    // 1 1 4 9 9 9 → (4 + 9) / 2
    expect(medianOfCounts([{ value: 1, count: 2 }, { value: 4, count: 1 }, { value: 9, count: 3 }])).toBe(6.5);
    // 1 1 4 9 9 → 4
    expect(medianOfCounts([{ value: 1, count: 2 }, { value: 4, count: 1 }, { value: 9, count: 2 }])).toBe(4);
    // 2 2 2 2 → 2
    expect(medianOfCounts([{ value: 2, count: 4 }])).toBe(2);
  });

  it('the settlement rate leaves withdrawn cases out and is none when nothing was settled or not', () => {
    expect(settlementRate(3, 1)).toBe(0.75);
    expect(settlementRate(0, 2)).toBe(0);
    expect(settlementRate(0, 0)).toBeNull();
  });

  it('a region’s id is the last part of its path', () => {
    expect(regionIdOfPath('/root/city-1/')).toBe('city-1');
  });

  it('months count across years, and a range is whole months of at most ten years', () => {
    expect(addMonths('2024-11', 3)).toBe('2025-02');
    expect(addMonths('2025-01', -1)).toBe('2024-12');
    expect(monthsBetween('2024-11', '2025-02')).toEqual(['2024-11', '2024-12', '2025-01']);
    expect(StatisticsQuery.safeParse({ from: '2016-01', to: '2026-01' }).success).toBe(true);
    expect(StatisticsQuery.safeParse({ from: '2016-01', to: '2026-02' }).success).toBe(false);
    expect(StatisticsQuery.safeParse({ from: '2025-00', to: '2026-01' }).success).toBe(false);
  });
});

describe('CSV for spreadsheets', () => {
  it('starts with a byte order mark and ends each row with CRLF', () => {
    expect(csvText([['a', 1], ['b', null]])).toBe('\uFEFFa,1\r\nb,\r\n');
  });

  it('quotes fields with commas, quotes or line breaks, doubling the quotes', () => {
    expect(csvText([['x,y', 'say "hi"', 'two\nlines']])).toBe('\uFEFF"x,y","say ""hi""","two\nlines"\r\n');
  });

  it('keeps a text cell a spreadsheet would run as a formula as text', () => {
    expect(csvText([['=1+1', '+cmd', '-2', '@SUM(A1)', '\tx', 'a=b']])).toBe("\uFEFF'=1+1,'+cmd,'-2,'@SUM(A1),'\tx,a=b\r\n");
    expect(csvText([[-2]])).toBe('\uFEFF-2\r\n');
  });
});

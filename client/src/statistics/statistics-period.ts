import { addMonths, MAX_STATISTICS_MONTHS, monthsBetween, MONTH_PATTERN } from '@mediation/shared';

/** China Standard Time, in which statistics are kept by month (UTC+8, no daylight saving). */
const CHINA_STANDARD_TIME_OFFSET_MS = 8 * 3_600_000;

export const PERIOD_PRESETS = ['last12Months', 'thisYear', 'custom'] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];

/** A range of months: `from` included, `to` not (the API's form). */
export interface MonthRange {
  from: string;
  to: string;
}

/** This month in China Standard Time, 'YYYY-MM'. */
export function currentMonth(now = Date.now()): string {
  return new Date(now + CHINA_STANDARD_TIME_OFFSET_MS).toISOString().slice(0, 7);
}

/** The range of a preset, up to and including this month. */
export function presetRange(preset: Exclude<PeriodPreset, 'custom'>, now = Date.now()): MonthRange {
  const month = currentMonth(now);
  const to = addMonths(month, 1);
  return preset === 'thisYear' ? { from: `${month.slice(0, 4)}-01`, to } : { from: addMonths(month, -11), to };
}

/** Which preset a range is, or custom. */
export function presetOf(range: MonthRange, now = Date.now()): PeriodPreset {
  for (const preset of ['last12Months', 'thisYear'] as const) {
    const candidate = presetRange(preset, now);
    if (candidate.from === range.from && candidate.to === range.to) return preset;
  }
  return 'custom';
}

/** A range chosen as first and last month (both included), or null when it is not one the API takes. */
export function rangeThrough(from: string, through: string): MonthRange | null {
  if (!MONTH_PATTERN.test(from) || !MONTH_PATTERN.test(through) || from > through) return null;
  const range = { from, to: addMonths(through, 1) };
  return monthsBetween(range.from, range.to).length <= MAX_STATISTICS_MONTHS ? range : null;
}

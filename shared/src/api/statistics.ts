import { z } from 'zod';
import { DISPUTE_CATEGORIES } from '../domain/dispute-categories.js';
import { CASE_STATUSES } from '../domain/organisation.js';
import { AGREEMENT_LANGUAGES } from '../drafting/agreement-doc.js';

/**
 * Statistics are kept and asked for by whole months ('YYYY-MM', ISO 8601), in China Standard
 * Time: the range [from, to) runs from the first day of `from` to the first day of `to`.
 * Which date puts a figure in a month:
 * - cases (by category, by month, by status now): the day the case was created (intake);
 * - settled, not settled, withdrawn, the settlement rate and the median days: the day the
 *   case was closed;
 * - agreements issued: the day the agreement was issued;
 * - sessions held: the day the room session started.
 */
export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The longest range one request covers: ten years of months. */
export const MAX_STATISTICS_MONTHS = 120;
/** Committees listed by name in a breakdown, the busiest first. */
export const MAX_STATISTICS_COMMITTEES = 20;
/** The years a month may name: nothing was mediated here before, and nothing is filed that far ahead. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;
/** An id in a query string: as long as any id the service makes. */
const MAX_ID_LENGTH = 100;

/** The month `count` months after `month` (before, when negative). */
export function addMonths(month: string, count: number): string {
  const [year, monthOfYear] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (monthOfYear - 1) + count;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** The months from `from` up to, not including, `to`. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  for (let month = from; month < to; month = addMonths(month, 1)) months.push(month);
  return months;
}

const Month = z
  .string()
  .max(7)
  .regex(MONTH_PATTERN, 'a month as YYYY-MM')
  .refine((month) => {
    const year = Number(month.slice(0, 4));
    return year >= FIRST_YEAR && year <= LAST_YEAR;
  }, `a year from ${FIRST_YEAR} to ${LAST_YEAR}`);

const placeAndRange = {
  from: Month,
  to: Month,
  committeeId: z.string().min(1).max(MAX_ID_LENGTH).optional(),
  regionId: z.string().min(1).max(MAX_ID_LENGTH).optional(),
};

/** A range of at most MAX_STATISTICS_MONTHS months that ends after it starts, and at most one place. */
function checkRangeAndPlace<S extends z.ZodObject<typeof placeAndRange>>(schema: S): S {
  return schema
    .refine((query) => query.from < query.to, { message: 'from must be a month before to', path: ['to'] })
    .refine((query) => monthsBetween(query.from, query.to).length <= MAX_STATISTICS_MONTHS, {
      message: `at most ${MAX_STATISTICS_MONTHS} months`,
      path: ['to'],
    })
    .refine((query) => !(query.committeeId && query.regionId), { message: 'a committee or a region, not both', path: ['regionId'] });
}

/** The range and, optionally, the one place (within the caller's reach) the figures are for. */
export const StatisticsQuery = checkRangeAndPlace(z.object(placeAndRange));
export type StatisticsQuery = z.infer<typeof StatisticsQuery>;

/** The charts a CSV can be downloaded of. */
export const STATISTICS_CHARTS = ['summary', 'byCategory', 'byMonth', 'byStatus', 'byRegion', 'byCommittee'] as const;
export type StatisticsChart = (typeof STATISTICS_CHARTS)[number];

/** A chart's figures as CSV, its headings and labels in `language`. */
export const StatisticsCsvQuery = checkRangeAndPlace(
  z.object({ ...placeAndRange, chart: z.enum(STATISTICS_CHARTS), language: z.enum(AGREEMENT_LANGUAGES).default('zh-CN') }),
);
export type StatisticsCsvQuery = z.infer<typeof StatisticsCsvQuery>;

const Count = z.number().int().nonnegative();
/** Settled among settled and not settled (withdrawn cases left out), 0..1; null when neither. */
const Rate = z.number().min(0).max(1).nullable();

/** One place's figures in a breakdown. */
export const PlaceFigures = z.object({
  id: z.string(),
  name: z.string(),
  cases: Count,
  settled: Count,
  notSettled: Count,
  settlementRate: Rate,
  agreementsIssued: Count,
  sessionsHeld: Count,
});
export type PlaceFigures = z.infer<typeof PlaceFigures>;

export const StatisticsSummary = z.object({
  from: z.string(),
  to: z.string(),
  /** The place the figures are for: a region (everything below it) or one committee. */
  place: z.object({ kind: z.enum(['region', 'committee']), id: z.string(), name: z.string() }),
  /** Cases created in the range. */
  cases: Count,
  /** Cases closed in the range, by outcome. */
  settled: Count,
  notSettled: Count,
  withdrawn: Count,
  settlementRate: Rate,
  /** The median of whole days from intake to settlement, of the cases settled in the range; null when none. */
  medianDaysToSettlement: z.number().nonnegative().nullable(),
  agreementsIssued: Count,
  sessionsHeld: Count,
  /** Every dispute category, every month of the range, every status, zeros included. */
  byCategory: z.array(z.object({ category: z.enum(DISPUTE_CATEGORIES), cases: Count })),
  byMonth: z.array(z.object({ month: z.string(), cases: Count })),
  /** The cases created in the range, by their status now. */
  byStatus: z.array(z.object({ status: z.enum(CASE_STATUSES), cases: Count })),
  /** A region's places, which together make the whole: its child regions (each with all below it)… */
  byRegion: z.array(PlaceFigures),
  /** …and the committees at the region itself, the busiest first (at most MAX_STATISTICS_COMMITTEES). */
  byCommittee: z.array(PlaceFigures),
  /** Committees at the region beyond those listed. */
  committeesNotListed: Count,
});
export type StatisticsSummary = z.infer<typeof StatisticsSummary>;

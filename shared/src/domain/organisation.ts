/**
 * How the committees of a province are organised: a tree of regions, each of one level, and
 * committees that sit at a region. An administrator of a region manages what lies below it.
 */
export const RegionLevel = {
  province: 'province',
  city: 'city',
  county: 'county',
  township: 'township',
} as const;
export type RegionLevel = (typeof RegionLevel)[keyof typeof RegionLevel];

/** From the top down: a region's children are of the next level. */
export const REGION_LEVELS = [RegionLevel.province, RegionLevel.city, RegionLevel.county, RegionLevel.township] as const;

/** The level of a region's children, or undefined for a township (the lowest level). */
export function childLevelOf(level: RegionLevel): RegionLevel | undefined {
  return REGION_LEVELS[REGION_LEVELS.indexOf(level) + 1];
}

/**
 * Kinds of people's mediation committee: those of villages and neighbourhoods, of townships,
 * and the professional ones for an industry's disputes (healthcare, road traffic, labour,
 * tourism, property management).
 */
export const COMMITTEE_KINDS = [
  'village',
  'neighbourhood',
  'township',
  'medical',
  'road-traffic',
  'labour',
  'tourism',
  'property-management',
  'other-industry',
] as const;
export type CommitteeKind = (typeof COMMITTEE_KINDS)[number];

/** What an account does: administers a region, keeps a committee's archive, or mediates its cases. */
export const AccountRole = {
  /** Manages the regions, committees and accounts below their region; reads its archive and statistics. */
  administrator: 'administrator',
  /** A committee's staff: its archive, its statistics, who downloaded or verified what. */
  staff: 'staff',
  /** Runs the committee's cases: the desk, the room. */
  mediator: 'mediator',
} as const;
export type AccountRole = (typeof AccountRole)[keyof typeof AccountRole];
export const ACCOUNT_ROLES = Object.values(AccountRole) as [AccountRole, ...AccountRole[]];

/** Where a case stands on the mediator's desk. */
export const CaseStatus = {
  intake: 'intake',
  scheduled: 'scheduled',
  inSession: 'in-session',
  settled: 'settled',
  notSettled: 'not-settled',
  withdrawn: 'withdrawn',
} as const;
export type CaseStatus = (typeof CaseStatus)[keyof typeof CaseStatus];
export const CASE_STATUSES = Object.values(CaseStatus) as [CaseStatus, ...CaseStatus[]];

/** The statuses that end a case: its outcome. */
export const CLOSED_CASE_STATUSES: readonly CaseStatus[] = [CaseStatus.settled, CaseStatus.notSettled, CaseStatus.withdrawn];

/**
 * The statistics roll-up: counts kept per place, measure and month, so that a province's
 * figures for a year are a few hundred rows to add up rather than a scan of a million cases
 * (a covering index on cases still reads every case of the range: about half a second for a
 * province's year at a million cases, where this takes milliseconds).
 *
 * A "scope" is a place: a region's path (every region above a case counts it, its own
 * included) or 'committee:' || a committee's id. A month is 'YYYY-MM' in China Standard Time
 * (UTC+8, no daylight saving), where every committee sits. Measures and their keys:
 * - created: cases created that month, keyed by dispute category;
 * - status: the same cases, keyed by their status now;
 * - closed: cases closed that month, keyed by their outcome (settled, not-settled, withdrawn);
 * - settled-days: cases settled that month, keyed by the whole days from intake (created_at)
 *   to closing (closed_at), which is what a median needs;
 * - agreements: agreements issued that month; sessions: room sessions started that month.
 *
 * Triggers keep the counts as the cases, issued agreements and room sessions change, in the
 * same transaction as the change, whoever writes it. A case keeps its committee and region
 * (paths are fixed at creation), so its agreements and sessions stay where it is counted.
 *
 * This text is a shipped migration once released: change it only by adding another.
 */

const month = (column: string) => `strftime('%Y-%m', ${column}, '+8 hours')`;

/** One thing counted: its measure, the month and key it is counted under, and when it counts at all. */
interface Fact {
  measure: string;
  month: string;
  key: string;
  when?: string;
}

/** The facts of one case row, `row` being NEW or OLD. */
const caseFacts = (row: string): Fact[] => [
  { measure: 'created', month: month(`${row}.created_at`), key: `${row}.category` },
  { measure: 'status', month: month(`${row}.created_at`), key: `${row}.status` },
  {
    measure: 'closed',
    month: month(`${row}.closed_at`),
    key: `${row}.status`,
    // Not `status IN (…)`: inside a trigger that made each insert of a case take milliseconds (measured).
    when: `${row}.closed_at IS NOT NULL AND (${row}.status = 'settled' OR ${row}.status = 'not-settled' OR ${row}.status = 'withdrawn')`,
  },
  {
    measure: 'settled-days',
    month: month(`${row}.closed_at`),
    key: `CAST(CAST(julianday(${row}.closed_at) - julianday(${row}.created_at) AS INTEGER) AS TEXT)`,
    when: `${row}.closed_at IS NOT NULL AND ${row}.status = 'settled'`,
  },
];

/** The scopes that count a case of this committee at this region path. */
const scopesOf = (committeeId: string, regionPath: string) => `
  SELECT 'committee:' || ${committeeId} AS scope
  UNION ALL SELECT ancestor_path FROM region_ancestors WHERE path = ${regionPath}`;

/** The scopes of the case whose id is `caseId`. */
const scopesOfCase = (caseId: string) =>
  scopesOf(`(SELECT committee_id FROM cases WHERE id = ${caseId})`, `(SELECT region_path FROM cases WHERE id = ${caseId})`);

/**
 * Adds `sign` (1 or -1) to each fact's count in every scope: one statement a fact, as a join
 * of the scopes with the facts runs some twenty times slower inside a trigger (measured).
 */
const count = (scopes: string, facts: Fact[], sign: 1 | -1) =>
  facts
    .map(
      (fact) => `
  INSERT INTO statistics_counts (scope, measure, month, key, count)
    SELECT scope, '${fact.measure}', ${fact.month}, ${fact.key}, ${sign} FROM (${scopes}) WHERE ${fact.when ?? 'true'}
    ON CONFLICT (scope, measure, month, key) DO UPDATE SET count = count + excluded.count;`,
    )
    .join('');

const agreementFact = (row: string): Fact[] => [{ measure: 'agreements', month: month(`${row}.issued_at`), key: "''" }];
const sessionFact = (row: string): Fact[] => [{ measure: 'sessions', month: month(`${row}.started_at`), key: "''" }];

/**
 * Every fact of every case, agreement and session with its case's place: what the triggers
 * would have counted had they always been there.
 */
const ALL_FACTS = `
  SELECT committee_id, region_path, 'created' AS measure, ${month('created_at')} AS month, category AS key FROM cases
  UNION ALL SELECT committee_id, region_path, 'status', ${month('created_at')}, status FROM cases
  UNION ALL SELECT committee_id, region_path, 'closed', ${month('closed_at')}, status FROM cases
    WHERE closed_at IS NOT NULL AND status IN ('settled', 'not-settled', 'withdrawn')
  UNION ALL SELECT committee_id, region_path, 'settled-days', ${month('closed_at')}, CAST(CAST(julianday(closed_at) - julianday(created_at) AS INTEGER) AS TEXT)
    FROM cases WHERE closed_at IS NOT NULL AND status = 'settled'
  UNION ALL SELECT cases.committee_id, cases.region_path, 'agreements', ${month('issued_at')}, ''
    FROM issued_agreements JOIN cases ON cases.id = issued_agreements.case_id
  UNION ALL SELECT cases.committee_id, cases.region_path, 'sessions', ${month('started_at')}, ''
    FROM room_sessions JOIN cases ON cases.id = room_sessions.case_id`;

/** Counts everything there is from scratch (the statistics_counts table being empty). */
export const COUNT_EVERYTHING = `
  INSERT INTO statistics_counts (scope, measure, month, key, count)
    SELECT 'committee:' || committee_id, measure, month, key, count(*) FROM (${ALL_FACTS})
    GROUP BY committee_id, measure, month, key;
  INSERT INTO statistics_counts (scope, measure, month, key, count)
    SELECT region_ancestors.ancestor_path, facts.measure, facts.month, facts.key, count(*)
    FROM (${ALL_FACTS}) AS facts JOIN region_ancestors ON region_ancestors.path = facts.region_path
    GROUP BY region_ancestors.ancestor_path, facts.measure, facts.month, facts.key;`;

/** The triggers that keep statistics_counts as cases, agreements and sessions are written. */
export const STATISTICS_TRIGGERS = `
  CREATE TRIGGER statistics_case_added AFTER INSERT ON cases BEGIN
    ${count(scopesOf('NEW.committee_id', 'NEW.region_path'), caseFacts('NEW'), 1)}
  END;
  CREATE TRIGGER statistics_case_changed AFTER UPDATE OF committee_id, region_path, category, created_at, status, closed_at ON cases BEGIN
    ${count(scopesOf('OLD.committee_id', 'OLD.region_path'), caseFacts('OLD'), -1)}
    ${count(scopesOf('NEW.committee_id', 'NEW.region_path'), caseFacts('NEW'), 1)}
  END;
  CREATE TRIGGER statistics_case_removed AFTER DELETE ON cases BEGIN
    ${count(scopesOf('OLD.committee_id', 'OLD.region_path'), caseFacts('OLD'), -1)}
  END;

  CREATE TRIGGER statistics_agreement_issued AFTER INSERT ON issued_agreements BEGIN
    ${count(scopesOfCase('NEW.case_id'), agreementFact('NEW'), 1)}
  END;
  CREATE TRIGGER statistics_agreement_removed AFTER DELETE ON issued_agreements BEGIN
    ${count(scopesOfCase('OLD.case_id'), agreementFact('OLD'), -1)}
  END;

  CREATE TRIGGER statistics_session_started AFTER INSERT ON room_sessions BEGIN
    ${count(scopesOfCase('NEW.case_id'), sessionFact('NEW'), 1)}
  END;
  CREATE TRIGGER statistics_session_changed AFTER UPDATE OF case_id, started_at ON room_sessions BEGIN
    ${count(scopesOfCase('OLD.case_id'), sessionFact('OLD'), -1)}
    ${count(scopesOfCase('NEW.case_id'), sessionFact('NEW'), 1)}
  END;
  CREATE TRIGGER statistics_session_removed AFTER DELETE ON room_sessions BEGIN
    ${count(scopesOfCase('OLD.case_id'), sessionFact('OLD'), -1)}
  END;
`;

export const STATISTICS_MIGRATION = `
  -- Each region with itself and every region above it, so that a case is counted for every
  -- region that holds it with one index look-up. Regions never move, so this only grows.
  CREATE TABLE region_ancestors (
    path TEXT NOT NULL,
    ancestor_path TEXT NOT NULL,
    PRIMARY KEY (path, ancestor_path)
  ) WITHOUT ROWID;
  INSERT INTO region_ancestors (path, ancestor_path)
    SELECT region.path, ancestor.path FROM regions AS region
    JOIN regions AS ancestor ON substr(region.path, 1, length(ancestor.path)) = ancestor.path;
  CREATE TRIGGER region_ancestors_of_new_region AFTER INSERT ON regions BEGIN
    INSERT INTO region_ancestors (path, ancestor_path)
      SELECT NEW.path, path FROM regions WHERE path = substr(NEW.path, 1, length(path));
  END;

  CREATE TABLE statistics_counts (
    scope TEXT NOT NULL,
    measure TEXT NOT NULL,
    month TEXT NOT NULL,
    key TEXT NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (scope, measure, month, key)
  ) WITHOUT ROWID;
  ${COUNT_EVERYTHING}

  ${STATISTICS_TRIGGERS}
`;

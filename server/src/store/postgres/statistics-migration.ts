/**
 * The statistics roll-up in PostgreSQL, as sqlite/statistics-migration.ts keeps it in SQLite:
 * counts per place, measure and month, so that a province's figures for a year are a few
 * hundred rows to add up rather than a scan of a million cases.
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
 * same transaction as the change, whoever writes it. Each adds its changes with one INSERT …
 * ON CONFLICT DO UPDATE: two transactions counting the same row at once both count (the
 * second waits for the first's row and adds to what it committed), and the rows of one
 * change are taken in one order (by key), so that two changes never wait for each other in
 * a circle.
 *
 * Never edit a migration that has shipped: add a new one.
 */

const TEXT = 'text COLLATE "C"';

/** The functions the triggers and the first count share: what a row counts as, and where. */
const FACT_FUNCTIONS = `
  -- The month of an ISO instant in China Standard Time.
  CREATE FUNCTION statistics_month(at text) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    RETURN to_char((at::timestamptz AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM');

  -- Whole days from one ISO instant to another (a part of a day left out), as text: a key.
  CREATE FUNCTION statistics_whole_days(from_at text, to_at text) RETURNS text
    LANGUAGE sql STABLE STRICT PARALLEL SAFE
    RETURN trunc(extract(epoch FROM to_at::timestamptz - from_at::timestamptz) / 86400)::bigint::text;

  -- What a case counts as: its creation (by category and by status now) and, once closed,
  -- its outcome and, when settled, its days to settlement.
  CREATE FUNCTION statistics_case_facts(category text, status text, created_at text, closed_at text)
    RETURNS TABLE (measure text, month text, key text)
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
      SELECT 'created', statistics_month(created_at), category
      UNION ALL SELECT 'status', statistics_month(created_at), status
      UNION ALL SELECT 'closed', statistics_month(closed_at), status
        WHERE closed_at IS NOT NULL AND status IN ('settled', 'not-settled', 'withdrawn')
      UNION ALL SELECT 'settled-days', statistics_month(closed_at), statistics_whole_days(created_at, closed_at)
        WHERE closed_at IS NOT NULL AND status = 'settled';
    END;

  -- The scopes that count a case of this committee at this region path.
  CREATE FUNCTION statistics_scopes(committee_id text, region_path text) RETURNS SETOF text
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
      SELECT 'committee:' || committee_id
      UNION ALL SELECT ancestor_path FROM region_ancestors WHERE path = region_path;
    END;

  -- The scopes of the case whose id is given.
  CREATE FUNCTION statistics_scopes_of_case(case_id text) RETURNS SETOF text
    LANGUAGE sql STABLE PARALLEL SAFE
    BEGIN ATOMIC
      SELECT statistics_scopes(cases.committee_id, cases.region_path) FROM cases WHERE cases.id = case_id;
    END;`;

/**
 * Adds the changes (rows of scope, measure, month, key and delta) that `changes` selects to
 * the counts, netted per row, in the order of the counts' key.
 */
const count = (changes: string) => `
  INSERT INTO statistics_counts AS counts (scope, measure, month, key, count)
    SELECT scope, measure, month, key, sum(delta) FROM (${changes}) AS changes
    GROUP BY scope, measure, month, key
    HAVING sum(delta) <> 0
    ORDER BY scope, measure, month, key
    ON CONFLICT (scope, measure, month, key) DO UPDATE SET count = counts.count + excluded.count;`;

/** A case row's changes (`row` NEW or OLD), counted `delta` times. */
const caseChanges = (row: string, delta: 1 | -1) => `
  SELECT scope, facts.measure, facts.month, facts.key, ${delta} AS delta
  FROM statistics_scopes(${row}.committee_id, ${row}.region_path) AS scope
  CROSS JOIN statistics_case_facts(${row}.category, ${row}.status, ${row}.created_at, ${row}.closed_at) AS facts`;

/** An agreement's or room session's change (`row` NEW or OLD, `at` its date column), counted `delta` times. */
const eventChanges = (measure: string, row: string, at: string, delta: 1 | -1) => `
  SELECT scope, '${measure}' AS measure, statistics_month(${row}.${at}) AS month, '' AS key, ${delta} AS delta
  FROM statistics_scopes_of_case(${row}.case_id) AS scope`;

/** A trigger function that counts OLD's changes away (on update and delete) and NEW's in (on insert and update). */
const countingFunction = (name: string, changes: (row: string, delta: 1 | -1) => string) => `
  CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        ${count(changes('NEW', 1))}
      ELSIF TG_OP = 'DELETE' THEN
        ${count(changes('OLD', -1))}
      ELSE
        ${count(`${changes('OLD', -1)} UNION ALL ${changes('NEW', 1)}`)}
      END IF;
      RETURN NULL;
    END
  $$;`;

/**
 * Every fact of every case, agreement and session with its case's place: what the triggers
 * would have counted had they always been there.
 */
const ALL_FACTS = `
  SELECT cases.committee_id, cases.region_path, facts.measure, facts.month, facts.key
    FROM cases CROSS JOIN statistics_case_facts(cases.category, cases.status, cases.created_at, cases.closed_at) AS facts
  UNION ALL SELECT cases.committee_id, cases.region_path, 'agreements', statistics_month(issued_agreements.issued_at), ''
    FROM issued_agreements JOIN cases ON cases.id = issued_agreements.case_id
  UNION ALL SELECT cases.committee_id, cases.region_path, 'sessions', statistics_month(room_sessions.started_at), ''
    FROM room_sessions JOIN cases ON cases.id = room_sessions.case_id`;

/**
 * Counts everything there is from scratch (statistics_counts being empty): the migration's
 * first count, and a bulk load's made without the triggers. Facts are counted per committee
 * and place first, then added up into each scope above them.
 */
export const COUNT_EVERYTHING = `
  INSERT INTO statistics_counts (scope, measure, month, key, count)
    WITH per_place AS (
      SELECT committee_id, region_path, measure, month, key, count(*) AS count FROM (${ALL_FACTS}) AS facts
      GROUP BY committee_id, region_path, measure, month, key
    )
    SELECT 'committee:' || committee_id, measure, month, key, sum(count) FROM per_place
      GROUP BY committee_id, measure, month, key
    UNION ALL
    SELECT region_ancestors.ancestor_path, measure, month, key, sum(count)
      FROM per_place JOIN region_ancestors ON region_ancestors.path = per_place.region_path
      GROUP BY region_ancestors.ancestor_path, measure, month, key;`;

/** The triggers that keep statistics_counts as cases, agreements and sessions are written. */
const STATISTICS_TRIGGERS = `
  ${countingFunction('statistics_case_counted', caseChanges)}
  CREATE TRIGGER statistics_case_added AFTER INSERT ON cases
    FOR EACH ROW EXECUTE FUNCTION statistics_case_counted();
  CREATE TRIGGER statistics_case_changed AFTER UPDATE OF committee_id, region_path, category, created_at, status, closed_at ON cases
    FOR EACH ROW
    WHEN (OLD.committee_id IS DISTINCT FROM NEW.committee_id OR OLD.region_path IS DISTINCT FROM NEW.region_path
          OR OLD.category IS DISTINCT FROM NEW.category OR OLD.created_at IS DISTINCT FROM NEW.created_at
          OR OLD.status IS DISTINCT FROM NEW.status OR OLD.closed_at IS DISTINCT FROM NEW.closed_at)
    EXECUTE FUNCTION statistics_case_counted();
  CREATE TRIGGER statistics_case_removed AFTER DELETE ON cases
    FOR EACH ROW EXECUTE FUNCTION statistics_case_counted();

  ${countingFunction('statistics_agreement_counted', (row, delta) => eventChanges('agreements', row, 'issued_at', delta))}
  CREATE TRIGGER statistics_agreement_issued AFTER INSERT ON issued_agreements
    FOR EACH ROW EXECUTE FUNCTION statistics_agreement_counted();
  CREATE TRIGGER statistics_agreement_removed AFTER DELETE ON issued_agreements
    FOR EACH ROW EXECUTE FUNCTION statistics_agreement_counted();

  ${countingFunction('statistics_session_counted', (row, delta) => eventChanges('sessions', row, 'started_at', delta))}
  CREATE TRIGGER statistics_session_started AFTER INSERT ON room_sessions
    FOR EACH ROW EXECUTE FUNCTION statistics_session_counted();
  CREATE TRIGGER statistics_session_changed AFTER UPDATE OF case_id, started_at ON room_sessions
    FOR EACH ROW WHEN (OLD.case_id IS DISTINCT FROM NEW.case_id OR OLD.started_at IS DISTINCT FROM NEW.started_at)
    EXECUTE FUNCTION statistics_session_counted();
  CREATE TRIGGER statistics_session_removed AFTER DELETE ON room_sessions
    FOR EACH ROW EXECUTE FUNCTION statistics_session_counted();`;

const STATISTICS_SCHEMA = `
  -- Each region with itself and every region above it, so that a case is counted for every
  -- region that holds it with one index look-up. Regions never move, so this only grows.
  CREATE TABLE region_ancestors (
    path ${TEXT} NOT NULL,
    ancestor_path ${TEXT} NOT NULL,
    PRIMARY KEY (path, ancestor_path)
  );
  INSERT INTO region_ancestors (path, ancestor_path)
    SELECT region.path, ancestor.path FROM regions AS region
    JOIN regions AS ancestor ON substr(region.path, 1, length(ancestor.path)) = ancestor.path;
  CREATE FUNCTION region_ancestors_of_new_region() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO region_ancestors (path, ancestor_path)
        SELECT NEW.path, path FROM regions WHERE path = substr(NEW.path, 1, length(path));
      RETURN NULL;
    END
  $$;
  CREATE TRIGGER region_ancestors_of_new_region AFTER INSERT ON regions
    FOR EACH ROW EXECUTE FUNCTION region_ancestors_of_new_region();

  CREATE TABLE statistics_counts (
    scope ${TEXT} NOT NULL,
    measure ${TEXT} NOT NULL,
    month ${TEXT} NOT NULL,
    key ${TEXT} NOT NULL,
    count bigint NOT NULL,
    PRIMARY KEY (scope, measure, month, key)
  );
  ${FACT_FUNCTIONS}
  ${COUNT_EVERYTHING}
  ${STATISTICS_TRIGGERS}`;

/** The statistics' migrations, in order, applied after the archive's. */
export const STATISTICS_MIGRATIONS: string[] = [STATISTICS_SCHEMA];

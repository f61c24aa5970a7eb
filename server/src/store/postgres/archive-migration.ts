import { ARCHIVE_TOKEN_FUNCTIONS } from './archive-token-functions.js';

/**
 * The archive's index in PostgreSQL, as sqlite/migrations.ts keeps it in SQLite: one row per
 * case in archive_entries with what its search filters and shows, and archive_access, the
 * downloads and verifications of the cases' audit logs, both kept by triggers in the
 * transaction of each change they reflect. `at` is the date of issue, or of the case while
 * nothing is issued: results sort and filter by it.
 *
 * Where SQLite has an FTS5 table, the entry has `search`, a tsvector of its party names as Han
 * bigrams and words and its numbers by their parts (archive-token-functions.ts), generated
 * from the row and read by a GIN index: a name's candidates are the rows whose posting lists
 * hold each of its bigrams, then checked for the phrase and its field. pg_trgm would not do:
 * an index of trigrams cannot answer a two-character name (张伟), and a LIKE over the names
 * would also match across two of them.
 *
 * Text columns compare by code point (COLLATE "C"), as SQLite's do: region paths are read as
 * ranges, and pages sort by date and case number in the same order as there.
 *
 * Never edit a migration that has shipped: add a new one.
 */

const TEXT = 'text COLLATE "C"';

/**
 * The applicants' and respondents' names of the case `caseId` names, in the order they were
 * invited: a subquery of the triggers' own statements, whose plans PostgreSQL keeps (a SQL
 * function would be planned again on every call).
 */
const partiesOf = (caseId: string) => `
  (SELECT coalesce(jsonb_agg(display_name ORDER BY rowid), '[]'::jsonb) FROM participants
   WHERE participants.case_id = ${caseId} AND role IN ('applicant', 'respondent'))`;

/**
 * Every case's entry, made from the cases, their parties and agreements as they stand: what
 * the triggers would have written had they always been there. The migration runs it on what
 * a store already holds, and a bulk load made without the triggers (a restore, a benchmark's
 * fill) runs it once at its end, on an emptied archive_entries.
 */
export const FILL_ARCHIVE_ENTRIES = `
  INSERT INTO archive_entries (case_id, committee_id, region_path, case_number, title, category, status, created_at, document_number, issued_at, at, parties)
    SELECT cases.id, cases.committee_id, cases.region_path, cases.case_number, cases.title, cases.category, cases.status, cases.created_at,
           issued.document_number, issued.issued_at, coalesce(issued.issued_at, cases.created_at),
           coalesce(parties.names, '[]'::jsonb)
    FROM cases
    LEFT JOIN issued_agreements AS issued ON issued.case_id = cases.id
    LEFT JOIN (
      SELECT case_id, jsonb_agg(display_name ORDER BY rowid) AS names FROM participants
      WHERE role IN ('applicant', 'respondent') GROUP BY case_id
    ) AS parties ON parties.case_id = cases.id
    ORDER BY cases.rowid;`;

const ARCHIVE_ENTRIES = `
  CREATE TABLE archive_entries (
    entry_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id ${TEXT} NOT NULL UNIQUE REFERENCES cases(id),
    committee_id ${TEXT} NOT NULL,
    region_path ${TEXT} NOT NULL,
    case_number ${TEXT} NOT NULL,
    title ${TEXT} NOT NULL,
    category ${TEXT} NOT NULL,
    status ${TEXT} NOT NULL,
    created_at ${TEXT} NOT NULL,
    document_number ${TEXT},
    issued_at ${TEXT},
    at ${TEXT} NOT NULL,
    parties jsonb NOT NULL DEFAULT '[]',
    search tsvector NOT NULL GENERATED ALWAYS AS (archive_search_vector(parties, case_number, document_number)) STORED
  );
  -- The indexes of SQLite's archive, each also holding entry_id, so that a page's ids and sort
  -- keys are read from the index alone: a committee's range; a region's subtree as one range of
  -- paths (or one seek per region of it with dates); a region's category and status; and the
  -- orders of the sorts, walked when most of a large subtree matches, so a page stops early.
  CREATE INDEX archive_by_committee ON archive_entries(committee_id, at, category, status, case_number) INCLUDE (entry_id);
  CREATE INDEX archive_by_region ON archive_entries(region_path, at, category, status, case_number) INCLUDE (entry_id);
  CREATE INDEX archive_by_category_status ON archive_entries(category, status, region_path, at, case_number) INCLUDE (entry_id);
  CREATE INDEX archive_by_date ON archive_entries(at, entry_id, region_path, category, status);
  CREATE INDEX archive_by_case_number ON archive_entries(case_number, entry_id, region_path, category, status, at);
  CREATE INDEX archive_by_search ON archive_entries USING gin (search);
  ${FILL_ARCHIVE_ENTRIES}`;

/**
 * The triggers that keep archive_entries. A change to a case's parties reads them all again
 * after locking the case's entry: under READ COMMITTED that read sees the parties of any
 * transaction that held the lock before, so two parties added at once both stay.
 */
const ARCHIVE_ENTRY_TRIGGERS = `
  CREATE FUNCTION archive_case_created() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO archive_entries (case_id, committee_id, region_path, case_number, title, category, status, created_at, document_number, issued_at, at, parties)
        SELECT NEW.id, NEW.committee_id, NEW.region_path, NEW.case_number, NEW.title, NEW.category, NEW.status, NEW.created_at,
               issued.document_number, issued.issued_at, coalesce(issued.issued_at, NEW.created_at), ${partiesOf('NEW.id')}
        FROM (SELECT 1) AS one LEFT JOIN issued_agreements AS issued ON issued.case_id = NEW.id;
      RETURN NULL;
    END
  $$;
  CREATE TRIGGER archive_case_created AFTER INSERT ON cases
    FOR EACH ROW EXECUTE FUNCTION archive_case_created();

  CREATE FUNCTION archive_case_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE archive_entries SET case_number = NEW.case_number, title = NEW.title, category = NEW.category, status = NEW.status
        WHERE case_id = NEW.id;
      RETURN NULL;
    END
  $$;
  CREATE TRIGGER archive_case_changed AFTER UPDATE OF case_number, title, category, status ON cases
    FOR EACH ROW
    WHEN (OLD.case_number IS DISTINCT FROM NEW.case_number OR OLD.title IS DISTINCT FROM NEW.title
          OR OLD.category IS DISTINCT FROM NEW.category OR OLD.status IS DISTINCT FROM NEW.status)
    EXECUTE FUNCTION archive_case_changed();

  CREATE FUNCTION archive_parties_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM 1 FROM archive_entries WHERE case_id = NEW.case_id FOR UPDATE;
      UPDATE archive_entries SET parties = ${partiesOf('NEW.case_id')} WHERE case_id = NEW.case_id;
      RETURN NULL;
    END
  $$;
  CREATE TRIGGER archive_party_added AFTER INSERT ON participants
    FOR EACH ROW WHEN (NEW.role IN ('applicant', 'respondent'))
    EXECUTE FUNCTION archive_parties_changed();
  CREATE TRIGGER archive_party_changed AFTER UPDATE OF display_name, role ON participants
    FOR EACH ROW WHEN (OLD.display_name IS DISTINCT FROM NEW.display_name OR OLD.role IS DISTINCT FROM NEW.role)
    EXECUTE FUNCTION archive_parties_changed();

  CREATE FUNCTION archive_agreement_issued() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE archive_entries SET document_number = NEW.document_number, issued_at = NEW.issued_at, at = NEW.issued_at
        WHERE case_id = NEW.case_id;
      RETURN NULL;
    END
  $$;
  CREATE TRIGGER archive_agreement_issued AFTER INSERT ON issued_agreements
    FOR EACH ROW EXECUTE FUNCTION archive_agreement_issued();`;

/** An audit entry's download or verification as a row of archive_access (`entry` naming the audit entry). */
const accessRow = (entry: string) => `
  ${entry}.case_id, ${entry}.sequence, cases.committee_id, cases.region_path, ${entry}.at, ${entry}.type,
  ${entry}.actor::jsonb ->> 'participantId', ${entry}.actor::jsonb ->> 'name', ${entry}.actor::jsonb ->> 'role',
  ${entry}.actor::jsonb ->> 'ip', ${entry}.data::jsonb ->> 'documentNumber',
  ${entry}.data::jsonb ->> 'method', ${entry}.data::jsonb ->> 'verdict'`;

const ACCESS_COLUMNS = 'case_id, sequence, committee_id, region_path, at, type, actor_id, actor_name, actor_role, ip, document_number, method, verdict';

/**
 * Who downloaded or verified which agreement: the case audit log's entries of those two
 * types, copied with their case's committee and region so that they list across cases by
 * index. The audit log stays the record; this is its index, written in the same transaction
 * as the entry.
 */
const ARCHIVE_ACCESS = `
  CREATE TABLE archive_access (
    access_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    case_id ${TEXT} NOT NULL,
    sequence integer NOT NULL,
    committee_id ${TEXT} NOT NULL,
    region_path ${TEXT} NOT NULL,
    at ${TEXT} NOT NULL,
    type ${TEXT} NOT NULL,
    actor_id ${TEXT} NOT NULL,
    actor_name ${TEXT} NOT NULL,
    actor_role ${TEXT} NOT NULL,
    ip ${TEXT} NOT NULL,
    document_number ${TEXT} NOT NULL,
    method ${TEXT},
    verdict ${TEXT},
    UNIQUE (case_id, sequence)
  );
  CREATE INDEX archive_access_by_committee ON archive_access(committee_id, access_id);
  CREATE INDEX archive_access_by_region ON archive_access(region_path, access_id);
  CREATE INDEX archive_access_by_case ON archive_access(case_id, access_id);
  INSERT INTO archive_access (${ACCESS_COLUMNS})
    SELECT ${accessRow('entry')}
    FROM audit_entries AS entry JOIN cases ON cases.id = entry.case_id
    WHERE entry.type IN ('agreement.downloaded', 'agreement.verified')
    ORDER BY entry.at, entry.case_id, entry.sequence;

  CREATE FUNCTION archive_access_recorded() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO archive_access (${ACCESS_COLUMNS})
        SELECT ${accessRow('NEW')}
        FROM cases WHERE cases.id = NEW.case_id;
      RETURN NULL;
    END
  $$;
  CREATE TRIGGER archive_access_recorded AFTER INSERT ON audit_entries
    FOR EACH ROW WHEN (NEW.type IN ('agreement.downloaded', 'agreement.verified'))
    EXECUTE FUNCTION archive_access_recorded();`;

/** The archive's migrations, in order, applied after the core schema's. */
export const ARCHIVE_MIGRATIONS: string[] = [
  [ARCHIVE_TOKEN_FUNCTIONS, ARCHIVE_ENTRIES, ARCHIVE_ENTRY_TRIGGERS, ARCHIVE_ACCESS].join('\n'),
];

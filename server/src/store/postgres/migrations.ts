import { ARCHIVE_MIGRATIONS } from './archive-migration.js';
import { STATISTICS_MIGRATIONS } from './statistics-migration.js';

/**
 * Every text column compares and sorts by code point, as SQLite's do, whatever locale the
 * database was made with: region paths are read as ranges (`pathRangeEnd`), listings sort
 * by name, email and ISO time, and ILIKE folds ASCII only, as SQLite's LIKE does.
 */
const TEXT = 'text COLLATE "C"';

/**
 * The core schema: the SQLite store's tables (sqlite/migrations.ts, as all its migrations
 * leave them), table for table and column for column under the same names, so that records
 * read back equal to SQLite's. Times stay ISO 8601 UTC text, as the records carry them;
 * JSON stays text, read back exactly as written (audit entries are hashed as written).
 *
 * SQLite's implicit rowid is a column here, `rowid`, on the tables whose listings order by
 * it (the order rows were written in): cases, participants, caucuses, room_sessions and
 * chat_messages.
 */
const CORE_SCHEMA = `
  CREATE TABLE regions (
    id ${TEXT} PRIMARY KEY,
    parent_id ${TEXT} REFERENCES regions(id),
    level ${TEXT} NOT NULL,
    name ${TEXT} NOT NULL,
    code ${TEXT} NOT NULL DEFAULT '',
    -- '/<root id>/…/<own id>/': everything below a region is one range of paths.
    path ${TEXT} NOT NULL UNIQUE,
    created_at ${TEXT} NOT NULL
  );
  CREATE INDEX regions_by_parent ON regions(parent_id, name);

  CREATE TABLE committees (
    id ${TEXT} PRIMARY KEY,
    name ${TEXT} NOT NULL,
    kind ${TEXT} NOT NULL DEFAULT 'neighbourhood',
    region_id ${TEXT} REFERENCES regions(id),
    region_path ${TEXT} NOT NULL DEFAULT '',
    created_at ${TEXT} NOT NULL
  );
  CREATE INDEX committees_by_region ON committees(region_path, name);

  -- An administrator belongs to a region (committee_id NULL), committee staff and mediators
  -- to a committee (region_id NULL).
  CREATE TABLE accounts (
    id ${TEXT} PRIMARY KEY,
    role ${TEXT} NOT NULL,
    committee_id ${TEXT} REFERENCES committees(id),
    region_id ${TEXT} REFERENCES regions(id),
    email ${TEXT} NOT NULL UNIQUE,
    display_name ${TEXT} NOT NULL,
    password_hash ${TEXT} NOT NULL,
    created_at ${TEXT} NOT NULL,
    disabled_at ${TEXT},
    CHECK ((committee_id IS NULL) <> (region_id IS NULL))
  );
  CREATE INDEX accounts_by_committee ON accounts(committee_id);
  CREATE INDEX accounts_by_region ON accounts(region_id);

  CREATE TABLE cases (
    rowid bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id ${TEXT} PRIMARY KEY,
    committee_id ${TEXT} NOT NULL REFERENCES committees(id),
    case_number ${TEXT} NOT NULL,
    title ${TEXT} NOT NULL,
    category ${TEXT} NOT NULL,
    created_by ${TEXT} NOT NULL REFERENCES accounts(id),
    created_at ${TEXT} NOT NULL,
    -- The parties wait in the lobby until the mediator lets them in.
    waiting_room boolean NOT NULL DEFAULT true,
    status ${TEXT} NOT NULL DEFAULT 'intake',
    region_path ${TEXT} NOT NULL DEFAULT '',
    scheduled_at ${TEXT},
    closed_at ${TEXT},
    outcome_note ${TEXT} NOT NULL DEFAULT ''
  );
  CREATE INDEX cases_by_committee ON cases(committee_id, created_at);

  CREATE TABLE sessions (
    id ${TEXT} PRIMARY KEY,
    case_id ${TEXT} NOT NULL REFERENCES cases(id),
    created_at ${TEXT} NOT NULL
  );

  CREATE TABLE participants (
    rowid bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id ${TEXT} PRIMARY KEY,
    session_id ${TEXT} NOT NULL REFERENCES sessions(id),
    case_id ${TEXT} NOT NULL REFERENCES cases(id),
    display_name ${TEXT} NOT NULL,
    role ${TEXT} NOT NULL,
    account_id ${TEXT} REFERENCES accounts(id),
    revoked_at ${TEXT},
    created_at ${TEXT} NOT NULL,
    first_joined_at ${TEXT},
    -- Issuing a person's link anew raises it; links of an older generation are refused.
    link_generation integer NOT NULL DEFAULT 0,
    contact ${TEXT} NOT NULL DEFAULT ''
  );
  CREATE INDEX participants_by_session ON participants(session_id);
  CREATE INDEX participants_by_case ON participants(case_id);

  -- A document's sequence restarts only after compaction emptied it (its snapshot holds all).
  CREATE TABLE document_updates (
    case_id ${TEXT} NOT NULL REFERENCES cases(id),
    document ${TEXT} NOT NULL,
    sequence integer NOT NULL,
    update_data bytea NOT NULL,
    PRIMARY KEY (case_id, document, sequence)
  );
  CREATE TABLE document_snapshots (
    case_id ${TEXT} NOT NULL REFERENCES cases(id),
    document ${TEXT} NOT NULL,
    snapshot bytea NOT NULL,
    PRIMARY KEY (case_id, document)
  );
  CREATE TABLE drafting_settings (
    case_id ${TEXT} PRIMARY KEY REFERENCES cases(id),
    parties_may_edit boolean NOT NULL
  );
  CREATE TABLE clause_marks (
    case_id ${TEXT} NOT NULL REFERENCES cases(id),
    clause_id ${TEXT} NOT NULL,
    participant_id ${TEXT} NOT NULL REFERENCES participants(id),
    mark ${TEXT} NOT NULL,
    comment ${TEXT} NOT NULL,
    clause_hash ${TEXT} NOT NULL,
    at ${TEXT} NOT NULL,
    PRIMARY KEY (case_id, clause_id, participant_id)
  );
  CREATE TABLE agreement_versions (
    id ${TEXT} PRIMARY KEY,
    case_id ${TEXT} NOT NULL REFERENCES cases(id),
    number integer NOT NULL,
    name ${TEXT} NOT NULL,
    hash ${TEXT} NOT NULL,
    canonical_json ${TEXT} NOT NULL,
    snapshot bytea NOT NULL,
    saved_by ${TEXT} NOT NULL,
    saved_at ${TEXT} NOT NULL,
    UNIQUE (case_id, number)
  );

  CREATE TABLE audit_entries (
    case_id ${TEXT} NOT NULL REFERENCES cases(id),
    sequence integer NOT NULL,
    at ${TEXT} NOT NULL,
    actor ${TEXT} NOT NULL,
    type ${TEXT} NOT NULL,
    data ${TEXT} NOT NULL,
    previous_hash ${TEXT} NOT NULL,
    hash ${TEXT} NOT NULL,
    PRIMARY KEY (case_id, sequence)
  );

  CREATE TABLE agreement_freezes (
    id ${TEXT} PRIMARY KEY,
    case_id ${TEXT} NOT NULL REFERENCES cases(id),
    version_id ${TEXT} NOT NULL REFERENCES agreement_versions(id),
    version_number integer NOT NULL,
    agreement_hash ${TEXT} NOT NULL,
    frozen_at ${TEXT} NOT NULL,
    frozen_by ${TEXT} NOT NULL,
    voided_at ${TEXT}
  );
  -- At most one freeze in force per case.
  CREATE UNIQUE INDEX agreement_freezes_in_force ON agreement_freezes(case_id) WHERE voided_at IS NULL;
  CREATE TABLE identity_attestations (
    case_id ${TEXT} NOT NULL REFERENCES cases(id),
    participant_id ${TEXT} NOT NULL REFERENCES participants(id),
    document_type ${TEXT} NOT NULL,
    number_last_digits ${TEXT} NOT NULL,
    attested_by ${TEXT} NOT NULL,
    attested_at ${TEXT} NOT NULL,
    -- The name in another script that the check recorded (the party may sign with it).
    alias ${TEXT},
    PRIMARY KEY (case_id, participant_id)
  );
  CREATE TABLE signing_consents (
    freeze_id ${TEXT} NOT NULL REFERENCES agreement_freezes(id),
    participant_id ${TEXT} NOT NULL REFERENCES participants(id),
    consented_at ${TEXT} NOT NULL,
    PRIMARY KEY (freeze_id, participant_id)
  );
  CREATE TABLE signatures (
    freeze_id ${TEXT} NOT NULL REFERENCES agreement_freezes(id),
    participant_id ${TEXT} NOT NULL REFERENCES participants(id),
    typed_name ${TEXT} NOT NULL,
    image bytea NOT NULL,
    public_key ${TEXT} NOT NULL,
    signature bytea NOT NULL,
    payload ${TEXT} NOT NULL,
    signed_at ${TEXT} NOT NULL,
    ip ${TEXT} NOT NULL,
    device ${TEXT} NOT NULL,
    PRIMARY KEY (freeze_id, participant_id)
  );
  -- Named counters of the install ('issued-agreements': the documents' sequence).
  CREATE TABLE counters (
    name ${TEXT} PRIMARY KEY,
    value bigint NOT NULL
  );
  CREATE TABLE issued_agreements (
    document_number ${TEXT} PRIMARY KEY,
    case_id ${TEXT} NOT NULL REFERENCES cases(id),
    freeze_id ${TEXT} NOT NULL UNIQUE REFERENCES agreement_freezes(id),
    pdf bytea NOT NULL,
    pdf_sha256 ${TEXT} NOT NULL,
    issued_at ${TEXT} NOT NULL
  );
  -- One case, at most one issued agreement.
  CREATE UNIQUE INDEX issued_agreements_one_per_case ON issued_agreements(case_id);
  -- Verification finds an uploaded PDF by its SHA-256 first.
  CREATE INDEX issued_agreements_by_sha256 ON issued_agreements(pdf_sha256);

  CREATE TABLE account_sessions (
    id ${TEXT} PRIMARY KEY,
    account_id ${TEXT} NOT NULL REFERENCES accounts(id),
    created_at ${TEXT} NOT NULL,
    expires_at ${TEXT} NOT NULL,
    revoked_at ${TEXT}
  );
  CREATE INDEX account_sessions_by_expiry ON account_sessions(expires_at);

  CREATE TABLE chat_messages (
    rowid bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id ${TEXT} PRIMARY KEY,
    case_id ${TEXT} NOT NULL REFERENCES cases(id),
    space ${TEXT} NOT NULL,
    participant_id ${TEXT} NOT NULL,
    name ${TEXT} NOT NULL,
    role ${TEXT} NOT NULL,
    text ${TEXT} NOT NULL,
    at ${TEXT} NOT NULL
  );
  CREATE INDEX chat_messages_by_space ON chat_messages(case_id, space, rowid);

  -- member_ids is a JSON array of participant ids.
  CREATE TABLE caucuses (
    rowid bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id ${TEXT} PRIMARY KEY,
    case_id ${TEXT} NOT NULL REFERENCES cases(id),
    name ${TEXT} NOT NULL,
    member_ids ${TEXT} NOT NULL,
    opened_at ${TEXT} NOT NULL,
    closed_at ${TEXT}
  );
  CREATE INDEX caucuses_by_case ON caucuses(case_id);

  -- Each time a case's room was held: opened by its first arrival, closed when ended or left empty.
  CREATE TABLE room_sessions (
    rowid bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id ${TEXT} PRIMARY KEY,
    case_id ${TEXT} NOT NULL REFERENCES cases(id),
    started_at ${TEXT} NOT NULL,
    ended_at ${TEXT}
  );
  CREATE INDEX room_sessions_by_case ON room_sessions(case_id, started_at);

  -- Keys of the platforms that call the API: only a hash of each is kept.
  CREATE TABLE api_keys (
    id ${TEXT} PRIMARY KEY,
    name ${TEXT} NOT NULL,
    region_id ${TEXT} NOT NULL REFERENCES regions(id),
    region_path ${TEXT} NOT NULL,
    key_hash ${TEXT} NOT NULL UNIQUE,
    key_prefix ${TEXT} NOT NULL,
    created_by ${TEXT} NOT NULL REFERENCES accounts(id),
    created_at ${TEXT} NOT NULL,
    revoked_at ${TEXT},
    last_used_at ${TEXT}
  );
  CREATE INDEX api_keys_by_region ON api_keys(region_path);

  -- Sign-ins and administrative actions, append-only like the cases' audit log.
  CREATE TABLE account_audit (
    sequence bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at ${TEXT} NOT NULL,
    type ${TEXT} NOT NULL,
    actor_id ${TEXT} NOT NULL,
    actor_name ${TEXT} NOT NULL,
    ip ${TEXT} NOT NULL,
    device ${TEXT} NOT NULL,
    region_path ${TEXT} NOT NULL,
    committee_id ${TEXT},
    data ${TEXT} NOT NULL
  );
  CREATE INDEX account_audit_by_region ON account_audit(region_path, sequence);
  CREATE INDEX account_audit_by_committee ON account_audit(committee_id, sequence);

  -- The audit logs are append-only: the database itself refuses to change or remove an entry.
  CREATE FUNCTION refuse_change_of_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
    END
  $$;
  CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only();
  CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only();
  CREATE TRIGGER account_audit_no_update BEFORE UPDATE ON account_audit
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only();
  CREATE TRIGGER account_audit_no_delete BEFORE DELETE ON account_audit
    FOR EACH ROW EXECUTE FUNCTION refuse_change_of_append_only();
`;

/** The core's migrations, in order. Never edit, reorder or remove one that has shipped: add a new one at the end. */
const CORE_MIGRATIONS: readonly string[] = [CORE_SCHEMA];

/** A migration and the name schema_migrations records it under once applied. */
export interface Migration {
  name: string;
  sql: string;
}

/** Each part's migrations named by the part and their place in its list, so that each list grows on its own. */
const named = (part: string, list: readonly string[]): Migration[] => list.map((sql, index) => ({ name: `${part}-${index + 1}`, sql }));

/**
 * Schema migrations, applied in order on open (apply-migrations.ts), those not recorded in
 * schema_migrations yet: the core's, then the archive's and the statistics' (which read the
 * core's tables and keep their own with triggers on them).
 */
export const migrations: readonly Migration[] = [
  ...named('core', CORE_MIGRATIONS),
  ...named('archive', ARCHIVE_MIGRATIONS),
  ...named('statistics', STATISTICS_MIGRATIONS),
];

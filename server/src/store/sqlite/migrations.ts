import { STATISTICS_MIGRATION } from './statistics-migration.js';

/**
 * Schema migrations, applied in order; PRAGMA user_version records how many ran.
 * Never edit a migration that has shipped: add a new one.
 */
export const migrations: readonly string[] = [
  `
  CREATE TABLE committees (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    committee_id TEXT NOT NULL REFERENCES committees(id),
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    committee_id TEXT NOT NULL REFERENCES committees(id),
    case_number TEXT NOT NULL,
    title TEXT NOT NULL,
    category TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES accounts(id),
    created_at TEXT NOT NULL
  );
  CREATE INDEX cases_by_committee ON cases(committee_id, created_at);
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id),
    created_at TEXT NOT NULL
  );
  CREATE TABLE participants (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id),
    case_id TEXT NOT NULL REFERENCES cases(id),
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    account_id TEXT REFERENCES accounts(id),
    revoked_at TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX participants_by_session ON participants(session_id);
  `,
  `
  -- One B-tree keyed by document and sequence: each stored change is one insert into it.
  -- A document's sequence restarts only after compaction emptied it (its snapshot holds all).
  CREATE TABLE document_updates (
    case_id TEXT NOT NULL REFERENCES cases(id),
    document TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    update_data BLOB NOT NULL,
    PRIMARY KEY (case_id, document, sequence)
  ) WITHOUT ROWID;
  CREATE TABLE document_snapshots (
    case_id TEXT NOT NULL REFERENCES cases(id),
    document TEXT NOT NULL,
    snapshot BLOB NOT NULL,
    PRIMARY KEY (case_id, document)
  );
  CREATE TABLE drafting_settings (
    case_id TEXT PRIMARY KEY REFERENCES cases(id),
    parties_may_edit INTEGER NOT NULL
  );
  CREATE TABLE clause_marks (
    case_id TEXT NOT NULL REFERENCES cases(id),
    clause_id TEXT NOT NULL,
    participant_id TEXT NOT NULL REFERENCES participants(id),
    mark TEXT NOT NULL,
    comment TEXT NOT NULL,
    clause_hash TEXT NOT NULL,
    at TEXT NOT NULL,
    PRIMARY KEY (case_id, clause_id, participant_id)
  );
  CREATE TABLE agreement_versions (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id),
    number INTEGER NOT NULL,
    name TEXT NOT NULL,
    hash TEXT NOT NULL,
    canonical_json TEXT NOT NULL,
    snapshot BLOB NOT NULL,
    saved_by TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    UNIQUE (case_id, number)
  );
  CREATE TABLE audit_entries (
    case_id TEXT NOT NULL REFERENCES cases(id),
    sequence INTEGER NOT NULL,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    previous_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    PRIMARY KEY (case_id, sequence)
  );
  -- The audit log is append-only: the database itself refuses to change or remove an entry.
  CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
    BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
  CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
    BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
  `,
  `
  ALTER TABLE participants ADD COLUMN first_joined_at TEXT;
  CREATE TABLE agreement_freezes (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id),
    version_id TEXT NOT NULL REFERENCES agreement_versions(id),
    version_number INTEGER NOT NULL,
    agreement_hash TEXT NOT NULL,
    frozen_at TEXT NOT NULL,
    frozen_by TEXT NOT NULL,
    voided_at TEXT
  );
  -- At most one freeze in force per case.
  CREATE UNIQUE INDEX agreement_freezes_in_force ON agreement_freezes(case_id) WHERE voided_at IS NULL;
  CREATE TABLE identity_attestations (
    case_id TEXT NOT NULL REFERENCES cases(id),
    participant_id TEXT NOT NULL REFERENCES participants(id),
    document_type TEXT NOT NULL,
    number_last_digits TEXT NOT NULL,
    attested_by TEXT NOT NULL,
    attested_at TEXT NOT NULL,
    PRIMARY KEY (case_id, participant_id)
  );
  CREATE TABLE signing_consents (
    freeze_id TEXT NOT NULL REFERENCES agreement_freezes(id),
    participant_id TEXT NOT NULL REFERENCES participants(id),
    consented_at TEXT NOT NULL,
    PRIMARY KEY (freeze_id, participant_id)
  );
  CREATE TABLE signatures (
    freeze_id TEXT NOT NULL REFERENCES agreement_freezes(id),
    participant_id TEXT NOT NULL REFERENCES participants(id),
    typed_name TEXT NOT NULL,
    image BLOB NOT NULL,
    public_key TEXT NOT NULL,
    signature BLOB NOT NULL,
    payload TEXT NOT NULL,
    signed_at TEXT NOT NULL,
    ip TEXT NOT NULL,
    device TEXT NOT NULL,
    PRIMARY KEY (freeze_id, participant_id)
  );
  CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value INTEGER NOT NULL
  );
  CREATE TABLE issued_agreements (
    document_number TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id),
    freeze_id TEXT NOT NULL UNIQUE REFERENCES agreement_freezes(id),
    pdf BLOB NOT NULL,
    pdf_sha256 TEXT NOT NULL,
    issued_at TEXT NOT NULL
  );
  `,
  `
  -- One case, at most one issued agreement.
  CREATE UNIQUE INDEX issued_agreements_one_per_case ON issued_agreements(case_id);
  `,
  `
  -- Sign-in sessions, so that signing out ends a session on the server (a copied cookie
  -- stops working). Times are ISO 8601 UTC, which sort as text.
  CREATE TABLE account_sessions (
    id TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
  );
  CREATE INDEX account_sessions_by_expiry ON account_sessions(expires_at);
  `,
  `
  -- Verification finds an uploaded PDF by its SHA-256 first: one index look-up, whatever
  -- the file holds.
  CREATE INDEX issued_agreements_by_sha256 ON issued_agreements(pdf_sha256);
  `,
  `
  -- The name in another script that an identity check recorded (the party may sign with it).
  ALTER TABLE identity_attestations ADD COLUMN alias TEXT;
  `,
  `
  -- Whether the case's parties wait in the lobby until the mediator lets them in (1, the default).
  ALTER TABLE cases ADD COLUMN waiting_room INTEGER NOT NULL DEFAULT 1;
  `,
  `
  -- The chat of each space of a case's room (the main room, each caucus), kept with the case.
  CREATE TABLE chat_messages (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id),
    space TEXT NOT NULL,
    participant_id TEXT NOT NULL,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    text TEXT NOT NULL,
    at TEXT NOT NULL
  );
  CREATE INDEX chat_messages_by_space ON chat_messages(case_id, space);
  `,
  `
  -- Issuing a person's link anew raises it; links of an older generation are refused.
  ALTER TABLE participants ADD COLUMN link_generation INTEGER NOT NULL DEFAULT 0;
  `,
  `
  -- The caucuses of each case, kept after they close: their notes (document 'caucus:<id>')
  -- stay readable by the mediator, and who was in each decides who else may read them.
  -- member_ids is a JSON array of participant ids.
  CREATE TABLE caucuses (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id),
    name TEXT NOT NULL,
    member_ids TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    closed_at TEXT
  );
  CREATE INDEX caucuses_by_case ON caucuses(case_id);
  `,  `
  -- Committees and the archive. A province is a tree of regions (province, city, county,
  -- township); each region's path is its ancestors' ids and its own, '/'-separated with a
  -- leading and trailing '/', so "everything below X" is one range scan on a path prefix.
  -- A committee sits at one region and copies its path, as does each case, so that an
  -- administrator's archive and statistics are read by prefix without joins.
  CREATE TABLE regions (
    id TEXT PRIMARY KEY,
    parent_id TEXT REFERENCES regions(id),
    level TEXT NOT NULL,
    name TEXT NOT NULL,
    code TEXT NOT NULL DEFAULT '',
    path TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
  );
  CREATE INDEX regions_by_parent ON regions(parent_id, name);
  INSERT INTO regions (id, parent_id, level, name, code, path, created_at)
    SELECT 'region-root', NULL, 'province', 'Province', '', '/region-root/', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
    WHERE EXISTS (SELECT 1 FROM committees);
  ALTER TABLE committees ADD COLUMN region_id TEXT REFERENCES regions(id);
  ALTER TABLE committees ADD COLUMN region_path TEXT NOT NULL DEFAULT '';
  ALTER TABLE committees ADD COLUMN kind TEXT NOT NULL DEFAULT 'neighbourhood';
  UPDATE committees SET region_id = 'region-root', region_path = '/region-root/';
  CREATE INDEX committees_by_region ON committees(region_path, name);

  -- Accounts: an administrator belongs to a region (committee_id NULL), committee staff
  -- and mediators to a committee (region_id NULL).
  -- Rebuilt to let committee_id be NULL: its rows wait in a temporary table while it is
  -- made anew, and the cases and participants that name an account find it again before
  -- the transaction commits (the check of their keys is deferred until then).
  PRAGMA defer_foreign_keys = ON;
  CREATE TEMP TABLE accounts_before AS SELECT * FROM accounts;
  DROP TABLE accounts;
  CREATE TABLE accounts (
    id TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    committee_id TEXT REFERENCES committees(id),
    region_id TEXT REFERENCES regions(id),
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    disabled_at TEXT,
    CHECK ((committee_id IS NULL) <> (region_id IS NULL))
  );
  INSERT INTO accounts (id, role, committee_id, region_id, email, display_name, password_hash, created_at)
    SELECT id, 'mediator', committee_id, NULL, email, display_name, password_hash, created_at FROM accounts_before;
  DROP TABLE accounts_before;
  CREATE INDEX accounts_by_committee ON accounts(committee_id);
  CREATE INDEX accounts_by_region ON accounts(region_id);

  -- The mediator's desk: a case's status and its dates, and each party's contact.
  ALTER TABLE cases ADD COLUMN status TEXT NOT NULL DEFAULT 'intake';
  ALTER TABLE cases ADD COLUMN region_path TEXT NOT NULL DEFAULT '';
  ALTER TABLE cases ADD COLUMN scheduled_at TEXT;
  ALTER TABLE cases ADD COLUMN closed_at TEXT;
  ALTER TABLE cases ADD COLUMN outcome_note TEXT NOT NULL DEFAULT '';
  UPDATE cases SET region_path = (SELECT region_path FROM committees WHERE committees.id = cases.committee_id);
  UPDATE cases SET status = 'settled', closed_at = (SELECT MIN(issued_at) FROM issued_agreements WHERE case_id = cases.id)
    WHERE EXISTS (SELECT 1 FROM issued_agreements WHERE case_id = cases.id);
  ALTER TABLE participants ADD COLUMN contact TEXT NOT NULL DEFAULT '';
  -- Each time a case's room was held: opened by its first arrival, closed when ended or left empty.
  CREATE TABLE room_sessions (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id),
    started_at TEXT NOT NULL,
    ended_at TEXT
  );
  CREATE INDEX room_sessions_by_case ON room_sessions(case_id, started_at);

  -- Keys of the platforms that call the API: only a hash of each is kept.
  CREATE TABLE api_keys (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    region_id TEXT NOT NULL REFERENCES regions(id),
    region_path TEXT NOT NULL,
    key_hash TEXT NOT NULL UNIQUE,
    key_prefix TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES accounts(id),
    created_at TEXT NOT NULL,
    revoked_at TEXT,
    last_used_at TEXT
  );
  CREATE INDEX api_keys_by_region ON api_keys(region_path);

  -- Sign-ins and administrative actions, append-only like the cases' audit log.
  CREATE TABLE account_audit (
    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    type TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    ip TEXT NOT NULL,
    device TEXT NOT NULL,
    region_path TEXT NOT NULL,
    committee_id TEXT,
    data TEXT NOT NULL
  );
  CREATE INDEX account_audit_by_region ON account_audit(region_path, sequence);
  CREATE INDEX account_audit_by_committee ON account_audit(committee_id, sequence);
  CREATE TRIGGER account_audit_no_update BEFORE UPDATE ON account_audit
    BEGIN SELECT RAISE(ABORT, 'the account audit log is append-only'); END;
  CREATE TRIGGER account_audit_no_delete BEFORE DELETE ON account_audit
    BEGIN SELECT RAISE(ABORT, 'the account audit log is append-only'); END;
  `,
  `
  -- The archive's index: one row per case, with what its search filters and shows, kept by
  -- triggers in the transaction of each change it reflects (a case created, its parties
  -- invited, its agreement issued, its status or number changed). \`at\` is the date of
  -- issue, or of the case while nothing is issued: results sort and filter by it.
  -- archive_party_tokens() and archive_number_tokens() are registered by the store on every
  -- connection it opens (sqlite-archive.ts): the words of names and numbers to index.
  CREATE INDEX participants_by_case ON participants(case_id);
  CREATE TABLE archive_entries (
    entry_id INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL UNIQUE REFERENCES cases(id),
    committee_id TEXT NOT NULL,
    region_path TEXT NOT NULL,
    case_number TEXT NOT NULL,
    title TEXT NOT NULL,
    category TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    document_number TEXT,
    issued_at TEXT,
    at TEXT NOT NULL,
    parties TEXT NOT NULL DEFAULT '[]'
  );
  -- A committee's archive is small: one range, filtered and sorted as it is read.
  CREATE INDEX archive_by_committee ON archive_entries(committee_id, at, category, status, case_number);
  -- A region's: its subtree is one range of paths; with category and status given, a
  -- narrower range of the same subtree.
  CREATE INDEX archive_by_region ON archive_entries(region_path, at, category, status, case_number);
  CREATE INDEX archive_by_category_status ON archive_entries(category, status, region_path, at, case_number);
  -- Walked in the order of a sort when most of a large subtree matches, so a page stops
  -- early (entry_id breaks ties, so it stands in the index before the filtered columns).
  CREATE INDEX archive_by_date ON archive_entries(at, entry_id, region_path, category, status);
  CREATE INDEX archive_by_case_number ON archive_entries(case_number, entry_id, region_path, category, status, at);
  -- The words of each entry (rowid = entry_id): party names as Han bigrams and words,
  -- numbers by their parts (shared/src/archive/). '§' parts names and stands between
  -- parts that must not form a phrase.
  CREATE VIRTUAL TABLE archive_search USING fts5(names, case_number, document_number, tokenize = "unicode61 tokenchars '§'");

  INSERT INTO archive_entries (case_id, committee_id, region_path, case_number, title, category, status, created_at, document_number, issued_at, at, parties)
    SELECT cases.id, cases.committee_id, cases.region_path, cases.case_number, cases.title, cases.category, cases.status, cases.created_at,
           issued.document_number, issued.issued_at, COALESCE(issued.issued_at, cases.created_at),
           (SELECT json_group_array(display_name ORDER BY rowid) FROM participants
             WHERE participants.case_id = cases.id AND role IN ('applicant', 'respondent'))
    FROM cases LEFT JOIN issued_agreements AS issued ON issued.case_id = cases.id;
  INSERT INTO archive_search (rowid, names, case_number, document_number)
    SELECT entry_id, archive_party_tokens(parties), archive_number_tokens(case_number), archive_number_tokens(document_number) FROM archive_entries;

  -- A case's entry reads its parties and agreement as they stand, so rows written in any
  -- order (a bulk load, a restore) index the same.
  CREATE TRIGGER archive_case_created AFTER INSERT ON cases BEGIN
    INSERT INTO archive_entries (case_id, committee_id, region_path, case_number, title, category, status, created_at, document_number, issued_at, at, parties)
      SELECT NEW.id, NEW.committee_id, NEW.region_path, NEW.case_number, NEW.title, NEW.category, NEW.status, NEW.created_at,
             issued.document_number, issued.issued_at, COALESCE(issued.issued_at, NEW.created_at),
             (SELECT json_group_array(display_name ORDER BY rowid) FROM participants
               WHERE participants.case_id = NEW.id AND role IN ('applicant', 'respondent'))
      FROM (SELECT 1) LEFT JOIN issued_agreements AS issued ON issued.case_id = NEW.id;
    INSERT INTO archive_search (rowid, names, case_number, document_number)
      SELECT entry_id, archive_party_tokens(parties), archive_number_tokens(case_number), archive_number_tokens(document_number)
      FROM archive_entries WHERE case_id = NEW.id;
  END;
  CREATE TRIGGER archive_case_changed AFTER UPDATE OF case_number, title, category, status ON cases BEGIN
    UPDATE archive_entries SET case_number = NEW.case_number, title = NEW.title, category = NEW.category, status = NEW.status
      WHERE case_id = NEW.id;
    UPDATE archive_search SET case_number = archive_number_tokens(NEW.case_number)
      WHERE NEW.case_number IS NOT OLD.case_number AND rowid = (SELECT entry_id FROM archive_entries WHERE case_id = NEW.id);
  END;
  CREATE TRIGGER archive_party_added AFTER INSERT ON participants
    WHEN NEW.role IN ('applicant', 'respondent') AND EXISTS (SELECT 1 FROM archive_entries WHERE case_id = NEW.case_id) BEGIN
    UPDATE archive_entries SET parties = (SELECT json_group_array(display_name ORDER BY rowid) FROM participants
        WHERE participants.case_id = NEW.case_id AND role IN ('applicant', 'respondent'))
      WHERE case_id = NEW.case_id;
    UPDATE archive_search SET names = (SELECT archive_party_tokens(parties) FROM archive_entries WHERE case_id = NEW.case_id)
      WHERE rowid = (SELECT entry_id FROM archive_entries WHERE case_id = NEW.case_id);
  END;
  CREATE TRIGGER archive_party_changed AFTER UPDATE OF display_name, role ON participants
    WHEN NEW.display_name IS NOT OLD.display_name OR NEW.role IS NOT OLD.role BEGIN
    UPDATE archive_entries SET parties = (SELECT json_group_array(display_name ORDER BY rowid) FROM participants
        WHERE participants.case_id = NEW.case_id AND role IN ('applicant', 'respondent'))
      WHERE case_id = NEW.case_id;
    UPDATE archive_search SET names = (SELECT archive_party_tokens(parties) FROM archive_entries WHERE case_id = NEW.case_id)
      WHERE rowid = (SELECT entry_id FROM archive_entries WHERE case_id = NEW.case_id);
  END;
  CREATE TRIGGER archive_agreement_issued AFTER INSERT ON issued_agreements
    WHEN EXISTS (SELECT 1 FROM archive_entries WHERE case_id = NEW.case_id) BEGIN
    UPDATE archive_entries SET document_number = NEW.document_number, issued_at = NEW.issued_at, at = NEW.issued_at
      WHERE case_id = NEW.case_id;
    UPDATE archive_search SET document_number = archive_number_tokens(NEW.document_number)
      WHERE rowid = (SELECT entry_id FROM archive_entries WHERE case_id = NEW.case_id);
  END;

  -- Who downloaded or verified which agreement: the case audit log's entries of those two
  -- types, copied with their case's committee and region so they list across cases by
  -- index. The audit log stays the record; this is its index, written in the same
  -- transaction as the entry.
  CREATE TABLE archive_access (
    access_id INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL,
    sequence INTEGER NOT NULL,
    committee_id TEXT NOT NULL,
    region_path TEXT NOT NULL,
    at TEXT NOT NULL,
    type TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    actor_role TEXT NOT NULL,
    ip TEXT NOT NULL,
    document_number TEXT NOT NULL,
    method TEXT,
    verdict TEXT,
    UNIQUE (case_id, sequence)
  );
  CREATE INDEX archive_access_by_committee ON archive_access(committee_id, access_id);
  CREATE INDEX archive_access_by_region ON archive_access(region_path, access_id);
  CREATE INDEX archive_access_by_case ON archive_access(case_id, access_id);
  INSERT INTO archive_access (case_id, sequence, committee_id, region_path, at, type, actor_id, actor_name, actor_role, ip, document_number, method, verdict)
    SELECT entry.case_id, entry.sequence, cases.committee_id, cases.region_path, entry.at, entry.type,
           json_extract(entry.actor, '$.participantId'), json_extract(entry.actor, '$.name'), json_extract(entry.actor, '$.role'),
           json_extract(entry.actor, '$.ip'), json_extract(entry.data, '$.documentNumber'),
           json_extract(entry.data, '$.method'), json_extract(entry.data, '$.verdict')
    FROM audit_entries AS entry JOIN cases ON cases.id = entry.case_id
    WHERE entry.type IN ('agreement.downloaded', 'agreement.verified')
    ORDER BY entry.at, entry.case_id, entry.sequence;
  CREATE TRIGGER archive_access_recorded AFTER INSERT ON audit_entries
    WHEN NEW.type IN ('agreement.downloaded', 'agreement.verified') BEGIN
    INSERT INTO archive_access (case_id, sequence, committee_id, region_path, at, type, actor_id, actor_name, actor_role, ip, document_number, method, verdict)
      SELECT NEW.case_id, NEW.sequence, cases.committee_id, cases.region_path, NEW.at, NEW.type,
             json_extract(NEW.actor, '$.participantId'), json_extract(NEW.actor, '$.name'), json_extract(NEW.actor, '$.role'),
             json_extract(NEW.actor, '$.ip'), json_extract(NEW.data, '$.documentNumber'),
             json_extract(NEW.data, '$.method'), json_extract(NEW.data, '$.verdict')
      FROM cases WHERE cases.id = NEW.case_id;
  END;
  `,
  STATISTICS_MIGRATION,
];

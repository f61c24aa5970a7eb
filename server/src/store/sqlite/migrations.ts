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
  `,
];

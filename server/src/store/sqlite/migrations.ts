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
];

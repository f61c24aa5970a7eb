import type { AccountSessionStore } from './account-session-store.js';
import type { ArchiveStore } from './archive-store.js';
import type { AuditStore } from './audit-store.js';
import type { CaseStore } from './case-store.js';
import type { CaucusStore } from './caucus-store.js';
import type { ChatStore } from './chat-store.js';
import type { DocumentStore } from './document-store.js';
import type { DraftingRecordStore } from './drafting-record-store.js';
import type { OrganisationStore } from './organisation-store.js';
import type { SigningStore } from './signing-store.js';
import type { StatisticsStore } from './statistics-store.js';

/**
 * Everything the service keeps, as focused interfaces, each stating the guarantees its
 * callers rely on; `test/contract/` checks them for every backend. The embedded default is
 * SQLite (sqlite/sqlite-store.ts).
 */
export interface Store extends OrganisationStore, CaseStore, AccountSessionStore, DocumentStore, DraftingRecordStore, SigningStore, AuditStore, ChatStore, CaucusStore, ArchiveStore, StatisticsStore {
  /** Resolves when the store answers a trivial query (for /healthz); rejects when it cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

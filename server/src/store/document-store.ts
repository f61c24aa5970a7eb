import type { DraftDocument } from '@mediation/shared';
import type { StoredDocument } from './records.js';

/**
 * The case documents' Yjs updates and snapshots.
 *
 * Guarantees, which the live documents rely on to store every change before anyone sees it:
 * - `appendDocumentUpdate` resolves once the update is durable, with its sequence number;
 *   the appends of one document are numbered, made durable and resolved in the order they
 *   were called, so once one has resolved every earlier one has (or has failed).
 * - `loadDocument` returns the latest snapshot and every update stored after it, in
 *   sequence order.
 * - `compactDocument` replaces the snapshot and removes the updates up to the sequence
 *   given, in one transaction; updates after it stay.
 */
export interface DocumentStore {
  loadDocument(caseId: string, document: DraftDocument): Promise<StoredDocument>;
  /** Returns the update's sequence number. */
  appendDocumentUpdate(caseId: string, document: DraftDocument, update: Uint8Array): Promise<number>;
  compactDocument(caseId: string, document: DraftDocument, snapshot: Uint8Array, upToSequence: number): Promise<void>;
}

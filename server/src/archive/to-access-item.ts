import type { ArchiveAccessItem } from '@mediation/shared';
import type { ArchiveAccessRecord } from '../store/archive-store.js';

/** An access as the archive's answers show it. */
export function toAccessItem(record: ArchiveAccessRecord): ArchiveAccessItem {
  const { accessId, caseId, caseNumber, at, type, actorName, actorRole, ip, documentNumber, method, verdict } = record;
  return { accessId, caseId, caseNumber, at, type, actorName, actorRole, ip, documentNumber, method, verdict };
}

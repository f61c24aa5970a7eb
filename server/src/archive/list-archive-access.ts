import type { ArchiveAccessPage } from '@mediation/shared';
import type { Reach } from '../policy/policy.js';
import type { ArchiveAccessRecord } from '../store/archive-store.js';
import type { Store } from '../store/store.js';
import { toAccessItem } from './to-access-item.js';

export interface AccessLogQuery {
  caseId?: string;
  type?: ArchiveAccessRecord['type'];
  before?: number;
  limit: number;
}

/** A page of who downloaded or verified agreements within reach (of one case when asked), newest first. */
export async function listArchiveAccess(store: Store, reach: Reach, query: AccessLogQuery): Promise<ArchiveAccessPage> {
  const records = await store.listArchiveAccess({ scope: reach, caseId: query.caseId, type: query.type, beforeAccessId: query.before, limit: query.limit });
  return { items: records.map(toAccessItem), nextBefore: records.length === query.limit ? records.at(-1)!.accessId : null };
}

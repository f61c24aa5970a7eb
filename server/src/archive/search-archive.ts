import { MAX_ARCHIVE_RESULTS, type ArchiveSearchQuery, type ArchiveSearchResult } from '@mediation/shared';
import type { Reach } from '../policy/policy.js';
import type { Store } from '../store/store.js';

/** The archive's days are China's (UTC+8, no daylight saving): a day starts at 16:00 UTC the day before. */
const ARCHIVE_UTC_OFFSET = '+08:00';
const DAY_MS = 86_400_000;

const startOfDay = (day: string) => new Date(`${day}T00:00:00${ARCHIVE_UTC_OFFSET}`).toISOString();

/** One page of the archive within `reach`, the search's days read as whole days in China. */
export async function searchArchive(store: Store, reach: Reach, query: ArchiveSearchQuery): Promise<ArchiveSearchResult> {
  const page = await store.searchArchive(
    {
      scope: reach,
      text: query.q,
      party: query.party,
      caseNumber: query.caseNumber,
      documentNumber: query.documentNumber,
      category: query.category,
      status: query.status,
      from: query.from === undefined ? undefined : startOfDay(query.from),
      to: query.to === undefined ? undefined : new Date(Date.parse(startOfDay(query.to)) + DAY_MS).toISOString(),
      sort: query.sort,
      offset: (query.page - 1) * query.pageSize,
      limit: query.pageSize,
    },
    MAX_ARCHIVE_RESULTS,
  );
  return {
    total: page.total,
    totalCapped: page.totalCapped,
    page: query.page,
    pageSize: query.pageSize,
    items: page.entries.map(({ caseId, caseNumber, title, category, status, committeeName, parties, documentNumber, issuedAt, createdAt }) => ({
      caseId,
      caseNumber,
      title,
      category,
      status,
      committeeName,
      parties,
      documentNumber,
      issuedAt,
      createdAt,
    })),
  };
}

import { randomUUID } from 'node:crypto';
import { CASE_STATUSES, DISPUTE_CATEGORIES, numberParts, numberPartsWithoutZeros, type CaseStatus, type DisputeCategory } from '@mediation/shared';
import { SERVICE_ACTOR } from '../../server/src/audit/audit-entry.js';
import { caseCreatedEntry } from '../../server/src/cases/case-created-entry.js';
import type { ArchiveQuery, ArchiveScope } from '../../server/src/store/archive-store.js';
import type { ParticipantRecord, RegionRecord } from '../../server/src/store/records.js';
import type { Store } from '../../server/src/store/store.js';
import { TEST_SETUP_AUDIT, testCommittee } from './add-committee.js';
import { Prng } from './fuzz/prng.js';

/** Few surnames and given-name characters, so that names and their bigrams repeat across cases. */
const SURNAMES = ['张', '王', '李', '欧阳', '赵'];
const GIVEN = ['伟', '芳', '娜', '明', '强'];

/** One case as generated: what a brute-force search compares the archive's answers with. */
export interface GeneratedCase {
  caseId: string;
  committeeId: string;
  regionPath: string;
  caseNumber: string;
  category: DisputeCategory;
  status: CaseStatus;
  parties: string[];
  documentNumber: string | null;
  /** The date results sort and filter by: of issue, or of the case. */
  at: string;
}

export interface GeneratedArchive {
  province: RegionRecord;
  cities: RegionRecord[];
  committeeIds: string[];
  cases: GeneratedCase[];
}

function region(id: string, parent: RegionRecord | null, level: RegionRecord['level']): RegionRecord {
  return { id, parentId: parent?.id ?? null, level, name: id, code: '', path: `${parent?.path ?? '/'}${id}/`, createdAt: '2026-01-01T00:00:00.000Z' };
}

/**
 * Fills a store with a small province (two cities, a county each) and `count` cases of six
 * committees, with 2-, 3- and 4-character names drawn from few characters, and an agreement
 * issued for about half of them (a stand-in PDF). `setStatus` moves a case's status when the
 * store under test can; otherwise every case stays at intake.
 */
export async function generateArchive(
  store: Store,
  { count, seed = 7, prefix = 'arc', setStatus }: { count: number; seed?: number; prefix?: string; setStatus?: (caseId: string, status: CaseStatus) => Promise<void> },
): Promise<GeneratedArchive> {
  const prng = new Prng(seed);
  const random = () => prng.nextUint32() / 2 ** 32;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const province = region(`${prefix}-province`, null, 'province');
  const cities = [region(`${prefix}-city-a`, province, 'city'), region(`${prefix}-city-b`, province, 'city')];
  const counties = cities.map((city, index) => region(`${prefix}-county-${index}`, city, 'county'));
  for (const r of [province, ...cities, ...counties]) await store.createRegion(r, { ...TEST_SETUP_AUDIT, regionPath: r.path });
  const places = [province, cities[0]!, counties[0]!, cities[1]!, counties[1]!, counties[1]!];
  const committeeIds = places.map((_, index) => `${prefix}-committee-${index}`);
  for (const [index, place] of places.entries()) {
    await store.createCommittee(testCommittee(committeeIds[index]!, `委员会 ${index}`, '2026-01-01T00:00:00.000Z', place), { ...TEST_SETUP_AUDIT, regionPath: place.path });
  }
  await store.createAccount(
    { id: `${prefix}-mediator`, email: `${prefix}@example.org`, displayName: 'M', passwordHash: 'x', role: 'mediator', committeeId: committeeIds[0]!, regionId: null, createdAt: '2026-01-01T00:00:00.000Z', disabledAt: null },
    TEST_SETUP_AUDIT,
  );

  const cases: GeneratedCase[] = [];
  for (let index = 0; index < count; index++) {
    const committeeIndex = Math.floor(random() * committeeIds.length);
    const caseId = `${prefix}-case-${index}`;
    const createdAt = new Date(Date.UTC(2025, 0, 1) + Math.floor(random() * 400) * 86_400_000 + index).toISOString();
    const name = () => pick(SURNAMES) + Array.from({ length: 1 + Math.floor(random() * 2) }, () => pick(GIVEN)).join('');
    const parties = [name(), name()];
    const category = pick(DISPUTE_CATEGORIES);
    const record = {
      id: caseId,
      committeeId: committeeIds[committeeIndex]!,
      caseNumber: `(2025)调字第${String(index).padStart(4, '0')}号`,
      title: `案件 ${index}`,
      category,
      waitingRoom: false,
      createdBy: `${prefix}-mediator`,
      createdAt,
    };
    const people: ParticipantRecord[] = parties.map((displayName, p) => ({
      id: randomUUID(),
      sessionId: `${caseId}-session`,
      caseId,
      displayName,
      role: p === 0 ? 'applicant' : 'respondent',
      accountId: null,
      revokedAt: null,
      createdAt,
    }));
    await store.createCase(record, { id: `${caseId}-session`, caseId, createdAt }, people, caseCreatedEntry(record, people, SERVICE_ACTOR));
    let documentNumber: string | null = null;
    let at = createdAt;
    if (random() < 0.5) {
      at = new Date(Date.parse(createdAt) + 86_400_000 * (1 + Math.floor(random() * 30))).toISOString();
      documentNumber = `MA-2025-${String(100_000 + index)}`;
      await issueStandIn(store, caseId, documentNumber, at);
    }
    let status: CaseStatus = 'intake';
    if (setStatus) {
      status = documentNumber ? 'settled' : pick(CASE_STATUSES);
      await setStatus(caseId, status);
    }
    cases.push({ caseId, committeeId: record.committeeId, regionPath: places[committeeIndex]!.path, caseNumber: record.caseNumber, category, status, parties, documentNumber, at });
  }
  return { province, cities, committeeIds, cases };
}

/** Freezes and issues a stand-in agreement (a one-byte PDF) at `at`. */
export async function issueStandIn(store: Store, caseId: string, documentNumber: string, at: string): Promise<void> {
  const freeze = await store.freezeAgreement(
    { id: randomUUID(), caseId, name: 'v', hash: 'a'.repeat(64), canonicalJson: '{}', snapshot: new Uint8Array(), savedBy: 'm', savedAt: at },
    { id: randomUUID(), caseId, agreementHash: 'a'.repeat(64), frozenAt: at, frozenBy: 'm' },
    (version) => ({ caseId, at, actor: SERVICE_ACTOR, type: 'agreement.frozen', data: { version, agreementHash: 'a'.repeat(64), openItems: [], overrideReason: null } }),
  );
  if (!freeze) throw new Error(`cannot freeze ${caseId}`);
  const issued = await store.issueAgreement(
    { documentNumber, caseId, freezeId: freeze.id, pdf: new Uint8Array([37]), pdfSha256: randomUUID().replaceAll('-', '').padEnd(64, '0'), issuedAt: at },
    { caseId, at, actor: SERVICE_ACTOR, type: 'agreement.issued', data: { documentNumber, version: freeze.versionNumber, agreementHash: 'a'.repeat(64), pdfSha256: '0'.repeat(64) } },
  );
  if (!issued) throw new Error(`cannot issue ${caseId}`);
}

function inScope(c: GeneratedCase, scope: ArchiveScope): boolean {
  return scope.kind === 'committee' ? c.committeeId === scope.committeeId : c.regionPath.startsWith(scope.regionPath);
}

/** A number matches when the query's parts stand in it in a row, the last as a prefix, or a part without its zeros does. */
function numberMatches(value: string | null, query: string): boolean {
  if (value === null) return false;
  const wanted = numberParts(query);
  const parts = numberParts(value);
  const fitsAt = (at: number) => wanted.every((part, i) => (i === wanted.length - 1 ? parts[at + i]?.startsWith(part) : parts[at + i] === part));
  return parts.some((_, at) => fitsAt(at)) || (wanted.length === 1 && numberPartsWithoutZeros(value).some((part) => part.startsWith(wanted[0]!)));
}

/** What the archive should answer, found the slow way: every case checked, sorted, cut. Party queries are Han names here. */
export function bruteForceSearch(cases: readonly GeneratedCase[], query: ArchiveQuery): { total: number; caseIds: string[] } {
  const matching = cases.filter(
    (c) =>
      inScope(c, query.scope) &&
      (query.party === undefined || c.parties.some((p) => p.includes(query.party!))) &&
      (query.caseNumber === undefined || numberMatches(c.caseNumber, query.caseNumber)) &&
      (query.documentNumber === undefined || numberMatches(c.documentNumber, query.documentNumber)) &&
      (query.category === undefined || c.category === query.category) &&
      (query.status === undefined || c.status === query.status) &&
      (query.from === undefined || c.at >= query.from) &&
      (query.to === undefined || c.at < query.to),
  );
  // By code point, as SQLite compares text; generated dates and numbers never tie.
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = matching.sort((a, b) =>
    query.sort === 'case-number' ? compare(a.caseNumber, b.caseNumber) : query.sort === 'oldest' ? compare(a.at, b.at) : compare(b.at, a.at),
  );
  return { total: sorted.length, caseIds: sorted.slice(query.offset, query.offset + query.limit).map((c) => c.caseId) };
}

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SERVICE_ACTOR, type AuditEntryInput } from '../../server/src/audit/audit-entry.js';
import { caseCreatedEntry } from '../../server/src/cases/case-created-entry.js';
import type { ArchiveQuery, ArchiveScope } from '../../server/src/store/archive-store.js';
import type { ParticipantRecord } from '../../server/src/store/records.js';
import type { Store } from '../../server/src/store/store.js';
import { TEST_PROVINCE } from '../support/add-committee.js';
import { bruteForceSearch, generateArchive, issueStandIn } from '../support/archive-fixture.js';
import { Prng } from '../support/fuzz/prng.js';

const AT = '2026-12-01T08:00:00.000Z';
/** The contract suite's committee (made by its fixture), in the test province. */
const COMMITTEE = { kind: 'committee', committeeId: 'committee-1' } as const;
const PROVINCE: ArchiveScope = { kind: 'region', regionPath: TEST_PROVINCE.path };
const COUNT_LIMIT = 10_000;

function query(scope: ArchiveScope, rest: Partial<ArchiveQuery> = {}): ArchiveQuery {
  return { scope, sort: 'newest', offset: 0, limit: 50, ...rest };
}

/** Opens a case of the suite's committee with these parties (applicant first, then respondents). */
async function openCase(store: Store, caseId: string, caseNumber: string, names: string[]): Promise<void> {
  const record = { id: caseId, committeeId: 'committee-1', caseNumber, title: `t ${caseId}`, category: 'family' as const, waitingRoom: false, createdBy: 'account-1', createdAt: AT };
  const people: ParticipantRecord[] = names.map((displayName, index) => ({
    id: randomUUID(),
    sessionId: `session-${caseId}`,
    caseId,
    displayName,
    role: index === 0 ? 'applicant' : 'respondent',
    accountId: null,
    revokedAt: null,
    createdAt: AT,
  }));
  await store.createCase(record, { id: `session-${caseId}`, caseId, createdAt: AT }, people, caseCreatedEntry(record, people, SERVICE_ACTOR));
}

const ids = async (store: Store, q: ArchiveQuery) => (await store.searchArchive(q, COUNT_LIMIT)).entries.map((e) => e.caseId).sort();

/** The archive index's guarantees (archive-store.ts), run inside the store contract on its fixture's store. */
export function describeArchiveContract(storeOf: () => Store): void {
  describe('the archive index', () => {
    it('finds a party by two, three or four consecutive characters of a Chinese name', async () => {
      const store = storeOf();
      await openCase(store, 'zhang', 'Z-1', ['张伟', '刘洋']);
      await openCase(store, 'li', 'L-1', ['李小明', '周杰']);
      await openCase(store, 'ouyang', 'O-1', ['欧阳娜娜', '孙丽']);
      // 欧 阳 then 阳娜 of two different people: no name holds 欧阳娜 or 阳娜娜 there.
      await openCase(store, 'apart', 'A-1', ['王欧阳', '阳娜明']);
      expect(await ids(store, query(COMMITTEE, { party: '张伟' }))).toEqual(['zhang']);
      expect(await ids(store, query(COMMITTEE, { party: '李小明' }))).toEqual(['li']);
      expect(await ids(store, query(COMMITTEE, { party: '小明' }))).toEqual(['li']);
      expect(await ids(store, query(COMMITTEE, { party: '欧阳娜娜' }))).toEqual(['ouyang']);
      expect(await ids(store, query(COMMITTEE, { party: '阳娜娜' }))).toEqual(['ouyang']);
      expect(await ids(store, query(PROVINCE, { party: '欧阳' }))).toEqual(['apart', 'ouyang']);
      expect(await ids(store, query(PROVINCE, { party: '张 伟' }))).toEqual(['zhang']);
      expect(await ids(store, query(PROVINCE, { party: '张丽' }))).toEqual([]);
      const [entry] = (await store.searchArchive(query(PROVINCE, { party: '欧阳娜娜' }), COUNT_LIMIT)).entries;
      expect(entry).toMatchObject({ caseNumber: 'O-1', parties: ['欧阳娜娜', '孙丽'], committeeName: 'Committee', status: 'intake', documentNumber: null });
    });

    it('finds Latin names by word prefix and ignores case', async () => {
      const store = storeOf();
      await openCase(store, 'latin', 'L-9', ['John Smith', 'Mary Jones']);
      expect(await ids(store, query(PROVINCE, { party: 'smi' }))).toEqual(['latin']);
      expect(await ids(store, query(PROVINCE, { party: 'JOHN SM' }))).toEqual(['latin']);
      expect(await ids(store, query(PROVINCE, { party: 'john jones' }))).toEqual([]);
      expect(await ids(store, query(COMMITTEE, { party: 'Mary' }))).toEqual(['latin']);
    });

    it('finds a case by the parts of its case number and an agreement by its document number, once issued', async () => {
      const store = storeOf();
      await openCase(store, 'numbered', '(2026)滇0102民调字第123号', ['赵六', '钱七']);
      for (const scope of [COMMITTEE, PROVINCE]) {
        expect(await ids(store, query(scope, { caseNumber: '民调字第123' }))).toEqual(['numbered']);
        expect(await ids(store, query(scope, { caseNumber: '第123号' }))).toEqual(['numbered']);
        expect(await ids(store, query(scope, { text: '0102' }))).toEqual(['numbered']);
        expect(await ids(store, query(scope, { text: '102' }))).toEqual(['numbered']);
        expect(await ids(store, query(scope, { documentNumber: 'MA-2026-000777' }))).toEqual([]);
      }
      await issueStandIn(store, 'numbered', 'MA-2026-000777', '2026-12-02T09:00:00.000Z');
      for (const scope of [COMMITTEE, PROVINCE]) {
        expect(await ids(store, query(scope, { documentNumber: 'MA-2026-000777' }))).toEqual(['numbered']);
        expect(await ids(store, query(scope, { documentNumber: '000777' }))).toEqual(['numbered']);
        expect(await ids(store, query(scope, { documentNumber: '777' }))).toEqual(['numbered']);
        expect(await ids(store, query(scope, { text: 'ma-2026-000777' }))).toEqual(['numbered']);
        expect(await ids(store, query(scope, { text: '赵六' }))).toEqual(['numbered']);
        // The case number's parts are not the document number's.
        expect(await ids(store, query(scope, { documentNumber: '0102' }))).toEqual([]);
      }
      const [entry] = (await store.searchArchive(query(PROVINCE, { documentNumber: '000777' }), COUNT_LIMIT)).entries;
      expect(entry).toMatchObject({ documentNumber: 'MA-2026-000777', issuedAt: '2026-12-02T09:00:00.000Z' });
      // A part is matched from its start: 12 finds 123 and 12, not 5123.
      await openCase(store, 'short', '12', ['孙八', '周九']);
      await openCase(store, 'inside', '第5123号', ['孙八', '周九']);
      expect(await ids(store, query(PROVINCE, { caseNumber: '12' }))).toEqual(['numbered', 'short']);
    });

    it('gives every matching entry exactly once across pages, as a brute-force search does, and nothing outside the scope', async () => {
      const store = storeOf();
      const archive = await generateArchive(store, { count: 240, seed: 11 });
      const random = new Prng(5);
      const scopes: ArchiveScope[] = [
        { kind: 'region', regionPath: archive.province.path },
        ...archive.cities.map((c) => ({ kind: 'region' as const, regionPath: c.path })),
        ...archive.committeeIds.map((committeeId) => ({ kind: 'committee' as const, committeeId })),
      ];
      const names = archive.cases.flatMap((c) => c.parties);
      let pagesWithEntries = 0;
      for (let round = 0; round < 40; round++) {
        const q = query(random.pick(scopes), { sort: random.pick(['newest', 'oldest', 'case-number'] as const), limit: 1 + random.int(20) });
        if (random.chance(0.4)) {
          const name = [...random.pick(names)];
          const start = random.int(name.length - 1);
          q.party = name.slice(start, start + 2 + random.int(name.length - start - 1)).join('');
        }
        if (random.chance(0.3)) q.category = random.pick(archive.cases).category;
        if (random.chance(0.2)) q.caseNumber = `00${random.int(3)}`;
        if (random.chance(0.3)) {
          q.from = '2025-03-01T00:00:00.000Z';
          q.to = '2025-11-01T00:00:00.000Z';
        }
        const expected = bruteForceSearch(archive.cases, { ...q, offset: 0, limit: 10_000 });
        const seen: string[] = [];
        for (let offset = 0; ; offset += q.limit) {
          const page = await store.searchArchive({ ...q, offset }, COUNT_LIMIT);
          expect(page.total, JSON.stringify(q)).toBe(expected.total);
          if (page.entries.length === 0) break;
          seen.push(...page.entries.map((e) => e.caseId));
          pagesWithEntries++;
        }
        expect(seen, JSON.stringify(q)).toEqual(expected.caseIds);
      }
      // The queries drawn find something often enough that pages are compared, not only emptiness.
      expect(pagesWithEntries).toBeGreaterThan(100);
    });

    it('counts up to the limit it is given and says when more match', async () => {
      const store = storeOf();
      const archive = await generateArchive(store, { count: 30, seed: 3 });
      const page = await store.searchArchive(query({ kind: 'region', regionPath: archive.province.path }, { limit: 5 }), 12);
      expect(page).toMatchObject({ total: 12, totalCapped: true });
      expect(page.entries).toHaveLength(5);
    });

    it('lists who downloaded or verified agreements of the scope, newest first, a page at a time', async () => {
      const store = storeOf();
      const archive = await generateArchive(store, { count: 40, seed: 9 });
      const issued = archive.cases.filter((c) => c.documentNumber !== null);
      const actor = { participantId: 'staff-1', name: '档案员', role: 'account' as const, ip: '10.0.0.1', device: 'd' };
      for (const [index, c] of issued.entries()) {
        const entry: AuditEntryInput =
          index % 2 === 0
            ? { caseId: c.caseId, at: AT, actor, type: 'agreement.downloaded', data: { documentNumber: c.documentNumber! } }
            : { caseId: c.caseId, at: AT, actor, type: 'agreement.verified', data: { documentNumber: c.documentNumber!, method: 'archive', verdict: 'authentic' } };
        await store.appendAudit(entry);
      }
      const city = archive.cities[0]!;
      const all = await store.listArchiveAccess({ scope: { kind: 'region', regionPath: archive.province.path }, limit: 1000 });
      expect(all.map((a) => a.caseId)).toEqual(issued.map((c) => c.caseId).reverse());
      expect(all.at(-1)).toMatchObject({ type: 'agreement.downloaded', actorName: '档案员', actorRole: 'account', ip: '10.0.0.1', documentNumber: issued[0]!.documentNumber });
      expect(all.at(-2)).toMatchObject({ type: 'agreement.verified', method: 'archive', verdict: 'authentic', caseNumber: issued[1]!.caseNumber });
      const inCity = await store.listArchiveAccess({ scope: { kind: 'region', regionPath: city.path }, limit: 1000 });
      expect(inCity.map((a) => a.caseId)).toEqual(issued.filter((c) => c.regionPath.startsWith(city.path)).map((c) => c.caseId).reverse());
      const committeeId = archive.committeeIds[1]!;
      const ofCommittee = await store.listArchiveAccess({ scope: { kind: 'committee', committeeId }, limit: 1000 });
      expect(ofCommittee.map((a) => a.caseId)).toEqual(issued.filter((c) => c.committeeId === committeeId).map((c) => c.caseId).reverse());
      const firstPage = await store.listArchiveAccess({ scope: { kind: 'region', regionPath: archive.province.path }, limit: 3 });
      const nextPage = await store.listArchiveAccess({ scope: { kind: 'region', regionPath: archive.province.path }, beforeAccessId: firstPage.at(-1)!.accessId, limit: 3 });
      expect([...firstPage, ...nextPage]).toEqual(all.slice(0, 6));
      const verified = await store.listArchiveAccess({ scope: { kind: 'region', regionPath: archive.province.path }, type: 'agreement.verified', caseId: issued[1]!.caseId, limit: 10 });
      expect(verified.map((a) => a.sequence)).toEqual([(await store.listAudit(issued[1]!.caseId)).at(-1)!.sequence]);
    });
  });
}

import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CaseOutcome, DisputeCategory } from '@mediation/shared';
import { SERVICE_ACTOR } from '../../server/src/audit/audit-entry.js';
import { caseCreatedEntry } from '../../server/src/cases/case-created-entry.js';
import type { CommitteeRecord, ParticipantRecord, RegionRecord } from '../../server/src/store/records.js';
import type { MonthRange, PlaceTallies, StatisticsScope } from '../../server/src/store/statistics-store.js';
import type { Store } from '../../server/src/store/store.js';
import { TEST_SETUP_AUDIT } from '../support/add-committee.js';
import { issueStandIn } from '../support/archive-fixture.js';

/*
 * A province P with cities A and B, and county A1 in A; committee cA1 sits at A1, cA at city A
 * itself, cB at city B. Months are those of China Standard Time (UTC+8): 2024-12-31T16:00Z is
 * already 1 January 2025 there. Every case is written through the store as the service writes
 * it (a settled case by its issued agreement), and every figure expected below is counted by
 * hand from this table.
 *
 *  case  committee  category       created (UTC)             month  then                                    closed  days
 *  s1    cA1        neighbourhood  2025-01-10T02:00Z          Jan    session 01-12, issued 01-20T02:00Z       Jan     10
 *  s2    cA1        family         2025-01-15T00:00Z          Jan    scheduled, not settled 02-10             Feb
 *  s3    cA1        medical        2024-12-31T16:00Z          Jan    issued 2025-01-06T04:00Z                 Jan     5 (5.5)
 *  s4    cA1        other          2024-12-31T15:59:59.999Z   Dec    issued 2025-01-03T15:59:59.999Z          Jan     3
 *  s5    cA1        labour         2025-03-05T00:00Z          Mar    withdrawn 03-06                          Mar
 *  s6    cA1        family         2025-03-31T16:00Z          Apr    scheduled
 *  s7    cA         road-traffic   2025-02-10T00:00Z          Feb    session 02-15, issued 03-02              Mar     20
 *  s8    cA         road-traffic   2025-02-11T00:00Z          Feb    session 2025-03-31T16:00Z (Apr): in session
 *  s9    cB         tourism        2025-01-20T00:00Z          Jan    issued 04-02                             Apr     72
 *  s10   cB         consumer       2025-02-20T00:00Z          Feb    not settled 03-01                        Mar
 */

const AT = '2024-01-01T00:00:00.000Z';
const region = (id: string, parent: RegionRecord | null, level: RegionRecord['level']): RegionRecord => ({
  id,
  parentId: parent?.id ?? null,
  level,
  name: `Region ${id}`,
  code: '',
  path: `${parent?.path ?? '/'}${id}/`,
  createdAt: AT,
});
const P = region('stat-P', null, 'province');
const A = region('stat-A', P, 'city');
const B = region('stat-B', P, 'city');
const A1 = region('stat-A1', A, 'county');
const committee = (id: string, at: RegionRecord): CommitteeRecord => ({ id, name: `Committee ${id}`, kind: 'neighbourhood', regionId: at.id, regionPath: at.path, createdAt: AT });
const CA1 = committee('stat-cA1', A1);
const CA = committee('stat-cA', A);
const CB = committee('stat-cB', B);

/** The store contract's mediator account (store-contract.ts), as the creator of every case. */
const CREATED_BY = 'account-1';
const FIRST_QUARTER: MonthRange = { from: '2025-01', to: '2025-04' };
const regionScope = (at: RegionRecord): StatisticsScope => ({ kind: 'region', regionPath: at.path });
const committeeScope = (at: CommitteeRecord): StatisticsScope => ({ kind: 'committee', committeeId: at.id });
const place = (id: string, name: string, cases: number, settled: number, notSettled: number, agreementsIssued: number, sessionsHeld: number): PlaceTallies => ({
  id, name, cases, settled, notSettled, agreementsIssued, sessionsHeld,
});

async function openCase(store: Store, caseId: string, at: CommitteeRecord, category: DisputeCategory, createdAt: string): Promise<void> {
  const record = { id: caseId, committeeId: at.id, caseNumber: caseId, title: 't', category, waitingRoom: false, createdBy: CREATED_BY, createdAt };
  const people: ParticipantRecord[] = [
    { id: randomUUID(), sessionId: `${caseId}-session`, caseId, displayName: '王芳', role: 'applicant', accountId: null, revokedAt: null, createdAt },
  ];
  await store.createCase(record, { id: `${caseId}-session`, caseId, createdAt }, people, caseCreatedEntry(record, people, SERVICE_ACTOR));
}

const schedule = (store: Store, caseId: string, at: string) => store.applyDeskAction(caseId, { kind: 'schedule', at, actor: SERVICE_ACTOR, scheduledAt: at });
const close = (store: Store, caseId: string, outcome: CaseOutcome, at: string) =>
  store.applyDeskAction(caseId, { kind: 'record-outcome', at, actor: SERVICE_ACTOR, outcome, note: '' });
const holdSession = (store: Store, caseId: string, startedAt: string) => store.startRoomSession({ id: `${caseId}-${startedAt}`, caseId, startedAt });
const issue = (store: Store, caseId: string, at: string) => issueStandIn(store, caseId, `MA-${caseId}`, at);

/** The statistics' guarantees (statistics-store.ts), run inside the store contract on its fixture's store. */
export function describeStatisticsContract(storeOf: () => Store): void {
  describe('the statistics', () => {
    beforeEach(async () => {
      const store = storeOf();
      for (const r of [P, A, B, A1]) await store.createRegion(r, { ...TEST_SETUP_AUDIT, regionPath: r.path });
      for (const c of [CA1, CA, CB]) await store.createCommittee(c, { ...TEST_SETUP_AUDIT, regionPath: c.regionPath });
      await openCase(store, 's1', CA1, 'neighbourhood', '2025-01-10T02:00:00.000Z');
      await holdSession(store, 's1', '2025-01-12T00:00:00.000Z');
      await issue(store, 's1', '2025-01-20T02:00:00.000Z');
      await openCase(store, 's2', CA1, 'family', '2025-01-15T00:00:00.000Z');
      await schedule(store, 's2', '2025-01-16T00:00:00.000Z');
      await close(store, 's2', 'not-settled', '2025-02-10T00:00:00.000Z');
      await openCase(store, 's3', CA1, 'medical', '2024-12-31T16:00:00.000Z');
      await issue(store, 's3', '2025-01-06T04:00:00.000Z');
      await openCase(store, 's4', CA1, 'other', '2024-12-31T15:59:59.999Z');
      await issue(store, 's4', '2025-01-03T15:59:59.999Z');
      await openCase(store, 's5', CA1, 'labour', '2025-03-05T00:00:00.000Z');
      await close(store, 's5', 'withdrawn', '2025-03-06T00:00:00.000Z');
      await openCase(store, 's6', CA1, 'family', '2025-03-31T16:00:00.000Z');
      await schedule(store, 's6', '2025-04-02T00:00:00.000Z');
      await openCase(store, 's7', CA, 'road-traffic', '2025-02-10T00:00:00.000Z');
      await holdSession(store, 's7', '2025-02-15T00:00:00.000Z');
      await issue(store, 's7', '2025-03-02T00:00:00.000Z');
      await openCase(store, 's8', CA, 'road-traffic', '2025-02-11T00:00:00.000Z');
      await holdSession(store, 's8', '2025-03-31T16:00:00.000Z');
      await openCase(store, 's9', CB, 'tourism', '2025-01-20T00:00:00.000Z');
      await issue(store, 's9', '2025-04-02T00:00:00.000Z');
      await openCase(store, 's10', CB, 'consumer', '2025-02-20T00:00:00.000Z');
      await close(store, 's10', 'not-settled', '2025-03-01T00:00:00.000Z');
    });

    it('counts every case, outcome, agreement and session below a province, each in the month of its own date', async () => {
      expect(await storeOf().readStatisticsTallies(regionScope(P), FIRST_QUARTER)).toEqual({
        createdByCategory: { neighbourhood: 1, family: 1, medical: 1, labour: 1, 'road-traffic': 2, tourism: 1, consumer: 1 },
        createdByMonth: { '2025-01': 4, '2025-02': 3, '2025-03': 1 },
        // Each case by its status now, whatever it went through (s2 was scheduled first).
        createdByStatus: { settled: 4, 'not-settled': 2, withdrawn: 1, 'in-session': 1 },
        closedByOutcome: { settled: 4, 'not-settled': 2, withdrawn: 1 },
        settledByDays: [
          { days: 3, cases: 1 },
          { days: 5, cases: 1 },
          { days: 10, cases: 1 },
          { days: 20, cases: 1 },
        ],
        agreementsIssued: 4,
        sessionsHeld: 2,
        childRegions: [place('stat-A', 'Region stat-A', 6, 4, 1, 4, 2), place('stat-B', 'Region stat-B', 2, 0, 1, 0, 0)],
        committeesAtRegion: [],
      });
    });

    it('breaks a city down into its county and the committees at the city itself', async () => {
      const tallies = await storeOf().readStatisticsTallies(regionScope(A), FIRST_QUARTER);
      expect(tallies.createdByMonth).toEqual({ '2025-01': 3, '2025-02': 2, '2025-03': 1 });
      expect(tallies.childRegions).toEqual([place('stat-A1', 'Region stat-A1', 4, 3, 1, 3, 1)]);
      expect(tallies.committeesAtRegion).toEqual([place('stat-cA', 'Committee stat-cA', 2, 1, 0, 1, 1)]);
    });

    it('counts a committee’s own cases only, with no breakdown', async () => {
      expect(await storeOf().readStatisticsTallies(committeeScope(CA1), FIRST_QUARTER)).toEqual({
        createdByCategory: { neighbourhood: 1, family: 1, medical: 1, labour: 1 },
        createdByMonth: { '2025-01': 3, '2025-03': 1 },
        createdByStatus: { settled: 2, 'not-settled': 1, withdrawn: 1 },
        closedByOutcome: { settled: 3, 'not-settled': 1, withdrawn: 1 },
        settledByDays: [
          { days: 3, cases: 1 },
          { days: 5, cases: 1 },
          { days: 10, cases: 1 },
        ],
        agreementsIssued: 3,
        sessionsHeld: 1,
        childRegions: [],
        committeesAtRegion: [],
      });
    });

    it('starts a month at midnight China Standard Time, the first month included and the last excluded', async () => {
      const store = storeOf();
      const december = await store.readStatisticsTallies(committeeScope(CA1), { from: '2024-12', to: '2025-01' });
      expect([december.createdByCategory, december.closedByOutcome, december.agreementsIssued]).toEqual([{ other: 1 }, {}, 0]);
      const april = await store.readStatisticsTallies(regionScope(P), { from: '2025-04', to: '2025-05' });
      expect(april).toMatchObject({
        createdByCategory: { family: 1 },
        createdByStatus: { scheduled: 1 },
        closedByOutcome: { settled: 1 },
        settledByDays: [{ days: 72, cases: 1 }],
        agreementsIssued: 1,
        sessionsHeld: 1,
      });
    });

    it('counts every case of writers that create, schedule and close cases at once', async () => {
      const store = storeOf();
      const caseIds = Array.from({ length: 24 }, (_, index) => `many-${index}`);
      await Promise.all(caseIds.map((caseId) => openCase(store, caseId, CB, 'labour', '2025-05-10T00:00:00.000Z')));
      await Promise.all(caseIds.map((caseId, index) => (index % 2 === 0 ? schedule(store, caseId, '2025-05-11T00:00:00.000Z') : close(store, caseId, 'withdrawn', '2025-05-12T00:00:00.000Z'))));
      for (const scope of [regionScope(P), regionScope(B), committeeScope(CB)]) {
        const may = await store.readStatisticsTallies(scope, { from: '2025-05', to: '2025-06' });
        expect(may).toMatchObject({ createdByCategory: { labour: 24 }, createdByStatus: { scheduled: 12, withdrawn: 12 }, closedByOutcome: { withdrawn: 12 } });
      }
    });
  });
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reach } from '../../server/src/policy/policy.js';
import { readStatistics } from '../../server/src/statistics/read-statistics.js';
import Database from 'better-sqlite3';
import { migrations } from '../../server/src/store/sqlite/migrations.js';
import { COUNT_EVERYTHING, STATISTICS_MIGRATION } from '../../server/src/store/sqlite/statistics-migration.js';
import { DATABASE_FILE, openSqliteStore } from '../../server/src/store/sqlite/sqlite-store.js';
import type { CommitteeRecord, RegionRecord } from '../../server/src/store/records.js';
import type { Store } from '../../server/src/store/store.js';
import { TEST_SETUP_AUDIT } from '../support/add-committee.js';
import { StatisticsFixture, type FixtureCase } from '../support/statistics-fixture.js';
import { registerArchiveFunctions } from '../../server/src/store/sqlite/sqlite-archive.js';

/*
 * A province P with cities A and B, and county A1 in A. Committee A1 sits at A1, committee A
 * at city A itself, committee B at city B. Months are those of China Standard Time (UTC+8):
 * 2024-12-31T16:00Z is already 1 January 2025 there. Every expected figure below is counted by
 * hand from this table, not by the code under test.
 *
 *  case  committee  category       created (UTC)              status        closed (UTC)              days
 *  k1    A1         neighbourhood  2025-01-10T02:00Z  Jan     settled       2025-01-20T02:00Z  Jan    10
 *  k2    A1         family         2025-01-15T00:00Z  Jan     settled       2025-02-18T00:00Z  Feb    34
 *  k3    A1         neighbourhood  2025-02-01T00:00Z  Feb     not-settled   2025-02-10T00:00Z  Feb   (via scheduled)
 *  k4    A1         labour         2025-03-05T00:00Z  Mar     withdrawn     2025-03-06T00:00Z  Mar
 *  k5    A1         neighbourhood  2025-03-31T15:59:59.999Z Mar  intake
 *  k6    A1         family         2025-03-31T16:00Z  Apr     scheduled
 *  k7    A1         medical        2024-12-31T16:00Z  Jan     settled       2025-01-06T04:00Z  Jan     5 (5.5)
 *  k8    A1         other          2024-12-31T15:59:59.999Z Dec  settled    2025-01-03T15:59:59.999Z Jan  3
 *  k9    A          road-traffic   2025-02-10T00:00Z  Feb     settled       2025-03-02T00:00Z  Mar    20
 *  k10   A          road-traffic   2025-02-11T00:00Z  Feb     in-session
 *  k11   B          tourism        2025-01-20T00:00Z  Jan     settled       2025-04-02T00:00Z  Apr
 *  k12   B          consumer       2025-02-20T00:00Z  Feb     not-settled   2025-03-01T00:00Z  Mar
 *
 * Agreements issued: k1 2025-01-20T02:00Z, k7 2025-01-06T04:00Z, k8 2025-01-03T15:59:59.999Z,
 * k9 2025-03-02T00:00Z (all in Jan–Mar); k11 2025-04-02T00:00Z (April).
 * Room sessions: k1 2025-01-12 and 2025-01-14, k9 2025-02-15 (in); k11 2024-12-20 (December),
 * k12 2025-03-31T16:00Z (April there).
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
const P = region('P', null, 'province');
const A = region('A', P, 'city');
const B = region('B', P, 'city');
const A1 = region('A1', A, 'county');
const committee = (id: string, at: RegionRecord): CommitteeRecord => ({
  id,
  name: `Committee ${id}`,
  kind: 'neighbourhood',
  regionId: at.id,
  regionPath: at.path,
  createdAt: AT,
});
const CA1 = committee('cA1', A1);
const CA = committee('cA', A);
const CB = committee('cB', B);

const CASES: FixtureCase[] = [
  { id: 'k1', committeeId: 'cA1', category: 'neighbourhood', createdAt: '2025-01-10T02:00:00.000Z', status: 'settled', closedAt: '2025-01-20T02:00:00.000Z' },
  { id: 'k2', committeeId: 'cA1', category: 'family', createdAt: '2025-01-15T00:00:00.000Z', status: 'settled', closedAt: '2025-02-18T00:00:00.000Z' },
  { id: 'k3', committeeId: 'cA1', category: 'neighbourhood', createdAt: '2025-02-01T00:00:00.000Z' },
  { id: 'k4', committeeId: 'cA1', category: 'labour', createdAt: '2025-03-05T00:00:00.000Z', status: 'withdrawn', closedAt: '2025-03-06T00:00:00.000Z' },
  { id: 'k5', committeeId: 'cA1', category: 'neighbourhood', createdAt: '2025-03-31T15:59:59.999Z' },
  { id: 'k6', committeeId: 'cA1', category: 'family', createdAt: '2025-03-31T16:00:00.000Z', status: 'scheduled' },
  { id: 'k7', committeeId: 'cA1', category: 'medical', createdAt: '2024-12-31T16:00:00.000Z', status: 'settled', closedAt: '2025-01-06T04:00:00.000Z' },
  { id: 'k8', committeeId: 'cA1', category: 'other', createdAt: '2024-12-31T15:59:59.999Z', status: 'settled', closedAt: '2025-01-03T15:59:59.999Z' },
  { id: 'k9', committeeId: 'cA', category: 'road-traffic', createdAt: '2025-02-10T00:00:00.000Z', status: 'settled', closedAt: '2025-03-02T00:00:00.000Z' },
  { id: 'k10', committeeId: 'cA', category: 'road-traffic', createdAt: '2025-02-11T00:00:00.000Z', status: 'in-session' },
  { id: 'k11', committeeId: 'cB', category: 'tourism', createdAt: '2025-01-20T00:00:00.000Z', status: 'settled', closedAt: '2025-04-02T00:00:00.000Z' },
  { id: 'k12', committeeId: 'cB', category: 'consumer', createdAt: '2025-02-20T00:00:00.000Z', status: 'not-settled', closedAt: '2025-03-01T00:00:00.000Z' },
];

const FIRST_QUARTER = { from: '2025-01', to: '2025-04' };
const regionReach = (at: RegionRecord): Reach => ({ kind: 'region', regionPath: at.path });
const committeeReach = (at: CommitteeRecord): Reach => ({ kind: 'committee', committeeId: at.id, regionPath: at.regionPath });
const place = (id: string, name: string, cases: number, settled: number, notSettled: number, settlementRate: number | null, agreementsIssued: number, sessionsHeld: number) => ({
  id, name, cases, settled, notSettled, settlementRate, agreementsIssued, sessionsHeld,
});

let dataDir: string;
let store: Store;
let fixture: StatisticsFixture;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediation-statistics-'));
  store = openSqliteStore(dataDir);
  for (const r of [P, A, B, A1]) await store.createRegion(r, TEST_SETUP_AUDIT);
  for (const c of [CA1, CA, CB]) await store.createCommittee(c, TEST_SETUP_AUDIT);
  await store.createAccount(
    { id: 'm1', role: 'mediator', committeeId: 'cA1', regionId: null, email: 'm@example.com', displayName: 'M', passwordHash: 'x', createdAt: AT, disabledAt: null },
    TEST_SETUP_AUDIT,
  );
  fixture = new StatisticsFixture(dataDir);
  for (const c of CASES) fixture.addCase(c, 'm1');
  // k3 goes through the desk's steps: scheduled, then closed without settlement.
  fixture.setStatus('k3', 'scheduled');
  fixture.setStatus('k3', 'not-settled', '2025-02-10T00:00:00.000Z');
  fixture.issueAgreement('k1', '2025-01-20T02:00:00.000Z');
  fixture.issueAgreement('k7', '2025-01-06T04:00:00.000Z');
  fixture.issueAgreement('k8', '2025-01-03T15:59:59.999Z');
  fixture.issueAgreement('k9', '2025-03-02T00:00:00.000Z');
  fixture.issueAgreement('k11', '2025-04-02T00:00:00.000Z');
  fixture.holdSession('k1', '2025-01-12T00:00:00.000Z');
  fixture.holdSession('k1', '2025-01-14T00:00:00.000Z');
  fixture.holdSession('k9', '2025-02-15T00:00:00.000Z');
  fixture.holdSession('k11', '2024-12-20T00:00:00.000Z');
  fixture.holdSession('k12', '2025-03-31T16:00:00.000Z');
});

afterAll(async () => {
  fixture.close();
  await store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('statistics of a range of months', () => {
  it('a province counts every case, outcome, agreement and session below it, each by its own date', async () => {
    const summary = await readStatistics(store, regionReach(P), FIRST_QUARTER);
    expect(summary.place).toEqual({ kind: 'region', id: 'P', name: 'Region P' });
    expect(summary.cases).toBe(10);
    expect(summary.byCategory).toEqual([
      { category: 'neighbourhood', cases: 3 },
      { category: 'family', cases: 1 },
      { category: 'property-management', cases: 0 },
      { category: 'road-traffic', cases: 2 },
      { category: 'medical', cases: 1 },
      { category: 'labour', cases: 1 },
      { category: 'tourism', cases: 1 },
      { category: 'consumer', cases: 1 },
      { category: 'other', cases: 0 },
    ]);
    expect(summary.byMonth).toEqual([
      { month: '2025-01', cases: 4 },
      { month: '2025-02', cases: 4 },
      { month: '2025-03', cases: 2 },
    ]);
    expect(summary.byStatus).toEqual([
      { status: 'intake', cases: 1 },
      { status: 'scheduled', cases: 0 },
      { status: 'in-session', cases: 1 },
      { status: 'settled', cases: 5 },
      { status: 'not-settled', cases: 2 },
      { status: 'withdrawn', cases: 1 },
    ]);
    expect([summary.settled, summary.notSettled, summary.withdrawn]).toEqual([5, 2, 1]);
    expect(summary.settlementRate).toBeCloseTo(5 / 7, 12);
    // Settled in the quarter: k8 3 days, k7 5, k1 10, k9 20, k2 34.
    expect(summary.medianDaysToSettlement).toBe(10);
    expect(summary.agreementsIssued).toBe(4);
    expect(summary.sessionsHeld).toBe(3);
  });

  it('a province is broken down into its child regions, each with all below it', async () => {
    const summary = await readStatistics(store, regionReach(P), FIRST_QUARTER);
    expect(summary.byRegion).toEqual([place('A', 'Region A', 8, 5, 1, 5 / 6, 4, 3), place('B', 'Region B', 2, 0, 1, 0, 0, 0)]);
    expect(summary.byCommittee).toEqual([]);
  });

  it('a city is broken down into its county and the committee at the city itself', async () => {
    const summary = await readStatistics(store, regionReach(A), FIRST_QUARTER);
    expect(summary.cases).toBe(8);
    expect(summary.byRegion).toEqual([place('A1', 'Region A1', 6, 4, 1, 0.8, 3, 2)]);
    expect(summary.byCommittee).toEqual([place('cA', 'Committee cA', 2, 1, 0, 1, 1, 1)]);
    expect(summary.committeesNotListed).toBe(0);
  });

  it('a region counts its own subtree only', async () => {
    const summary = await readStatistics(store, regionReach(B), FIRST_QUARTER);
    expect(summary.cases).toBe(2);
    expect(summary.byCategory.filter((c) => c.cases > 0)).toEqual([
      { category: 'tourism', cases: 1 },
      { category: 'consumer', cases: 1 },
    ]);
    expect([summary.settled, summary.notSettled, summary.agreementsIssued, summary.sessionsHeld]).toEqual([0, 1, 0, 0]);
    expect(summary.settlementRate).toBe(0);
    expect(summary.byRegion).toEqual([]);
    expect(summary.byCommittee).toEqual([place('cB', 'Committee cB', 2, 0, 1, 0, 0, 0)]);
  });

  it('a committee counts its own cases only, and the median of an even number is the mean of the middle two', async () => {
    const summary = await readStatistics(store, committeeReach(CA1), FIRST_QUARTER);
    expect(summary.place).toEqual({ kind: 'committee', id: 'cA1', name: 'Committee cA1' });
    expect(summary.cases).toBe(6);
    expect(summary.byMonth.map((m) => m.cases)).toEqual([3, 1, 2]);
    expect([summary.settled, summary.notSettled, summary.withdrawn]).toEqual([4, 1, 1]);
    expect(summary.settlementRate).toBe(0.8);
    // k8 3, k7 5, k1 10, k2 34: (5 + 10) / 2.
    expect(summary.medianDaysToSettlement).toBe(7.5);
    expect(summary.agreementsIssued).toBe(3);
    expect(summary.sessionsHeld).toBe(2);
    expect(summary.byRegion).toEqual([]);
    expect(summary.byCommittee).toEqual([]);
  });

  it('with nothing closed there is no settlement rate and no median', async () => {
    const summary = await readStatistics(store, committeeReach(CB), { from: '2025-01', to: '2025-02' });
    expect(summary.cases).toBe(1);
    expect([summary.settled, summary.notSettled, summary.withdrawn]).toEqual([0, 0, 0]);
    expect(summary.settlementRate).toBeNull();
    expect(summary.medianDaysToSettlement).toBeNull();
  });

  it('a month starts at midnight China Standard Time, the first month included and the last excluded', async () => {
    const december = await readStatistics(store, committeeReach(CA1), { from: '2024-12', to: '2025-01' });
    expect(december.byCategory.filter((c) => c.cases > 0)).toEqual([{ category: 'other', cases: 1 }]);
    expect([december.settled, december.agreementsIssued, december.sessionsHeld]).toEqual([0, 0, 0]);
    const april = await readStatistics(store, committeeReach(CA1), { from: '2025-04', to: '2025-05' });
    expect(april.byStatus.filter((s) => s.cases > 0)).toEqual([{ status: 'scheduled', cases: 1 }]);
    const aprilProvince = await readStatistics(store, regionReach(P), { from: '2025-04', to: '2025-05' });
    expect([aprilProvince.cases, aprilProvince.settled, aprilProvince.agreementsIssued, aprilProvince.sessionsHeld]).toEqual([1, 1, 1, 1]);
    expect(aprilProvince.medianDaysToSettlement).toBe(72);
  });

  it('a case counted once moves with its status, as a count from scratch would have it', async () => {
    const before = fixture.counts();
    fixture.recount(COUNT_EVERYTHING);
    expect(fixture.counts()).toEqual(before);
  });
});

describe('upgrading a store to statistics', () => {
  it('counts the cases and sessions already there, in every region above them', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediation-statistics-upgrade-'));
    try {
      const before = migrations.indexOf(STATISTICS_MIGRATION);
      const db = new Database(path.join(dir, DATABASE_FILE));
      registerArchiveFunctions(db);
      for (const migration of migrations.slice(0, before)) db.exec(migration);
      db.pragma(`user_version = ${before}`);
      db.exec(`
        INSERT INTO regions (id, parent_id, level, name, path, created_at) VALUES ('P', NULL, 'province', 'P', '/P/', 'x'), ('A', 'P', 'city', 'A', '/P/A/', 'x');
        INSERT INTO committees (id, name, created_at, region_id, region_path) VALUES ('c', 'C', 'x', 'A', '/P/A/');
        INSERT INTO accounts (id, role, committee_id, email, display_name, password_hash, created_at) VALUES ('m', 'mediator', 'c', 'm@x', 'M', 'x', 'x');
        INSERT INTO cases (id, committee_id, case_number, title, category, created_by, created_at, region_path, status, closed_at)
          VALUES ('k1', 'c', '1', 't', 'labour', 'm', '2025-05-01T00:00:00.000Z', '/P/A/', 'settled', '2025-05-05T00:00:00.000Z'),
                 ('k2', 'c', '2', 't', 'labour', 'm', '2025-05-02T00:00:00.000Z', '/P/A/', 'intake', NULL);
        INSERT INTO room_sessions (id, case_id, started_at) VALUES ('s1', 'k1', '2025-05-03T00:00:00.000Z');
      `);
      db.close();
      const upgraded = openSqliteStore(dir);
      const summary = await readStatistics(upgraded, { kind: 'region', regionPath: '/P/' }, { from: '2025-05', to: '2025-06' });
      expect([summary.cases, summary.settled, summary.sessionsHeld, summary.medianDaysToSettlement]).toEqual([2, 1, 1, 4]);
      expect(summary.byRegion.map((r) => [r.id, r.cases])).toEqual([['A', 2]]);
      await upgraded.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

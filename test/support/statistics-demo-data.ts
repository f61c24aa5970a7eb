import { DISPUTE_CATEGORIES, type CaseStatus } from '@mediation/shared';
import type { RegionRecord } from '../../server/src/store/records.js';
import type { TestService } from './start-test-service.js';
import { TEST_MEDIATOR } from './start-test-service.js';
import { StatisticsFixture } from './statistics-fixture.js';

const DAY_MS = 86_400_000;
const STATUSES: CaseStatus[] = ['settled', 'settled', 'settled', 'not-settled', 'withdrawn', 'intake', 'scheduled', 'in-session'];

/**
 * A year of cases in the demo province, for pages that show statistics: the demo committee's,
 * another committee in its county, and a committee in each of two more cities. The same
 * cases every time, spread over the twelve months before `now`.
 */
export async function addStatisticsDemoData(service: TestService, casesPerCommittee = 40, now = Date.now()): Promise<void> {
  const store = service.store;
  const mediator = (await store.findAccountByEmail(TEST_MEDIATOR.email))!;
  const demo = (await store.findCommittee(mediator.committeeId!))!;
  const audit = { at: new Date(now).toISOString(), type: 'test.setup', actorId: 't', actorName: 't', ip: '', device: '', regionPath: '/region-root/', committeeId: null, data: {} };
  const region = async (id: string, name: string, level: RegionRecord['level'], parent: RegionRecord): Promise<RegionRecord> => {
    const record: RegionRecord = { id, parentId: parent.id, level, name, code: '', path: `${parent.path}${id}/`, createdAt: audit.at };
    await store.createRegion(record, audit);
    return record;
  };
  const province = (await store.findRegion('region-root'))!;
  const committee = async (id: string, name: string, at: RegionRecord) => {
    await store.createCommittee({ id, name, kind: 'village', regionId: at.id, regionPath: at.path, createdAt: audit.at }, audit);
    return id;
  };
  const county = (await store.findRegion(demo.regionId))!;
  const north = await region('north-city', '北城市 North City', 'city', province);
  const south = await region('south-city', '南湖市 South Lake City', 'city', province);
  const committees = [
    demo.id,
    await committee('riverside', '河畔社区人民调解委员会', county),
    await committee('north-market', '北城市场调解委员会', await region('north-county', '北城区 North District', 'county', north)),
    await committee('south-hospital', '南湖医患纠纷人民调解委员会', south),
  ];
  const fixture = new StatisticsFixture(service.dataDir);
  try {
    let n = 0;
    for (const committeeId of committees) {
      for (let i = 0; i < casesPerCommittee; i++, n++) {
        const createdAt = now - ((n * 37) % 360) * DAY_MS - DAY_MS;
        const status = STATUSES[(n * 31) % STATUSES.length]!;
        const closed = status === 'settled' || status === 'not-settled' || status === 'withdrawn';
        const closedAt = closed ? new Date(Math.min(now - 1, createdAt + (3 + ((n * 13) % 40)) * DAY_MS)).toISOString() : null;
        const id = `demo-${n}`;
        fixture.addCase({ id, committeeId, category: DISPUTE_CATEGORIES[(n * 5 + i) % DISPUTE_CATEGORIES.length]!, createdAt: new Date(createdAt).toISOString(), status, closedAt }, mediator.id);
        if (status === 'settled') fixture.issueAgreement(id, closedAt!);
        if (status !== 'intake') fixture.holdSession(id, new Date(createdAt + DAY_MS).toISOString());
      }
    }
  } finally {
    fixture.close();
  }
}

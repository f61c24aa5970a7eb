import type { CommitteeRecord, RegionRecord } from '../../server/src/store/records.js';
import type { Store } from '../../server/src/store/store.js';

/** The province every committee made by tests sits in, unless a test gives another region. */
export const TEST_PROVINCE: RegionRecord = {
  id: 'test-province',
  parentId: null,
  level: 'province',
  name: '测试省 Test Province',
  code: '990000',
  path: '/test-province/',
  createdAt: '2026-01-01T00:00:00.000Z',
};

/** The account audit entry of setting up a test's organisation. */
export const TEST_SETUP_AUDIT = {
  at: '2026-01-01T00:00:00.000Z',
  type: 'test.setup',
  actorId: 'test',
  actorName: 'test',
  ip: '',
  device: '',
  regionPath: TEST_PROVINCE.path,
  committeeId: null,
  data: {},
};

/** Adds the test province once, as the region of the committees tests make. */
export async function ensureTestProvince(store: Store): Promise<RegionRecord> {
  if (!(await store.findRegion(TEST_PROVINCE.id))) await store.createRegion(TEST_PROVINCE, TEST_SETUP_AUDIT);
  return TEST_PROVINCE;
}

/** A committee record in the test province. */
export function testCommittee(id: string, name: string, createdAt: string, region: RegionRecord = TEST_PROVINCE): CommitteeRecord {
  return { id, name, kind: 'neighbourhood', regionId: region.id, regionPath: region.path, createdAt };
}

/** A committee of the test province and its mediator, made together. */
export async function addCommitteeWithMediator(
  store: Store,
  committee: { id: string; name: string; createdAt: string },
  mediator: { id: string; email: string; displayName: string; passwordHash: string },
): Promise<void> {
  await ensureTestProvince(store);
  await store.createCommitteeWithAccount(testCommittee(committee.id, committee.name, committee.createdAt), {
    ...mediator,
    role: 'mediator',
    committeeId: committee.id,
    regionId: null,
    createdAt: committee.createdAt,
    disabledAt: null,
  });
}

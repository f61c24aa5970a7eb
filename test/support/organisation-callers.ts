import { randomUUID } from 'node:crypto';
import { AccountRole, RegionLevel, Role, type CreatedCase } from '@mediation/shared';
import { startAccountSession } from '../../server/src/auth/start-account-session.js';
import { hashApiKey, newApiKeySecret, API_KEY_SHOWN_CHARACTERS } from '../../server/src/organisation/api-key-secret.js';
import type { AccountRecord, CommitteeRecord, RegionRecord } from '../../server/src/store/records.js';
import { createTestCase, linkOf, tokenOf } from './create-test-case.js';
import { TEST_MEDIATOR, type TestService } from './start-test-service.js';

/**
 * Everyone who may call the service, placed around committee A (the test service's demo
 * committee, in county A): its own people, the province's administrator above it, and
 * people of committee B in county B beside it, who must never reach anything of A.
 */
export const CALLERS = [
  'anonymous',
  'participantA',
  'mediatorA',
  'staffA',
  'adminProvince',
  'adminCountyA',
  'keyCountyA',
  'mediatorB',
  'staffB',
  'adminCountyB',
  'keyCountyB',
] as const;
export type Caller = (typeof CALLERS)[number];

export interface OrganisationFixture {
  /** The Authorization header value of each caller, none for the anonymous one. */
  bearer: Record<Caller, string | undefined>;
  committeeA: CommitteeRecord;
  committeeB: CommitteeRecord;
  countyA: RegionRecord;
  countyB: RegionRecord;
  /** A case of committee A, its mediator the test mediator, with an applicant and a respondent. */
  caseA: CreatedCase;
  accounts: Record<'mediatorA' | 'staffA' | 'adminProvince' | 'adminCountyA' | 'mediatorB' | 'staffB' | 'adminCountyB', AccountRecord>;
  apiKeys: Record<'keyCountyA' | 'keyCountyB', { id: string; secret: string }>;
}

const SETUP = { at: new Date(0).toISOString(), actorId: 'test', actorName: 'test', ip: '', device: '', committeeId: null, data: {} };

/** Builds the callers in the test service's store (straight, not through the routes under test). */
export async function organisationFixture(service: TestService): Promise<OrganisationFixture> {
  const store = service.store;
  const mediatorA = (await store.findAccountByEmail(TEST_MEDIATOR.email))!;
  const committeeA = (await store.findCommittee(mediatorA.committeeId!))!;
  const countyA = (await store.findRegion(committeeA.regionId))!;
  const city = (await store.findRegion(countyA.parentId!))!;
  const domain = TEST_MEDIATOR.email.slice(TEST_MEDIATOR.email.indexOf('@') + 1);
  const staffA = (await store.findAccountByEmail(`staff@${domain}`))!;
  const adminProvince = (await store.findAccountByEmail(`admin@${domain}`))!;

  const countyBId = randomUUID();
  const countyB: RegionRecord = { id: countyBId, parentId: city.id, level: RegionLevel.county, name: '乙县 County B', code: '', path: `${city.path}${countyBId}/`, createdAt: SETUP.at };
  await store.createRegion(countyB, { ...SETUP, type: 'region.created', regionPath: countyB.path });
  const committeeB: CommitteeRecord = { id: randomUUID(), name: '乙调委会 Committee B', kind: 'village', regionId: countyB.id, regionPath: countyB.path, createdAt: SETUP.at };
  const account = async (role: AccountRole, place: { committee: CommitteeRecord } | { region: RegionRecord }, name: string): Promise<AccountRecord> => {
    const base = { id: randomUUID(), email: `${name.toLowerCase()}-${randomUUID().slice(0, 8)}@test.example`, displayName: name, passwordHash: 'not used', createdAt: SETUP.at, disabledAt: null };
    const record = ('committee' in place
      ? { ...base, role, committeeId: place.committee.id, regionId: null }
      : { ...base, role, committeeId: null, regionId: place.region.id }) as AccountRecord;
    const regionPath = 'committee' in place ? place.committee.regionPath : place.region.path;
    await store.createAccount(record, { ...SETUP, type: 'account.created', regionPath });
    return record;
  };
  const mediatorBRecord: AccountRecord = {
    id: randomUUID(),
    role: AccountRole.mediator,
    committeeId: committeeB.id,
    regionId: null,
    email: `mediator-b-${randomUUID().slice(0, 8)}@test.example`,
    displayName: 'Mediator B',
    passwordHash: 'not used',
    createdAt: SETUP.at,
    disabledAt: null,
  };
  await store.createCommitteeWithAccount(committeeB, mediatorBRecord);
  const accounts = {
    mediatorA,
    staffA,
    adminProvince,
    adminCountyA: await account(AccountRole.administrator, { region: countyA }, 'AdminA'),
    mediatorB: mediatorBRecord,
    staffB: await account(AccountRole.staff, { committee: committeeB }, 'StaffB'),
    adminCountyB: await account(AccountRole.administrator, { region: countyB }, 'AdminB'),
  };

  const apiKey = async (region: RegionRecord, name: string) => {
    const secret = newApiKeySecret();
    const id = randomUUID();
    await store.createApiKey(
      { id, name, regionId: region.id, regionPath: region.path, keyHash: hashApiKey(secret), keyPrefix: secret.slice(0, API_KEY_SHOWN_CHARACTERS), createdBy: adminProvince.id, createdAt: SETUP.at, revokedAt: null, lastUsedAt: null },
      { ...SETUP, type: 'api-key.created', regionPath: region.path },
    );
    return { id, secret };
  };
  const apiKeys = { keyCountyA: await apiKey(countyA, 'Platform A'), keyCountyB: await apiKey(countyB, 'Platform B') };

  const caseA = await createTestCase(service, [
    { displayName: '张伟', role: Role.applicant },
    { displayName: '欧阳娜娜', role: Role.respondent },
  ]);
  const session = (record: AccountRecord) => startAccountSession(store, service.secret, record.id);
  const bearer: Record<Caller, string | undefined> = {
    anonymous: undefined,
    participantA: `Bearer ${tokenOf(linkOf(caseA, Role.applicant).url)}`,
    mediatorA: `Bearer ${await session(accounts.mediatorA)}`,
    staffA: `Bearer ${await session(accounts.staffA)}`,
    adminProvince: `Bearer ${await session(accounts.adminProvince)}`,
    adminCountyA: `Bearer ${await session(accounts.adminCountyA)}`,
    keyCountyA: `Bearer ${apiKeys.keyCountyA.secret}`,
    mediatorB: `Bearer ${await session(accounts.mediatorB)}`,
    staffB: `Bearer ${await session(accounts.staffB)}`,
    adminCountyB: `Bearer ${await session(accounts.adminCountyB)}`,
    keyCountyB: `Bearer ${apiKeys.keyCountyB.secret}`,
  };
  return { bearer, committeeA, committeeB, countyA, countyB, caseA, accounts, apiKeys };
}

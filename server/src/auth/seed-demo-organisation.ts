import { randomBytes, randomUUID } from 'node:crypto';
import { AccountRole, RegionLevel } from '@mediation/shared';
import type { Logger } from '../logging/logger.js';
import type { AccountAuditInput, AccountRecord, CommitteeRecord, RegionRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { hashPassword } from './password.js';

export const DEMO_COMMITTEE_NAME = '示范人民调解委员会 Demo People\'s Mediation Committee';

/** The demo province: the region a migrated install's committees were placed in, too. */
const DEMO_PROVINCE_ID = 'region-root';

/** The demo accounts' emails: the mediator's as configured, the others at the same domain. */
export function demoAccountEmails(mediatorEmail: string): { mediator: string; administrator: string; staff: string } {
  const domain = mediatorEmail.slice(mediatorEmail.indexOf('@') + 1);
  return { mediator: mediatorEmail, administrator: `admin@${domain}`, staff: `staff@${domain}` };
}

/**
 * On first start, a demo organisation: a province with a city and a county, a committee in
 * the county, and three accounts: the province's administrator, the committee's staff and
 * its mediator. Each password is the configured one or is generated and printed once in the
 * log. Accounts already there are left alone. Returns the committee when it was created now
 * (it needs its signing certificate).
 *
 * Several nodes starting at once on one database race to seed it: the loser's insert fails on
 * a unique key, and its next look finds what the winner made.
 */
export async function seedDemoOrganisation(
  store: Store,
  logger: Logger,
  demo: { email: string; password: string | undefined },
): Promise<CommitteeRecord | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await seedOnce(store, logger, demo);
    } catch (error) {
      if (attempt >= SEED_ATTEMPTS) throw error;
      logger.info({ err: error, attempt }, 'another node is seeding the demo organisation; looking again');
      await new Promise((resolve) => setTimeout(resolve, SEED_RETRY_MS * attempt));
    }
  }
}

/** Nodes starting together: how many looks before a failure is a failure, and the pause between them. */
const SEED_ATTEMPTS = 3;
const SEED_RETRY_MS = 200;

async function seedOnce(
  store: Store,
  logger: Logger,
  demo: { email: string; password: string | undefined },
): Promise<CommitteeRecord | undefined> {
  const emails = demoAccountEmails(demo.email);
  const now = new Date().toISOString();
  const audit = (type: string, data: Record<string, unknown>, regionPath: string, committeeId: string | null = null): AccountAuditInput => ({
    at: now, type, actorId: 'service', actorName: 'Mediation service', ip: '', device: '', regionPath, committeeId, data,
  });
  const province = (await store.findRegion(DEMO_PROVINCE_ID)) ?? (await addRegion(store, null, RegionLevel.province, '示范省 Demo Province', '990000', DEMO_PROVINCE_ID, now, audit));

  // A configured password is hashed once for the three accounts (scrypt is slow on purpose,
  // and tests start the service often); a generated one is each account's own.
  let configuredHash: Promise<string> | undefined;
  const credentials = async (email: string) => {
    if (demo.password !== undefined) {
      configuredHash ??= hashPassword(demo.password);
      return { password: demo.password, passwordHash: await configuredHash, email };
    }
    const password = randomBytes(12).toString('base64url');
    return { password, passwordHash: await hashPassword(password), email };
  };
  const announce = (role: AccountRole, email: string, password: string) =>
    demo.password
      ? logger.info({ email }, `demo ${role} account created with the configured password`)
      : logger.warn({ email, password }, `demo ${role} account created; this password is shown only once`);

  let newCommittee: CommitteeRecord | undefined;
  let committeeId = (await store.findAccountByEmail(emails.mediator))?.committeeId ?? null;
  if (committeeId === null) {
    const city = await addRegion(store, province, RegionLevel.city, '示范市 Demo City', '990100', randomUUID(), now, audit);
    const county = await addRegion(store, city, RegionLevel.county, '示范县 Demo County', '990101', randomUUID(), now, audit);
    newCommittee = { id: randomUUID(), name: DEMO_COMMITTEE_NAME, kind: 'neighbourhood', regionId: county.id, regionPath: county.path, createdAt: now };
    const { password, ...account } = await credentials(emails.mediator);
    const mediator: AccountRecord = { id: randomUUID(), role: AccountRole.mediator, committeeId: newCommittee.id, regionId: null, displayName: '陈明 Chen Ming', createdAt: now, disabledAt: null, ...account };
    await store.createCommitteeWithAccount(newCommittee, mediator);
    announce(AccountRole.mediator, emails.mediator, password);
    committeeId = newCommittee.id;
  }
  if (!(await store.findAccountByEmail(emails.staff))) {
    const committee = (await store.findCommittee(committeeId))!;
    const { password, ...account } = await credentials(emails.staff);
    const staff: AccountRecord = { id: randomUUID(), role: AccountRole.staff, committeeId, regionId: null, displayName: '李静 Li Jing', createdAt: now, disabledAt: null, ...account };
    await store.createAccount(staff, audit('account.created', { accountId: staff.id, email: staff.email, role: staff.role }, committee.regionPath, committeeId));
    announce(AccountRole.staff, emails.staff, password);
  }
  if (!(await store.findAccountByEmail(emails.administrator))) {
    const { password, ...account } = await credentials(emails.administrator);
    const administrator: AccountRecord = { id: randomUUID(), role: AccountRole.administrator, committeeId: null, regionId: province.id, displayName: '王珊 Wang Shan', createdAt: now, disabledAt: null, ...account };
    await store.createAccount(administrator, audit('account.created', { accountId: administrator.id, email: administrator.email, role: administrator.role }, province.path));
    announce(AccountRole.administrator, emails.administrator, password);
  }
  return newCommittee;
}

async function addRegion(
  store: Store,
  parent: RegionRecord | null,
  level: RegionRecord['level'],
  name: string,
  code: string,
  id: string,
  now: string,
  audit: (type: string, data: Record<string, unknown>, regionPath: string) => AccountAuditInput,
): Promise<RegionRecord> {
  const region: RegionRecord = { id, parentId: parent?.id ?? null, level, name, code, path: `${parent?.path ?? '/'}${id}/`, createdAt: now };
  await store.createRegion(region, audit('region.created', { regionId: id, name, level }, region.path));
  return region;
}

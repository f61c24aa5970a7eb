import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.js';
import type { CommitteeRecord } from '../store/records.js';
import type { Store } from '../store/store.js';
import { hashPassword } from './password.js';

export const DEMO_COMMITTEE_NAME = '示范人民调解委员会 Demo People\'s Mediation Committee';

/**
 * On first start, creates a demo committee and its mediator. The password comes from
 * the configuration or is generated and printed once in the log. Returns the committee
 * when it was created now.
 */
export async function seedDemoMediator(
  store: Store,
  logger: Logger,
  demo: { email: string; password: string | undefined },
): Promise<CommitteeRecord | undefined> {
  if (await store.findAccountByEmail(demo.email)) return undefined;
  const password = demo.password ?? randomBytes(12).toString('base64url');
  const now = new Date().toISOString();
  const committeeId = randomUUID();
  const committee: CommitteeRecord = { id: committeeId, name: DEMO_COMMITTEE_NAME, createdAt: now };
  await store.createCommitteeWithAccount(
    committee,
    {
      id: randomUUID(),
      committeeId,
      email: demo.email,
      displayName: '陈明 Chen Ming',
      passwordHash: await hashPassword(password),
      createdAt: now,
    },
  );
  if (demo.password) {
    logger.info({ email: demo.email }, 'demo mediator account created with the configured password');
  } else {
    logger.warn({ email: demo.email, password }, 'demo mediator account created; this password is shown only once');
  }
  return committee;
}

import { randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from '../logging/logger.js';
import type { Store } from '../store/store.js';
import { hashPassword } from './password.js';

export const DEMO_COMMITTEE_NAME = '示范人民调解委员会 Demo People\'s Mediation Committee';

/**
 * On first start, creates a demo committee and its mediator. The password comes from
 * the configuration or is generated and printed once in the log.
 */
export async function seedDemoMediator(
  store: Store,
  logger: Logger,
  demo: { email: string; password: string | undefined },
): Promise<void> {
  if (await store.findAccountByEmail(demo.email)) return;
  const password = demo.password ?? randomBytes(12).toString('base64url');
  const now = new Date().toISOString();
  const committeeId = randomUUID();
  await store.createCommitteeWithAccount(
    { id: committeeId, name: DEMO_COMMITTEE_NAME, createdAt: now },
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
}

/**
 * Creates a demo case on the running service (one mediator, two parties) and prints
 * exactly one JSON line: {"caseId", "mediatorUrl", "partyUrls"}. The parties wait in the
 * lobby until the mediator lets them in; `--no-waiting-room` lets them straight in.
 *
 * It acts as the demo mediator by recording a session in the service's store and signing
 * it with the service's kept secret (in the data directory, or the database), so it must
 * run with the service's environment.
 */
import { randomInt } from 'node:crypto';
import { Role, type CreateCaseInput, type CreatedCase } from '@mediation/shared';
import { loadOrCreateSecret } from '../server/src/auth/load-or-create-secret.js';
import { startAccountSession } from '../server/src/auth/start-account-session.js';
import { loadConfig } from '../server/src/config/config.js';
import { openKeptSecrets } from '../server/src/store/open-kept-secrets.js';
import { openSqliteStore } from '../server/src/store/sqlite/sqlite-store.js';

const config = loadConfig(process.env);
const serviceUrl = (process.env.SERVICE_URL ?? `http://localhost:${config.port}`).replace(/\/$/, '');

const store = openSqliteStore(config.dataDir);
const mediator = await store.findAccountByEmail(config.demoMediator.email);
if (!mediator) {
  await store.close();
  console.error(`No account ${config.demoMediator.email} in ${config.dataDir}: start the service first (npm start).`);
  process.exit(1);
}
const keptSecrets = await openKeptSecrets(config, undefined);
const sessionToken = await startAccountSession(store, await loadOrCreateSecret(keptSecrets.secrets, config.jwtSecret), mediator.id);
await keptSecrets.close();
await store.close();

const request: CreateCaseInput = {
  caseNumber: `DEMO-${new Date().getFullYear()}-${String(randomInt(100000)).padStart(5, '0')}`,
  title: '邻里漏水纠纷 Neighbours: water leaking through the ceiling',
  category: 'neighbourhood',
  participants: [
    { displayName: '张伟 Zhang Wei', role: Role.applicant },
    { displayName: '李娜 Li Na', role: Role.respondent },
  ],
  waitingRoom: !process.argv.includes('--no-waiting-room'),
};

const response = await fetch(`${serviceUrl}/api/cases`, {
  method: 'POST',
  headers: {
    'content-type': 'application/json',
    authorization: `Bearer ${sessionToken}`,
  },
  body: JSON.stringify(request),
}).catch((error: unknown) => {
  console.error(`The service at ${serviceUrl} cannot be reached (${String(error)}): is it running?`);
  process.exit(1);
});
if (!response.ok) {
  console.error(`Creating the demo case failed: ${response.status} ${await response.text()}`);
  process.exit(1);
}
const created = (await response.json()) as CreatedCase;
const [mediatorLink, ...partyLinks] = created.links;
console.log(
  JSON.stringify({ caseId: created.caseId, mediatorUrl: mediatorLink!.url, partyUrls: partyLinks.map((l) => l.url) }),
);

import readline from 'node:readline';
import { documentNumber } from '@mediation/shared';
import type { AuditEntryInput } from '../../server/src/audit/audit-entry.js';
import { openPostgresStore } from '../../server/src/store/postgres/open-postgres-store.js';
import { openSqliteStore } from '../../server/src/store/sqlite/sqlite-store.js';
import type { Store } from '../../server/src/store/store.js';
import type { StoreLocation, WriterCommand, WriterResult } from './store-writer.js';

/**
 * A store writer's process (store-writer.ts): opens the store at the location given, says it
 * is ready, then runs each command it reads and answers it, until its input ends.
 */
const [name, locationJson] = process.argv.slice(2) as [string, string];
const location = JSON.parse(locationJson) as StoreLocation;
const AT = '2026-12-01T08:00:00.000Z';

const entry = (caseId: string, type: string): AuditEntryInput =>
  ({ caseId, at: AT, actor: { participantId: name, name, role: 'mediator', ip: '', device: '' }, type, data: { writer: name } }) as unknown as AuditEntryInput;
const times = <T>(count: number, make: (index: number) => Promise<T>) => Promise.all(Array.from({ length: count }, (_, index) => make(index)));

async function run(store: Store, command: WriterCommand): Promise<WriterResult> {
  switch (command.kind) {
    case 'append-audit':
      return (await times(command.count, () => store.appendAudit(entry(command.caseId, 'drafting.party-editing-changed')))).map((e) => e.sequence);
    case 'append-updates': {
      const sequences: number[] = [];
      for (let wave = 0; wave < command.count; wave += command.atOnce) {
        const size = Math.min(command.atOnce, command.count - wave);
        const update = (index: number) => new TextEncoder().encode(`${name}:${wave + index}`);
        sequences.push(...(await times(size, (index) => store.appendDocumentUpdate(command.caseId, command.document as never, update(index)))));
      }
      return sequences;
    }
    case 'load-updates':
      return (await store.loadDocument(command.caseId, command.document as never)).updates.map((update) => Buffer.from(update).toString('hex'));
    case 'consent':
      return store.recordConsent(command.freezeId, command.participantId, AT, entry(command.caseId, 'signing.consented'));
    case 'sign':
      return store.recordSignature(
        {
          freezeId: command.freezeId,
          participantId: command.participantId,
          typedName: name,
          image: new Uint8Array([1]),
          publicKey: { kty: 'EC', crv: 'P-256', x: 'x', y: 'y' },
          signature: new Uint8Array([2]),
          payload: '{}',
          signedAt: AT,
          ip: '',
          device: name,
        },
        entry(command.caseId, 'signing.signed'),
      );
    case 'issue': {
      const number = documentNumber(AT, await store.nextDocumentSequence());
      const record = { documentNumber: number, caseId: command.caseId, freezeId: command.freezeId, pdf: new Uint8Array([3]), pdfSha256: 'b'.repeat(64), issuedAt: AT };
      return store.issueAgreement(record, entry(command.caseId, 'agreement.issued'));
    }
    case 'unfreeze':
      return (await store.unfreezeAgreement(command.freezeId, AT, () => entry(command.caseId, 'agreement.unfrozen'))) !== undefined;
    case 'next-document-sequences':
      return times(command.count, () => store.nextDocumentSequence());
  }
}

const store = location.kind === 'postgres' ? await openPostgresStore(location.url) : openSqliteStore(location.dataDir);
const answer = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);
const running = new Set<Promise<unknown>>();
const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const { id, command } = JSON.parse(line) as { id: number; command: WriterCommand };
  const done = run(store, command).then(
    (result) => answer({ id, result }),
    (error: unknown) => answer({ id, error: error instanceof Error ? error.message : String(error) }),
  );
  running.add(done);
  void done.finally(() => running.delete(done));
});
lines.on('close', async () => {
  await Promise.all(running);
  await store.close();
});
answer({ ready: true });

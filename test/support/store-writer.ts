import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

/** Where a writer process opens its store. */
export type StoreLocation = { kind: 'postgres'; url: string } | { kind: 'sqlite'; dataDir: string };

/** What a writer process is asked to do; each many times at once where it says `count`. */
export type WriterCommand =
  | { kind: 'append-audit'; caseId: string; count: number }
  /** `count` updates, `atOnce` of them at a time: each wave is called once the one before has resolved. */
  | { kind: 'append-updates'; caseId: string; document: string; count: number; atOnce: number }
  /** The document's updates as this process reads them back, each as hex. */
  | { kind: 'load-updates'; caseId: string; document: string }
  | { kind: 'consent'; caseId: string; freezeId: string; participantId: string }
  | { kind: 'sign'; caseId: string; freezeId: string; participantId: string }
  /** Takes the next document number and issues the freeze's agreement under it. */
  | { kind: 'issue'; caseId: string; freezeId: string }
  | { kind: 'unfreeze'; caseId: string; freezeId: string }
  | { kind: 'next-document-sequences'; count: number };

/** What each command answers: sequence numbers, hex updates, or whether the conditional write was made. */
export type WriterResult = number[] | string[] | boolean;

export interface StoreWriter {
  /** The name its audit entries and updates carry. */
  name: string;
  run<T extends WriterResult>(command: WriterCommand): Promise<T>;
  stop(): Promise<void>;
}

const SCRIPT = fileURLToPath(new URL('./store-writer-process.ts', import.meta.url));

/**
 * A store of its own, opened in a separate Node process on `location`, that runs commands
 * sent to it (one JSON line each way). Resolves once the process has opened its store.
 */
export async function startStoreWriter(name: string, location: StoreLocation): Promise<StoreWriter> {
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, name, JSON.stringify(location)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const answers = new Map<number, { resolve: (result: WriterResult) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let failure: Error | undefined;
  const failAll = (error: Error) => {
    failure = error;
    for (const answer of answers.values()) answer.reject(error);
    answers.clear();
  };

  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code, signal) => {
      const error = new Error(`store writer ${name} exited (${code ?? signal})`);
      reject(error);
      failAll(error);
    });
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as { ready: true } | { id: number; result: WriterResult } | { id: number; error: string };
      if ('ready' in message) return resolve();
      const answer = answers.get(message.id);
      answers.delete(message.id);
      if ('error' in message) answer?.reject(new Error(`store writer ${name}: ${message.error}`));
      else answer?.resolve(message.result);
    });
  });
  await ready;

  return {
    name,
    run: <T extends WriterResult>(command: WriterCommand) =>
      new Promise<T>((resolve, reject) => {
        if (failure) return reject(failure);
        const id = ++nextId;
        answers.set(id, { resolve: resolve as (result: WriterResult) => void, reject });
        child.stdin!.write(`${JSON.stringify({ id, command })}\n`);
      }),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // Its input ending is its cue to close the store and exit.
      child.stdin!.end();
      await exited;
    },
  };
}

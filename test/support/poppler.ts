import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Runs a Poppler tool on PDF bytes and returns its output (pdfsig exits 0 even when a signature fails). */
export async function poppler(tool: 'pdfsig' | 'pdftotext', pdf: Uint8Array, extraArgs: string[] = []): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mediation-pdf-'));
  try {
    const file = path.join(dir, 'agreement.pdf');
    fs.writeFileSync(file, pdf);
    const args = tool === 'pdftotext' ? [...extraArgs, file, '-'] : [...extraArgs, file];
    const { stdout, stderr } = await run(tool, args, { maxBuffer: 16 * 1024 * 1024 }).catch(
      (error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '' }),
    );
    return `${stdout}${stderr}`;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

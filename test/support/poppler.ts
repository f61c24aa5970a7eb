import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function withPdfFile<T>(pdf: Buffer, use: (file: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'poppler-'));
  try {
    const file = path.join(dir, 'document.pdf');
    await fs.writeFile(file, pdf);
    return await use(file);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/**
 * Poppler's report on a PDF's signatures. pdfsig exits 0 for a signature that does not
 * validate as well, so what counts is what it prints ("Signature is Valid.").
 */
export function pdfsig(pdf: Buffer): Promise<string> {
  return withPdfFile(pdf, async (file) => {
    const { stdout, stderr } = await run('pdfsig', [file]).catch((error: { stdout?: string; stderr?: string }) => ({
      stdout: error.stdout ?? '',
      stderr: error.stderr ?? '',
    }));
    return `${stdout}${stderr}`;
  });
}

/** The text Poppler extracts, pages separated by form feeds. */
export function pdftotext(pdf: Buffer): Promise<string> {
  return withPdfFile(pdf, async (file) => (await run('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 16 << 20 })).stdout);
}

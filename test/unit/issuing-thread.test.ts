import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateCommitteeCredentials } from '../../server/src/signing/certificates/load-or-create-committee-credentials.js';
import { IssuingThread } from '../../server/src/signing/issuing-thread/issuing-thread.js';
import { issueAgreementPdf } from '../../server/src/signing/pdf/issue-agreement-pdf.js';
import { FileKeptSecrets } from '../../server/src/store/files/file-kept-secrets.js';
import { FIXTURE_COMMITTEE, fixtureAgreementPdfInput } from '../support/agreement-pdf-fixture.js';

const committee = { id: 'c0mmittee-thread', name: FIXTURE_COMMITTEE };

describe('the issuing thread', () => {
  let dataDir: string;
  let thread: IssuingThread;
  beforeEach(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'issuing-thread-'));
  });
  afterEach(async () => {
    await thread.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('makes a committee’s credentials in the data directory, and issues exactly the PDF the main thread would', async () => {
    thread = new IssuingThread({ dataDir });
    const subject = await thread.prepareCommittee(committee);
    const p12 = path.join(dataDir, 'certificates', `committee-${committee.id}.p12`);
    expect((await fs.stat(p12)).size).toBeGreaterThan(0);

    // Fixed inputs give fixed bytes: the thread's PDF is the one made here with the same files.
    const input = fixtureAgreementPdfInput();
    const fromThread = Buffer.from(await thread.renderAgreementPdf(input, committee));
    const credentials = await loadOrCreateCommitteeCredentials(new FileKeptSecrets(dataDir), committee);
    expect(credentials.certificate.subject).toBe(subject);
    expect(fromThread.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(fromThread.equals(await issueAgreementPdf(input, credentials))).toBe(true);
  });

  it('passes a failure back to the caller: an operator PKCS#12 that is not there', async () => {
    const missing = path.join(dataDir, 'nowhere.p12');
    thread = new IssuingThread({ dataDir }, { path: missing, passphrase: 'x' });
    await expect(thread.prepareCommittee(committee)).rejects.toThrow(`COMMITTEE_P12_PATH: no file at ${missing}`);
    // The thread is still there for the next task.
    await expect(thread.renderAgreementPdf(fixtureAgreementPdfInput(), committee)).rejects.toThrow('COMMITTEE_P12_PATH');
  });
});

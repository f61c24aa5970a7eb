import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import forge from 'node-forge';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CertificateError } from '../../server/src/signing/certificates/certificate-error.js';
import { loadOrCreateCommitteeCredentials } from '../../server/src/signing/certificates/load-or-create-committee-credentials.js';
import { issueAgreementPdf } from '../../server/src/signing/pdf/issue-agreement-pdf.js';
import { FileKeptSecrets } from '../../server/src/store/files/file-kept-secrets.js';
import { fixtureAgreementPdfInput } from '../support/agreement-pdf-fixture.js';
import { operatorP12 } from '../support/operator-p12.js';
import { poppler } from '../support/poppler.js';

const committee = { id: '3f2a9c1e-7b4d-4e5f-9a8b-1c2d3e4f5a6b', name: '城东街道人民调解委员会' };

let dataDir: string;
let secrets: FileKeptSecrets;
beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'certificates-'));
  secrets = new FileKeptSecrets(dataDir);
});
afterEach(() => fs.rm(dataDir, { recursive: true, force: true }));

const file = (name: string) => path.join(dataDir, 'certificates', name);
const rootCertificate = async () => forge.pki.certificateFromPem(await fs.readFile(file('root-ca.crt.pem'), 'utf8'));

describe('committee signing credentials', () => {
  it('are made on first use: a root CA and a committee certificate it issued, kept in the data directory', async () => {
    const credentials = await loadOrCreateCommitteeCredentials(secrets, committee);

    expect(credentials.source).toBe('install');
    expect((await fs.stat(file('root-ca.key.pem'))).mode & 0o777).toBe(0o600);
    expect((await fs.stat(file(`committee-${committee.id}.p12`))).mode & 0o777).toBe(0o600);
    const root = await rootCertificate();
    expect(root.verify(forge.pki.certificateFromPem(credentials.certificate.pem))).toBe(true);
    expect(root.validity.notAfter.getUTCFullYear() - root.validity.notBefore.getUTCFullYear()).toBe(20);
    expect(credentials.chainPem).toHaveLength(1);
  });

  it('name the committee in ASCII when its name is Chinese', async () => {
    const credentials = await loadOrCreateCommitteeCredentials(secrets, committee);
    expect(credentials.certificate.subject).toBe("People's Mediation Committee 3F2A9C1E");
    expect(credentials.certificate.issuer).toMatch(/^People's Mediation Root CA [0-9A-F]{8}$/);
  });

  it('are read back from the data directory on a second call, root and committee certificate alike', async () => {
    const first = await loadOrCreateCommitteeCredentials(secrets, committee);
    const rootKey = await fs.readFile(file('root-ca.key.pem'));
    const second = await loadOrCreateCommitteeCredentials(secrets, committee);
    expect(second.certificate.fingerprint).toBe(first.certificate.fingerprint);
    expect(second.p12.equals(first.p12)).toBe(true);
    expect((await fs.readFile(file('root-ca.key.pem'))).equals(rootKey)).toBe(true);
  });

  it('give each committee its own certificate under the one root of the install', async () => {
    const first = await loadOrCreateCommitteeCredentials(secrets, committee);
    const other = await loadOrCreateCommitteeCredentials(secrets, { id: 'b7c1d2e3-0000-4000-8000-000000000002', name: 'Riverside Committee' });
    expect(other.certificate.fingerprint).not.toBe(first.certificate.fingerprint);
    expect(other.certificate.subject).toBe('Riverside Committee');
    expect(other.certificate.issuer).toBe(first.certificate.issuer);
  });

  it('are made once when two first signatures ask at the same time', async () => {
    const [a, b] = await Promise.all([
      loadOrCreateCommitteeCredentials(secrets, committee),
      loadOrCreateCommitteeCredentials(secrets, committee),
    ]);
    expect(a.certificate.fingerprint).toBe(b.certificate.fingerprint);
    const kept = await loadOrCreateCommitteeCredentials(secrets, committee);
    expect(kept.certificate.fingerprint).toBe(a.certificate.fingerprint);
  });

  it('are issued anew when the kept certificate was not issued by the current root', async () => {
    const first = await loadOrCreateCommitteeCredentials(secrets, committee);
    await fs.rm(file('root-ca.key.pem'));
    await fs.rm(file('root-ca.crt.pem'));
    const renewed = await loadOrCreateCommitteeCredentials(secrets, committee);
    expect(renewed.certificate.fingerprint).not.toBe(first.certificate.fingerprint);
    expect((await rootCertificate()).verify(forge.pki.certificateFromPem(renewed.certificate.pem))).toBe(true);
  });

  it('refuse a committee id that could name a file outside the certificates folder', async () => {
    await expect(loadOrCreateCommitteeCredentials(secrets, { id: '../escape', name: 'x' })).rejects.toBeInstanceOf(CertificateError);
  });

  describe('from an operator-supplied PKCS#12', () => {
    it('are used instead of the install’s own, and sign a PDF that validates', async () => {
      const p12Path = path.join(dataDir, 'operator.p12');
      await fs.writeFile(p12Path, operatorP12('operator secret'));
      const credentials = await loadOrCreateCommitteeCredentials(secrets, committee, { path: p12Path, passphrase: 'operator secret' });

      expect(credentials.source).toBe('operator');
      expect(credentials.certificate.subject).toBe('Operator Mediation Committee');
      expect(credentials.certificate.issuer).toBe('Provincial Justice Department Test CA');
      await expect(fs.stat(file('root-ca.key.pem'))).rejects.toThrow();

      const report = await poppler('pdfsig', await issueAgreementPdf(fixtureAgreementPdfInput(), credentials));
      expect(report).toContain('Signature is Valid.');
      expect(report).toContain('Signer Certificate Common Name: Operator Mediation Committee');
    });

    it('with a wrong passphrase are refused with a CertificateError', async () => {
      const p12Path = path.join(dataDir, 'operator.p12');
      await fs.writeFile(p12Path, operatorP12('operator secret'));
      await expect(loadOrCreateCommitteeCredentials(secrets, committee, { path: p12Path, passphrase: 'wrong' })).rejects.toBeInstanceOf(CertificateError);
    });

    it('that is missing are refused with a CertificateError naming the path', async () => {
      const p12Path = path.join(dataDir, 'absent.p12');
      await expect(loadOrCreateCommitteeCredentials(secrets, committee, { path: p12Path, passphrase: '' })).rejects.toThrow(p12Path);
    });
  });
});

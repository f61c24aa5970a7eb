import fs from 'node:fs';
import path from 'node:path';
import { makePrivateDirectory, PRIVATE_FILE_MODE, restrictIfExists } from '../../files/private-files.js';
import { certificateFiles } from '../../signing/certificates/certificate-files.js';
import { readIfExists } from '../../signing/certificates/read-if-exists.js';
import { writeFileAtomically } from '../../signing/certificates/write-file-atomically.js';
import type { KeptCommitteeP12, KeptRootCa, KeptSecret, KeptSecrets, RenewableSecret } from '../kept-secrets.js';

/** The HS256 secret's file in the data directory. */
export const SECRET_FILE = 'jwt-secret';

/**
 * The embedded default: secrets as files of the data directory, readable by the service's
 * user only — DATA_DIR/jwt-secret, and under DATA_DIR/certificates/ the root CA's key and
 * certificate and each committee's PKCS#12 with its passphrase beside it. One node: the
 * callers' own once-at-a-time runs keep two of its first uses from both writing.
 */
export class FileKeptSecrets implements KeptSecrets {
  readonly jwtSecret: KeptSecret<string>;
  readonly rootCa: KeptSecret<KeptRootCa>;

  constructor(private readonly dataDir: string) {
    this.jwtSecret = new FileJwtSecret(path.join(dataDir, SECRET_FILE), dataDir);
    this.rootCa = new FileRootCa(certificateFiles(dataDir));
  }

  committeeCredentials(committeeId: string): RenewableSecret<KeptCommitteeP12> {
    const files = certificateFiles(this.dataDir);
    return new FileCommitteeP12(files.committeeP12(committeeId), files.committeePassphrase(committeeId));
  }
}

class FileJwtSecret implements KeptSecret<string> {
  constructor(
    private readonly file: string,
    private readonly dataDir: string,
  ) {}

  async read(): Promise<string | null> {
    return (await readIfExists(this.file))?.toString('utf8').trim() ?? null;
  }

  /** Created with O_EXCL, so the file is never overwritten; one left readable by others by an older install is restricted. */
  async keepIfAbsent(value: string): Promise<string> {
    makePrivateDirectory(this.dataDir);
    try {
      fs.writeFileSync(this.file, value, { flag: 'wx', mode: PRIVATE_FILE_MODE });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      restrictIfExists(this.file);
    }
    return fs.readFileSync(this.file, 'utf8').trim();
  }
}

class FileRootCa implements KeptSecret<KeptRootCa> {
  constructor(private readonly files: ReturnType<typeof certificateFiles>) {}

  async read(): Promise<KeptRootCa | null> {
    const [keyPem, certificatePem] = await Promise.all([readIfExists(this.files.rootKey), readIfExists(this.files.rootCertificate)]);
    // The key is written first: a key without a certificate is a creation cut short, made again.
    if (keyPem === null || certificatePem === null) return null;
    return { keyPem: keyPem.toString('utf8'), certificatePem: certificatePem.toString('utf8') };
  }

  async keepIfAbsent(value: KeptRootCa): Promise<KeptRootCa> {
    const kept = await this.read();
    if (kept) return kept;
    await writeFileAtomically(this.files.rootKey, value.keyPem);
    await writeFileAtomically(this.files.rootCertificate, value.certificatePem);
    return value;
  }
}

class FileCommitteeP12 implements RenewableSecret<KeptCommitteeP12> {
  constructor(
    private readonly p12File: string,
    private readonly passphraseFile: string,
  ) {}

  async read(): Promise<KeptCommitteeP12 | null> {
    const [p12, passphrase] = await Promise.all([readIfExists(this.p12File), readIfExists(this.passphraseFile)]);
    if (!p12 || passphrase === null) return null;
    return { p12, passphrase: passphrase.toString('utf8') };
  }

  async keepIfAbsent(value: KeptCommitteeP12): Promise<KeptCommitteeP12> {
    const kept = await this.read();
    if (kept) return kept;
    await this.write(value);
    return value;
  }

  async replace(replaced: KeptCommitteeP12, value: KeptCommitteeP12): Promise<KeptCommitteeP12> {
    const kept = await this.read();
    if (kept && !(kept.p12.equals(replaced.p12) && kept.passphrase === replaced.passphrase)) return kept;
    await this.write(value);
    return value;
  }

  private async write(value: KeptCommitteeP12): Promise<void> {
    // The passphrase goes first: a PKCS#12 on disk always has its passphrase beside it.
    await writeFileAtomically(this.passphraseFile, value.passphrase);
    await writeFileAtomically(this.p12File, value.p12);
  }
}

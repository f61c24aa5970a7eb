import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommitteeCredentials } from '../../server/src/signing/certificates/committee-credentials.js';
import { loadOrCreateCommitteeCredentials } from '../../server/src/signing/certificates/load-or-create-committee-credentials.js';
import { FileKeptSecrets } from '../../server/src/store/files/file-kept-secrets.js';
import { flattenSignatureImage } from '../../server/src/signing/pdf/flatten-signature-image.js';
import { issueAgreementPdf } from '../../server/src/signing/pdf/issue-agreement-pdf.js';
import { FIXTURE_COMMITTEE, fixtureAgreementPdfInput, fixtureSignaturePng } from '../support/agreement-pdf-fixture.js';
import { poppler } from '../support/poppler.js';

const withoutSpaces = (text: string) => text.replace(/\s+/g, '');
const run = promisify(execFile);

describe('the issued agreement PDF', () => {
  let dataDir: string;
  let credentials: CommitteeCredentials;
  let pdf: Buffer;
  const input = fixtureAgreementPdfInput();

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'agreement-pdf-'));
    credentials = await loadOrCreateCommitteeCredentials(new FileKeptSecrets(dataDir), { id: 'c0mmittee-1', name: FIXTURE_COMMITTEE });
    pdf = await issueAgreementPdf(input, credentials);
  });
  afterAll(() => fs.rm(dataDir, { recursive: true, force: true }));

  it('carries a digital signature over the whole document that Poppler validates', async () => {
    const report = await poppler('pdfsig', pdf);
    expect(report).toContain('Signature is Valid.');
    expect(report).toContain('Total document signed');
    expect(report).toContain('ETSI.CAdES.detached');
    expect(report).toContain(`Signer Certificate Common Name: ${credentials.certificate.subject}`);
  });

  it('no longer validates once one byte of the signed content is changed', async () => {
    const altered = Buffer.from(pdf);
    const at = altered.indexOf('sha256:') + 'sha256:'.length;
    altered[at] = altered[at] === 0x30 ? 0x31 : 0x30;
    const report = await poppler('pdfsig', altered);
    expect(report).not.toContain('Signature is Valid.');
    expect(report).toContain('Digest Mismatch.');
  });

  it('has its Chinese text extractable: committee, title, a clause, performance and the audit trail', async () => {
    const text = withoutSpaces(await poppler('pdftotext', pdf));
    expect(text).toContain(FIXTURE_COMMITTEE);
    expect(text).toContain('人民调解协议书');
    expect(text).toContain('第5条王芳收到全部赔偿款后，不再就本次漏水事件向李强主张其他任何权利。');
    expect(text).toContain('三、履行方式、时限');
    expect(text).toContain(`${FIXTURE_COMMITTEE}（盖章）`);
    expect(text).toContain('审计记录');
    expect(text).toContain(input.audit.at(-1)!.hash);
    expect(text).toContain(input.verifyUrl);
  });

  it('names the document, its version and the agreement hash on every page', async () => {
    const pages = (await poppler('pdftotext', pdf)).split('\f').filter((page) => page.trim() !== '');
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages) {
      expect(page).toContain(input.documentNumber);
      expect(page).toContain('第 3 版');
      expect(page).toContain(input.agreementHash);
    }
  });

  it('lists every audit entry with its hash and the hash before it', async () => {
    const text = withoutSpaces(await poppler('pdftotext', pdf));
    for (const entry of input.audit) {
      expect(text).toContain(`#${entry.sequence}`);
      expect(text).toContain(entry.hash);
      expect(text).toContain(entry.previousHash);
    }
  });

  it('renders in Poppler without a syntax error; page 1 and the audit page are kept in test-results/', async () => {
    await fs.mkdir('test-results', { recursive: true });
    await fs.writeFile('test-results/agreement-zh.pdf', pdf);
    const pages = (await poppler('pdftotext', pdf)).split('\f');
    const auditPage = pages.findIndex((page) => page.includes('审计记录')) + 1;
    expect(auditPage).toBeGreaterThan(1);
    for (const [page, name] of [[1, 'agreement-page-1'], [auditPage, 'agreement-audit-page']] as const) {
      const { stderr } = await run('pdftoppm', ['-png', '-r', '80', '-f', String(page), '-l', String(page), '-singlefile', 'test-results/agreement-zh.pdf', `test-results/${name}`]);
      expect(stderr).toBe('');
    }
  });

  it('shows the committee’s seal at its seal line as the appearance of the digital signature, printed, and only there', async () => {
    const widget = /\/Subtype \/Widget\n\/FT \/Sig\n\/Rect \[([^\]]+)\]\n\/F (\d+)\n\/AP <<\n\/N \d+ 0 R/u.exec(pdf.toString('latin1'));
    expect(widget).not.toBeNull();
    const [left, bottom, right, top] = (widget?.[1] ?? '').split(' ').map(Number) as [number, number, number, number];
    expect(Number(widget?.[2]) & 4).toBe(4);
    expect(right - left).toBeGreaterThan(60);

    const sealPage = (await poppler('pdftotext', pdf)).split('\f').findIndex((page) => page.includes('（盖章）')) + 1;
    expect(sealPage).toBeGreaterThan(0);
    // At 72 dpi a pixel is a point: count the seal's red inside the field's rectangle, drawn and hidden.
    const redInField = async (extra: string[]) => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'seal-'));
      try {
        await fs.writeFile(path.join(dir, 'a.pdf'), pdf);
        await run('pdftoppm', [...extra, '-png', '-r', '72', '-f', String(sealPage), '-l', String(sealPage), '-singlefile', path.join(dir, 'a.pdf'), path.join(dir, 'page')]);
        const png = PNG.sync.read(await fs.readFile(path.join(dir, 'page.png')));
        let red = 0;
        for (let y = Math.ceil(png.height - top); y < png.height - bottom; y++) {
          for (let x = Math.ceil(left); x < right; x++) {
            const at = (y * png.width + x) * 4;
            if ((png.data[at] ?? 0) > 150 && (png.data[at + 1] ?? 255) < 120 && (png.data[at + 2] ?? 255) < 120) red++;
          }
        }
        return red;
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    };
    expect(await redInField([])).toBeGreaterThan(400);
    expect(await redInField(['-hide-annotations'])).toBe(0);
  });

  it('is byte for byte the same when issued again from the same input', async () => {
    const again = await issueAgreementPdf(fixtureAgreementPdfInput(), credentials);
    expect(again.equals(pdf)).toBe(true);
  });

  it('is set in English with English headings for an English agreement', async () => {
    const english = fixtureAgreementPdfInput();
    english.agreement.header.language = 'en';
    english.agreement.header.committee = 'Chengdong Street People’s Mediation Committee';
    const text = withoutSpaces(await poppler('pdftotext', await issueAgreementPdf(english, credentials)));
    expect(text).toContain("People'sMediationAgreement");
    expect(text).toContain('2.Termsagreedvoluntarilythroughmediation');
    expect(text).toContain('Audittrail');
    expect(text).toContain('Page1of');
  });

  it('words its audit page in the agreement’s language: no event keys or ids, devices summarised, sentences spaced', async () => {
    for (const language of ['zh-CN', 'en'] as const) {
      const input = fixtureAgreementPdfInput();
      input.agreement.header.language = language;
      const pages = (await poppler('pdftotext', await issueAgreementPdf(input, credentials))).split('\f');
      const audit = pages.filter((page) => page.includes(language === 'zh-CN' ? '审计记录' : 'Audit trail')).join('\n');
      expect(audit).not.toMatch(/\b(?:agreement|signing|session|case|drafting)\.[a-z-]+/);
      expect(audit).not.toMatch(/clauseId|participantId|Mozilla\/5\.0|AppleWebKit/);
      expect(audit).toMatch(language === 'zh-CN' ? /WeChat 8 \S Android/ : /Safari 17 \S iOS/);
      if (language === 'en') expect(audit.replace(/\s+/g, ' ')).toContain('after it. All times');
    }
  });
});

describe('a drawn signature image', () => {
  it('is flattened from RGBA onto white into an opaque RGB PNG', () => {
    const flattened = PNG.sync.read(flattenSignatureImage(fixtureSignaturePng(1, 60, 20)));
    const original = PNG.sync.read(fixtureSignaturePng(1, 60, 20));
    expect(flattened.width).toBe(60);
    expect(flattened.height).toBe(20);
    const pixel = (png: PNG, index: number) => [...png.data.subarray(index * 4, index * 4 + 4)];
    for (let index = 0; index < 60 * 20; index++) {
      const [r, g, b, a] = pixel(original, index) as [number, number, number, number];
      const blend = (channel: number) => Math.round((channel * a + 255 * (255 - a)) / 255);
      expect(pixel(flattened, index)).toEqual([blend(r), blend(g), blend(b), 255]);
    }
  });
});

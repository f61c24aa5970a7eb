import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { Role, type CreatedCase } from '@mediation/shared';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCase, linkOf } from '../support/create-test-case.js';
import { waitUntil } from '../support/headless-participant.js';
import { joinFromLink } from '../support/join-from-link.js';
import { launchChromium } from '../support/launch-chromium.js';
import { poppler } from '../support/poppler.js';
import { startTestService, TEST_MEDIATOR, type TestService } from '../support/start-test-service.js';

const run = promisify(execFile);
const RESULTS = path.resolve('test-results');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
/** The narrowest phone the room is laid out for. */
const SMALL_PHONE = { width: 360, height: 740 };
const DOCUMENT_NUMBER = /MA-\d{4}-\d{6}/;

let service: TestService;
let browser: Browser;
let created: CreatedCase;
/** The mediator in Chinese on a desktop; the applicant in Chinese on a small phone, the respondent in English on a phone. */
let mediator: Page;
let applicant: Page;
let respondent: Page;
let documentNumber: string;
let downloaded: Buffer;

beforeAll(async () => {
  fs.mkdirSync(RESULTS, { recursive: true });
  service = await startTestService({ SOCKET_EVENTS_PER_SECOND: '2000', SOCKET_EVENT_BURST: '2000' });
  browser = await launchChromium();
  created = await createTestCase(service, [
    { displayName: '王芳', role: Role.applicant },
    { displayName: 'Li Qiang', role: Role.respondent },
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

async function newPage(locale: 'zh-CN' | 'en-US', viewport: typeof DESKTOP, name: string): Promise<Page> {
  const phone = viewport.width < 640;
  const context: BrowserContext = await browser.newContext({
    locale,
    viewport,
    acceptDownloads: true,
    ...(phone && { isMobile: true, hasTouch: true, deviceScaleFactor: 3 }),
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[${name}] page error:`, error));
  return page;
}

async function openAndJoin(role: Role, locale: 'zh-CN' | 'en-US', viewport = DESKTOP): Promise<Page> {
  const page = await newPage(locale, viewport, role);
  await joinFromLink(page, linkOf(created, role).url, locale);
  return page;
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click({ timeout: 20_000 });
}

async function screenshot(page: Page, name: string, target?: Locator): Promise<void> {
  await (target ?? page).screenshot({ path: path.join(RESULTS, name) });
}

/** A signature in three strokes, drawn with a finger (touch events through the DevTools protocol) or the mouse. */
async function drawSignature(page: Page, how: 'finger' | 'mouse'): Promise<void> {
  const canvas = page.locator('.signature-pad__canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the signature pad is not on screen');
  const at = (fx: number, fy: number) => ({ x: box.x + box.width * fx, y: box.y + box.height * fy });
  const strokes = [
    Array.from({ length: 14 }, (_, i) => at(0.1 + i * 0.02, 0.3 + Math.sin(i / 2) * 0.25)),
    Array.from({ length: 12 }, (_, i) => at(0.4 + i * 0.025, 0.7 - i * 0.04)),
    Array.from({ length: 16 }, (_, i) => at(0.65 + i * 0.018, 0.55 + Math.cos(i / 3) * 0.2)),
  ];
  if (how === 'finger') {
    const cdp = await page.context().newCDPSession(page);
    for (const stroke of strokes) {
      const [first, ...rest] = stroke;
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [first!] });
      for (const point of rest) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [point] });
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    }
    await cdp.detach();
  } else {
    for (const [first, ...rest] of strokes) {
      await page.mouse.move(first!.x, first!.y);
      await page.mouse.down();
      for (const point of rest) await page.mouse.move(point.x, point.y, { steps: 2 });
      await page.mouse.up();
    }
  }
}

/** The frozen version's hash as the page shows it. */
async function shownHash(page: Page): Promise<string | null> {
  return page.locator('.frozen-version [data-hash]').getAttribute('data-hash', { timeout: 20_000 });
}

async function waitForVersion(page: Page, version: number, language: 'zh-CN' | 'en'): Promise<void> {
  const heading = language === 'zh-CN' ? `待签署版本：第${version}版` : `Version ${version} for signing`;
  await page.getByRole('heading', { name: heading }).waitFor({ timeout: 20_000 });
  // The device has the document and has checked its text against the frozen hash.
  await page.locator(`.frozen-version [data-check="matches"]`).waitFor({ timeout: 20_000 });
}

async function signAsParty(
  page: Page,
  language: 'zh-CN' | 'en',
  name: string,
  how: 'finger' | 'mouse',
  screenshotName?: string,
  /** A name not on the case, typed first: refused beside the button, then the right one. */
  wrongName?: string,
): Promise<void> {
  const sign = page.getByRole('button', { name: language === 'zh-CN' ? '签署' : 'Sign', exact: true });
  const consent = page.getByRole('checkbox');
  expect(await sign.isDisabled()).toBe(true);
  // The box follows the server: it shows ticked once the consent is acknowledged.
  await consent.click();
  await page.getByRole('status').filter({ hasText: language === 'zh-CN' ? '已记录您对' : 'Your consent to version' }).waitFor({ timeout: 10_000 });
  expect(await consent.isChecked()).toBe(true);
  await drawSignature(page, how);
  expect(await sign.isDisabled()).toBe(true);
  const nameField = page.getByLabel(language === 'zh-CN' ? '请输入您的姓名' : 'Your name, typed');
  if (wrongName) {
    await nameField.fill(wrongName);
    await waitUntil(() => sign.isEnabled(), 10_000);
    await sign.click();
    const refusal = page.locator('[data-sign-refusal]');
    await refusal.waitFor({ timeout: 20_000 });
    expect(await refusal.textContent()).toContain(language === 'zh-CN' ? '案件记录的姓名' : 'as the case records it');
    await screenshot(page, `signing-room-phone-name-refused-${language}.png`);
  }
  await nameField.fill(name);
  await waitUntil(() => sign.isEnabled(), 10_000);
  if (screenshotName) {
    await page.locator('.sign-form').scrollIntoViewIfNeeded();
    await screenshot(page, screenshotName);
  }
  await sign.click();
  const signed = language === 'zh-CN' ? /您已于.*签署第\d+版/ : /You signed version \d+ on/;
  // The last signature issues the agreement at once, and the panel may move on to the issued
  // document before "you signed" has been seen: either shows the signature was taken.
  const issued = page.getByRole('heading', { name: language === 'zh-CN' ? '协议已出具' : 'The agreement has been issued' });
  await page.getByRole('status').filter({ hasText: signed }).or(issued).first().waitFor({ timeout: 20_000 });
}

function signerState(page: Page, role: Role): Promise<string | null> {
  return page.locator(`.signer-list__item[data-participant-id="${linkOf(created, role).participantId}"]`).getAttribute('data-state');
}

async function noHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
}

describe('signing the agreement in real Chromium, parties on phones', () => {
  it('where the browser offers no WebCrypto (a page not served over https), the signing panel says signing needs a secure connection', async () => {
    const page = await newPage('en-US', PHONE, 'no-webcrypto');
    // What a plain-http page at a network address gets: no crypto.subtle. (Such a page cannot set up
    // audio and video either, so the room itself is opened securely here and only WebCrypto is taken away.)
    await page.context().addInitScript(() => Object.defineProperty(Crypto.prototype, 'subtle', { get: () => undefined }));
    await joinFromLink(page, linkOf(created, Role.respondent).url, 'en-US');
    await openTab(page, 'Signing');
    await page.getByRole('alert').filter({ hasText: 'Signing needs a secure connection' }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'signing-room-phone-insecure.png');
    await page.context().close();
  }, 60_000);

  it('the mediator starts the agreement, checks both parties’ identities and freezes it; everyone sees the same version and hash', async () => {
    mediator = await openAndJoin(Role.mediator, 'zh-CN');
    applicant = await openAndJoin(Role.applicant, 'zh-CN', SMALL_PHONE);
    respondent = await openAndJoin(Role.respondent, 'en-US', PHONE);

    await openTab(mediator, '协议');
    await mediator.getByLabel('纠纷类别').selectOption('neighbourhood');
    await mediator.getByLabel('协议语言').selectOption('zh-CN');
    await mediator.getByRole('button', { name: '开始起草' }).click();
    await mediator.getByRole('textbox', { name: '第1条的内容' }).waitFor({ timeout: 20_000 });

    await openTab(mediator, '签署');
    await mediator.getByLabel('王芳的身份证件').selectOption('resident-id-card');
    await mediator.getByLabel('王芳的证件号码后4位').fill('123x');
    await mediator.getByRole('button', { name: '记录王芳的身份核验' }).click();
    await mediator.getByLabel('Li Qiang的身份证件').selectOption('passport');
    await mediator.getByLabel('Li Qiang的证件号码后4位').fill('E789');
    await mediator.getByRole('button', { name: '记录Li Qiang的身份核验' }).click();
    await waitUntil(async () => (await mediator.locator('.signer-list__identity--done').count()) === 2, 10_000);

    await mediator.getByRole('button', { name: '锁定并开始签署' }).click();
    const dialog = mediator.getByRole('dialog', { name: '锁定协议并开始签署？' });
    await dialog.waitFor();
    // The template's blanks and the parties' empty details are open: freezing needs a reason.
    const checklist = dialog.locator('[data-freeze-checklist]');
    expect(await checklist.locator('[data-kind="blank-left"]').count()).toBeGreaterThan(0);
    expect(await checklist.locator('[data-kind="identity-not-checked"]').count()).toBe(0);
    const freezeAnyway = dialog.getByRole('button', { name: '仍然锁定', exact: true });
    expect(await freezeAnyway.isDisabled()).toBe(true);
    await dialog.getByLabel('为何在上述事项未处理时锁定？').fill('空白处由双方在签署前口头确认。');
    await screenshot(mediator, 'signing-room-desktop-freeze-dialog.png');
    await freezeAnyway.click();

    await waitForVersion(mediator, 1, 'zh-CN');
    await openTab(applicant, '签署');
    await openTab(respondent, 'Signing');
    await waitForVersion(applicant, 1, 'zh-CN');
    await waitForVersion(respondent, 1, 'en');
    const hash = await shownHash(mediator);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await shownHash(applicant)).toBe(hash);
    expect(await shownHash(respondent)).toBe(hash);
    // Shown in groups of four digits, to compare with the printed copy.
    expect(await mediator.locator('.frozen-version .hash-digits__group').count()).toBe(16);
  }, 120_000);

  it('freezing stops the agreement’s editors on every page, and the mediator’s restart from a template', async () => {
    await openTab(mediator, '协议');
    const clause = mediator.getByRole('textbox', { name: '第1条的内容' });
    await waitUntil(async () => (await clause.getAttribute('contenteditable')) === 'false', 10_000);
    expect(await mediator.getByRole('button', { name: '从模板重新开始' }).count()).toBe(0);
    expect(await mediator.getByRole('button', { name: /^在第1条后添加条款$/ }).count()).toBe(0);
    await openTab(respondent, 'Agreement');
    expect(await respondent.getByRole('textbox', { name: 'Text of clause 1' }).getAttribute('contenteditable')).toBe('false');
    await openTab(respondent, 'Signing');
    await openTab(mediator, '签署');
  }, 60_000);

  it('the mediator cannot sign before the parties; unfreezing voids the first party’s signature and the next freeze is version 2', async () => {
    const mediatorSign = mediator.getByRole('button', { name: '签署', exact: true });
    expect(await mediatorSign.isDisabled()).toBe(true);
    await mediator.getByText('请在各方当事人签署后再签署。').waitFor();

    await signAsParty(applicant, 'zh-CN', '王芳', 'finger', 'signing-room-phone-sign-form.png');
    await waitUntil(async () => (await signerState(mediator, Role.applicant)) === 'signed', 10_000);

    await mediator.getByRole('button', { name: '解除锁定以修改文字' }).click();
    const dialog = mediator.getByRole('dialog', { name: '解除第1版的锁定？' });
    expect(await dialog.textContent()).toContain('第1版的所有签名都将作废');
    await dialog.getByRole('button', { name: '解除锁定', exact: true }).click();
    await applicant.getByText('协议尚未锁定待签署').waitFor({ timeout: 10_000 });
    expect(await signerState(mediator, Role.applicant)).not.toBe('signed');

    await mediator.getByRole('button', { name: '锁定并开始签署' }).click();
    await mediator.getByRole('dialog').getByLabel('为何在上述事项未处理时锁定？').fill('空白处由双方在签署前口头确认。');
    await mediator.getByRole('dialog').getByRole('button', { name: '仍然锁定', exact: true }).click();
    for (const [page, language] of [[mediator, 'zh-CN'], [applicant, 'zh-CN'], [respondent, 'en']] as const) {
      await waitForVersion(page, 2, language);
    }
    // A new version asks for consent and a signature again.
    expect(await applicant.getByRole('checkbox').isChecked()).toBe(false);
  }, 120_000);

  it('each party signs on a phone with a finger and a typed name; the signing panel fits the phone', async () => {
    await signAsParty(applicant, 'zh-CN', '王芳', 'finger');
    await respondent.locator('.signing-panel').evaluate((panel) => panel.parentElement?.scrollTo(0, 0));
    await screenshot(respondent, 'signing-room-phone-version.png');
    await signAsParty(respondent, 'en', 'Li Qiang', 'finger', 'signing-room-phone-sign-form-en.png', '李强');
    await noHorizontalOverflow(applicant);
    await noHorizontalOverflow(respondent);
    await waitUntil(async () => (await signerState(mediator, Role.respondent)) === 'signed', 10_000);
    await respondent.locator('.signer-list').scrollIntoViewIfNeeded();
    await screenshot(respondent, 'signing-room-phone-signers.png');

    // The key lives in IndexedDB, one record for this participant, its private half not extractable.
    const kept = await applicant.evaluate(
      (participantId) =>
        new Promise<{ count: number; extractable: boolean | null }>((resolve, reject) => {
          const opening = indexedDB.open('mediation-signing');
          opening.onerror = () => reject(opening.error);
          opening.onsuccess = () => {
            const store = opening.result.transaction('signer-keys').objectStore('signer-keys');
            const all = store.getAll();
            all.onsuccess = () => {
              const mine = all.result.find((record: { participantId: string }) => record.participantId === participantId);
              resolve({ count: all.result.length, extractable: mine ? mine.keys.privateKey.extractable : null });
            };
          };
        }),
      linkOf(created, Role.applicant).participantId,
    );
    expect(kept).toEqual({ count: 1, extractable: false });
  }, 120_000);

  it('the mediator signs last with the mouse, and every page then shows the issued document', async () => {
    // The respondent reads the agreement far down on their phone when it is issued.
    await openTab(respondent, 'Agreement');
    await respondent.evaluate(() => {
      document.querySelectorAll('.mediation-room__documents, .drafting-panel, .rich-text-editor').forEach((pane) => (pane.scrollTop = pane.scrollHeight));
      window.scrollTo(0, document.body.scrollHeight);
    });
    await signAsParty(mediator, 'zh-CN', linkOf(created, Role.mediator).displayName, 'mouse');
    const notice = respondent.locator('[data-issued-notice]');
    await notice.waitFor({ timeout: 30_000 });
    const box = (await notice.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(PHONE.height);
    expect(await notice.getByRole('button', { name: 'Download my copy (PDF)' }).isVisible()).toBe(true);
    await screenshot(respondent, 'signing-room-phone-issued-notice.png');
    await openTab(respondent, 'Signing');
    await mediator.getByRole('heading', { name: '协议已出具' }).waitFor({ timeout: 30_000 });
    await applicant.getByRole('heading', { name: '协议已出具' }).waitFor({ timeout: 30_000 });
    await respondent.getByRole('heading', { name: 'The agreement has been issued' }).waitFor({ timeout: 30_000 });
    documentNumber = (await respondent.locator('[data-document-number]').textContent())?.trim() ?? '';
    expect(documentNumber).toMatch(DOCUMENT_NUMBER);
    expect((await applicant.locator('[data-document-number]').textContent())?.trim()).toBe(documentNumber);
    expect(await respondent.getByRole('link', { name: 'Verify this document' }).getAttribute('href')).toBe(`/verify/${documentNumber}`);
    await respondent.locator('.signing-panel').evaluate((panel) => panel.parentElement?.scrollTo(0, 0));
    await screenshot(respondent, 'signing-room-phone-issued.png');
    await mediator.locator('#room-pane-signing').evaluate((pane) => pane.scrollTo(0, 0));
    await screenshot(mediator, 'signing-room-desktop-issued.png');

    // The mediator has five tabs; on the narrowest phone they scroll sideways within their bar, not the page.
    await mediator.setViewportSize(SMALL_PHONE);
    await openTab(mediator, '签署');
    await noHorizontalOverflow(mediator);
    await screenshot(mediator, 'signing-room-phone-mediator-issued.png');
  }, 90_000);

  it('a party downloads their copy from the room; Poppler validates its signature; page 1 and the audit page are kept as images', async () => {
    const [download] = await Promise.all([
      respondent.waitForEvent('download', { timeout: 30_000 }),
      respondent.locator('.issued-agreement').getByRole('button', { name: 'Download my copy (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${documentNumber}.pdf`);
    const file = path.join(RESULTS, 'signing-room-downloaded.pdf');
    await download.saveAs(file);
    downloaded = fs.readFileSync(file);
    expect(downloaded.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await poppler('pdfsig', downloaded)).toContain('Signature is Valid.');
    const text = (await poppler('pdftotext', downloaded)).replace(/\s+/g, '');
    for (const expected of ['人民调解协议书', '王芳', 'LiQiang', documentNumber]) expect(text).toContain(expected);

    const { stdout } = await run('pdfinfo', [file]);
    const pages = Number(/Pages:\s+(\d+)/.exec(stdout)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    for (const [page, name] of [[1, 'signing-room-pdf-page-1'], [pages, 'signing-room-pdf-last-page']] as const) {
      const { stderr } = await run('pdftoppm', ['-png', '-r', '70', '-f', String(page), '-l', String(page), '-singlefile', file, path.join(RESULTS, name)]);
      expect(stderr).toBe('');
    }
  }, 60_000);

  it('the public verification page calls the download authentic and a copy with one changed byte TAMPERED', async () => {
    const page = await newPage('en-US', PHONE, 'verifier');
    await page.goto(`${service.url}/verify`);
    await page.getByLabel('PDF file').setInputFiles({ name: `${documentNumber}.pdf`, mimeType: 'application/pdf', buffer: downloaded });
    await page.getByRole('button', { name: 'Check the file' }).click();
    const result = page.locator('.verification-result');
    await waitUntil(async () => (await result.getAttribute('data-verdict').catch(() => null)) === 'authentic', 20_000);
    await page.getByRole('heading', { name: 'Authentic and unaltered' }).waitFor();
    const signers = result.locator('.verification-result__signer');
    expect(await signers.count()).toBe(3);
    for (const valid of await signers.evaluateAll((items) => items.map((item) => item.getAttribute('data-signature-valid')))) {
      expect(valid).toBe('true');
    }
    expect(await result.textContent()).toContain(documentNumber);
    await noHorizontalOverflow(page);
    await screenshot(page, 'verify-phone-authentic.png');
    await page.screenshot({ path: path.join(RESULTS, 'verify-phone-authentic-full.png'), fullPage: true });

    const tampered = Buffer.from(downloaded);
    const at = Math.floor(tampered.length / 3);
    tampered[at] = tampered[at]! ^ 0x01;
    await page.getByLabel('PDF file').setInputFiles({ name: 'changed.pdf', mimeType: 'application/pdf', buffer: tampered });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await waitUntil(async () => (await result.getAttribute('data-verdict').catch(() => null)) === 'tampered', 20_000);
    await page.getByRole('heading', { name: 'TAMPERED' }).waitFor();
    await page.locator('.verification-result__verdict').evaluate((verdict) => verdict.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => window.scrollBy(0, -60));
    await screenshot(page, 'verify-phone-tampered.png');
    await page.context().close();
  }, 60_000);

  it('the document number’s address, as in the QR code, shows what the records hold, in Chinese on a desktop', async () => {
    const page = await newPage('zh-CN', DESKTOP, 'lookup');
    await page.goto(`${service.url}/verify/${documentNumber}`);
    await page.getByRole('heading', { name: '本服务出具的文书' }).waitFor({ timeout: 20_000 });
    expect(await page.locator('.verification-result').getAttribute('data-verdict')).toBe('found');
    expect(await page.getByLabel('文书编号').inputValue()).toBe(documentNumber);
    // A number alone shows no personal data: nobody's name, and why.
    expect(await page.locator('[data-existence-only]').isVisible()).toBe(true);
    expect(await page.locator('.verification-result__signer').count()).toBe(0);
    await page.screenshot({ path: path.join(RESULTS, 'verify-desktop-lookup.png'), fullPage: true });

    await page.getByLabel('文书编号').fill('MA-1999-000001');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByRole('heading', { name: '非本服务出具' }).waitFor({ timeout: 20_000 });
    expect(page.url()).toContain('/verify/MA-1999-000001');
    await page.context().close();
  }, 60_000);

  it('the committee downloads its copy from the list of cases after signing in', async () => {
    const page = await newPage('en-US', DESKTOP, 'committee');
    await page.goto(`${service.url}/sign-in`);
    await page.getByLabel('Email').fill(TEST_MEDIATOR.email);
    await page.getByLabel('Password').fill(TEST_MEDIATOR.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const link = page.getByRole('link', { name: `Signed agreement ${documentNumber} (PDF)` });
    await link.waitFor({ timeout: 20_000 });
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), link.click()]);
    expect(download.suggestedFilename()).toBe(`${documentNumber}.pdf`);
    const file = path.join(RESULTS, 'signing-room-committee-copy.pdf');
    await download.saveAs(file);
    expect(fs.readFileSync(file).equals(downloaded)).toBe(true);
    await screenshot(page, 'cases-with-signed-agreement.png');
    await page.context().close();
  }, 60_000);
});

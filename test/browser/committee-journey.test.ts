import fs from 'node:fs';
import path from 'node:path';
import { deskRoutes, pathOf, type CreatedCase, type DeskPage } from '@mediation/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/launch-chromium.js';
import { poppler } from '../support/poppler.js';
import { signWholeSession } from '../support/sign-whole-session.js';
import { startTestService, TEST_MEDIATOR, type TestService } from '../support/start-test-service.js';

/**
 * A committee's whole journey through the service, in real Chromium: the province's
 * administrator sets up a committee with a mediator and a member of staff; the mediator
 * opens a case with its links; the parties sign in a session; the staff find the agreement
 * by a party's two-character name, download and verify it, and read the statistics.
 * Every page is photographed on a desktop and a phone.
 */
const RESULTS = path.resolve('test-results', 'committee-journey');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const COMMITTEE = '滇池街道人民调解委员会';
const MEDIATOR = { name: '赵磊', email: 'zhao.lei@dianchi.example', password: 'dianchi mediation 2026' };
const STAFF = { name: '孙丽', email: 'sun.li@dianchi.example', password: 'dianchi archive 2026' };
const CASE_NUMBER = '滇调字〔2026〕第8号';
/** A two-character name: the archive must find it. */
const APPLICANT = '张伟';
const RESPONDENT = '欧阳娜娜';

let service: TestService;
let browser: Browser;
const contexts: BrowserContext[] = [];
let created: CreatedCase;
let documentNumber: string;

beforeAll(async () => {
  fs.mkdirSync(RESULTS, { recursive: true });
  service = await startTestService({ SOCKET_EVENTS_PER_SECOND: '2000', SOCKET_EVENT_BURST: '2000' });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await service?.stop();
});

async function newPage(viewport: typeof DESKTOP, locale: 'zh-CN' | 'en-US' = 'zh-CN'): Promise<Page> {
  const phone = viewport.width < 640;
  const context = await browser.newContext({ locale, viewport, acceptDownloads: true, ...(phone && { isMobile: true, hasTouch: true, deviceScaleFactor: 2 }) });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  return page;
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${service.url}/sign-in`);
  await page.locator('input[type="email"]').fill(email);
  await page.locator('input[type="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
}

/** The same page on a phone, signed in as the same person, photographed. */
async function photographOnPhone(email: string, password: string, url: string, name: string, ready: (page: Page) => Promise<unknown>): Promise<void> {
  const phone = await newPage(PHONE);
  await signIn(phone, email, password);
  await phone.waitForURL((u) => !u.pathname.startsWith('/sign-in'), { timeout: 20_000 });
  await phone.goto(`${service.url}${url}`);
  await ready(phone);
  await phone.screenshot({ path: path.join(RESULTS, `${name}-phone.png`), fullPage: true });
  await phone.context().close();
}

describe('a committee’s journey, in real Chromium', () => {
  it('the administrator adds the committee, its mediator and its staff', async () => {
    const admin = await newPage(DESKTOP, 'en-US');
    await signIn(admin, 'admin@test.example', TEST_MEDIATOR.password);
    await admin.waitForURL(/\/admin$/, { timeout: 20_000 });
    await admin.getByRole('tab', { name: 'Committees' }).click();
    await admin.getByLabel('Name').fill(COMMITTEE);
    await admin.getByLabel('Kind').selectOption({ label: 'Neighbourhood' });
    await admin.getByLabel('Region').selectOption({ label: '示范省 Demo Province › 示范市 Demo City › 示范县 Demo County' });
    await admin.getByRole('button', { name: 'Add committee' }).click();
    await admin.getByRole('status').filter({ hasText: `${COMMITTEE} was added` }).waitFor({ timeout: 20_000 });
    await admin.screenshot({ path: path.join(RESULTS, 'admin-committees-desktop.png'), fullPage: true });

    await admin.getByRole('tab', { name: 'Accounts' }).click();
    for (const [person, role] of [[MEDIATOR, 'Mediator'], [STAFF, 'Committee staff']] as const) {
      await admin.getByLabel('Name').fill(person.name);
      await admin.getByLabel('Email').fill(person.email);
      await admin.getByLabel('Role').selectOption({ label: role });
      await admin.getByLabel('Committee').selectOption({ label: `${COMMITTEE} · 示范县 Demo County` });
      await admin.getByLabel('Initial password').fill(person.password);
      await admin.getByRole('button', { name: 'Add account' }).click();
      await admin.getByRole('status').filter({ hasText: `The account for ${person.email} was added` }).waitFor({ timeout: 30_000 });
    }
    await admin.screenshot({ path: path.join(RESULTS, 'admin-accounts-desktop.png'), fullPage: true });
    await photographOnPhone('admin@test.example', TEST_MEDIATOR.password, '/admin', 'admin', (page) => page.getByRole('tablist').waitFor());
    await admin.context().close();
  }, 120_000);

  it('the mediator opens a case with its parties and their contacts, and gets their links', async () => {
    const mediator = await newPage(DESKTOP);
    await signIn(mediator, MEDIATOR.email, MEDIATOR.password);
    await mediator.waitForURL(/\/cases$/, { timeout: 20_000 });
    await mediator.locator('#case-number').fill(CASE_NUMBER);
    await mediator.locator('#case-title').fill('楼上漏水纠纷');
    await mediator.locator('#case-category').selectOption('neighbourhood');
    const rows = mediator.locator('[id^="participant-name-"]');
    await rows.nth(0).fill(APPLICANT);
    await rows.nth(1).fill(RESPONDENT);
    await mediator.locator('[id^="participant-contact-"]').nth(0).fill('138 0871 0000');
    await mediator.locator('.create-case__waiting-room input[type="checkbox"]').uncheck();
    await mediator.locator('form button[type="submit"]').last().click();
    await mediator.getByText(CASE_NUMBER).first().waitFor({ timeout: 20_000 });
    await mediator.screenshot({ path: path.join(RESULTS, 'desk-desktop.png'), fullPage: true });

    const page = (await (await mediator.context().request.get(`${service.url}${pathOf(deskRoutes.listCases)}`)).json()) as DeskPage;
    const found = page.cases.find((c) => c.caseNumber === CASE_NUMBER)!;
    expect(found.status).toBe('intake');
    created = (await (await mediator.context().request.get(`${service.url}${pathOf(deskRoutes.caseLinks, { caseId: found.id })}`)).json()) as CreatedCase;
    expect(created.links.map((link) => link.displayName)).toEqual([MEDIATOR.name, APPLICANT, RESPONDENT]);
    await photographOnPhone(MEDIATOR.email, MEDIATOR.password, '/cases', 'desk', (p) => p.getByText(CASE_NUMBER).first().waitFor());
    await mediator.context().close();
  }, 120_000);

  it('the parties and the mediator sign the agreement in a session', async () => {
    documentNumber = await signWholeSession(service.url, created);
    expect(documentNumber).toMatch(/^MA-\d{4}-\d{6}$/);
    expect((await service.store.findCase(created.caseId))?.status).toBe('settled');
  }, 120_000);

  it('the staff find the agreement by the applicant’s two-character name, download it and verify it', async () => {
    const staff = await newPage(DESKTOP);
    await signIn(staff, STAFF.email, STAFF.password);
    await staff.waitForURL(/\/archive$/, { timeout: 20_000 });
    await staff.locator('#archive-q').fill(APPLICANT);
    await staff.locator('#archive-q').press('Enter');
    const result = staff.locator('.archive-results__link').filter({ hasText: CASE_NUMBER });
    await result.waitFor({ timeout: 20_000 });
    expect(await staff.locator('.archive-results__link').count()).toBe(1);
    await staff.screenshot({ path: path.join(RESULTS, 'archive-desktop.png'), fullPage: true });
    await result.click();
    await staff.waitForURL(/\/archive\/[^/]+$/, { timeout: 20_000 });
    await staff.getByText(documentNumber).first().waitFor({ timeout: 20_000 });
    await staff.getByText(/哈希链完整 ✓/).waitFor({ timeout: 20_000 });

    const [download] = await Promise.all([staff.waitForEvent('download'), staff.getByRole('button', { name: '下载 PDF' }).click()]);
    const pdf = fs.readFileSync((await download.path())!);
    expect(await poppler('pdfsig', pdf)).toContain('Signature is Valid.');
    expect((await poppler('pdftotext', pdf)).replace(/\s+/g, '')).toContain(APPLICANT);

    await staff.getByRole('button', { name: '核验' }).click();
    await staff.locator('.verdict--authentic').waitFor({ timeout: 20_000 });
    expect(await staff.locator('.verdict--authentic').textContent()).toContain(COMMITTEE);
    // Both are in the case's record, and in the access log the committee reads.
    await staff.reload();
    await staff.getByText('下载与核验记录').waitFor({ timeout: 20_000 });
    const audit = (await service.store.listAudit(created.caseId)).map((entry) => [entry.type, entry.actor.name]);
    expect(audit).toContainEqual(['agreement.downloaded', STAFF.name]);
    expect(audit).toContainEqual(['agreement.verified', STAFF.name]);
    await staff.screenshot({ path: path.join(RESULTS, 'archive-case-desktop.png'), fullPage: true });
    await photographOnPhone(STAFF.email, STAFF.password, `/archive/${created.caseId}`, 'archive-case', (p) => p.getByText(/哈希链完整 ✓/).waitFor({ timeout: 20_000 }));
    await staff.context().close();
  }, 120_000);

  it('the staff read the committee’s statistics: one case, settled, its agreement issued, drawn as charts', async () => {
    const staff = await newPage(DESKTOP);
    await signIn(staff, STAFF.email, STAFF.password);
    await staff.waitForURL(/\/archive$/, { timeout: 20_000 });
    await staff.goto(`${service.url}/statistics`);
    const figure = (name: string) => staff.locator(`[data-figure=${name}] dd`).first();
    await figure('cases').filter({ hasText: /^1$/ }).waitFor({ timeout: 20_000 });
    expect(await figure('agreementsIssued').textContent()).toBe('1');
    expect(await figure('settlementRate').textContent()).toContain('100');
    for (const chart of ['byMonth', 'byCategory', 'byStatus']) {
      await staff.locator(`[data-chart=${chart}] canvas`).first().waitFor({ timeout: 20_000 });
    }
    await staff.waitForTimeout(1000);
    await staff.screenshot({ path: path.join(RESULTS, 'statistics-desktop.png'), fullPage: true });
    await photographOnPhone(STAFF.email, STAFF.password, '/statistics', 'statistics', (p) => p.locator('[data-chart=byStatus] canvas').first().waitFor({ timeout: 20_000 }));
    await staff.context().close();
  }, 120_000);
});

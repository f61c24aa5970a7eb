import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashApiKey } from '../../server/src/organisation/api-key-secret.js';
import { launchChromium } from '../support/launch-chromium.js';
import { startTestService, TEST_MEDIATOR, type TestService } from '../support/start-test-service.js';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const COMMITTEE = '翠湖社区人民调解委员会';
const MEDIATOR = { name: '刘洋', email: 'liu.yang@example.cn', password: 'cuihu mediation 2026' };

let service: TestService;
let browser: Browser;

beforeAll(async () => {
  service = await startTestService();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

async function newPage(viewport: typeof DESKTOP): Promise<Page> {
  const phone = viewport.width < 640;
  const context = await browser.newContext({ locale: 'en-US', viewport, ...(phone && { isMobile: true, hasTouch: true, deviceScaleFactor: 3 }) });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error));
  return page;
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${service.url}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('the administration pages, in real Chromium', () => {
  let admin: Page;

  it('the demo administrator signs in and lands on the administration, with its links in the header', async () => {
    admin = await newPage(DESKTOP);
    await signIn(admin, 'admin@test.example', TEST_MEDIATOR.password);
    await admin.waitForURL(/\/admin$/, { timeout: 20_000 });
    await admin.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
    const header = admin.getByRole('banner');
    for (const link of ['Archive', 'Statistics', 'Administration', 'API']) await header.getByRole('link', { name: link, exact: true }).waitFor();
    expect(await header.textContent()).toContain('Signed in as 王珊 Wang Shan, 示范省 Demo Province');
    await admin.getByRole('tab', { name: 'Regions' }).waitFor();
    expect(await admin.getByText('示范县 Demo County').count()).toBeGreaterThan(0);
  }, 60_000);

  it('creates a committee at the demo county', async () => {
    await admin.getByRole('tab', { name: 'Committees' }).click();
    await admin.getByLabel('Name').fill(COMMITTEE);
    await admin.getByLabel('Kind').selectOption({ label: 'Neighbourhood' });
    await admin.getByLabel('Region').selectOption({ label: '示范省 Demo Province › 示范市 Demo City › 示范县 Demo County' });
    await admin.getByRole('button', { name: 'Add committee' }).click();
    await admin.getByRole('status').filter({ hasText: `${COMMITTEE} was added` }).waitFor({ timeout: 20_000 });
    await admin.getByRole('listitem').filter({ hasText: COMMITTEE }).waitFor();
    const committees = await service.store.listCommitteesUnder('/region-root/');
    expect(committees.map((committee) => committee.name)).toContain(COMMITTEE);
  }, 60_000);

  it('adds a mediator to it', async () => {
    await admin.getByRole('tab', { name: 'Accounts' }).click();
    await admin.getByLabel('Name').fill(MEDIATOR.name);
    await admin.getByLabel('Email').fill(MEDIATOR.email);
    await admin.getByLabel('Role').selectOption({ label: 'Mediator' });
    await admin.getByLabel('Committee').selectOption({ label: `${COMMITTEE} · 示范县 Demo County` });
    const add = admin.getByRole('button', { name: 'Add account' });
    await admin.getByLabel('Initial password').fill('too short');
    expect(await add.isDisabled()).toBe(true);
    await admin.getByLabel('Initial password').fill(MEDIATOR.password);
    await add.click();
    await admin.getByRole('status').filter({ hasText: `The account for ${MEDIATOR.email} was added` }).waitFor({ timeout: 20_000 });
    const row = admin.locator(`[data-email="${MEDIATOR.email}"]`);
    expect(await row.textContent()).toContain(COMMITTEE);
    expect(await row.textContent()).toContain('Mediator');
  }, 60_000);

  it('creates an API key, shown once with a warning, and only its hash is kept', async () => {
    await admin.getByRole('tab', { name: 'API keys' }).click();
    await admin.getByLabel('Name').fill('Provincial 12348 platform');
    await admin.getByLabel('Region it reaches').selectOption({ label: '示范省 Demo Province › 示范市 Demo City' });
    await admin.getByRole('button', { name: 'Create key' }).click();
    const key = await admin.getByLabel('API key', { exact: true }).inputValue({ timeout: 20_000 });
    expect(key).toMatch(/^mrk_/);
    expect(await admin.getByText('It is shown only this once').count()).toBe(1);
    expect((await service.store.findApiKeyByHash(hashApiKey(key)))?.name).toBe('Provincial 12348 platform');
    await admin.getByRole('button', { name: 'I have copied it' }).click();
    await admin.getByRole('listitem').filter({ hasText: 'Provincial 12348 platform' }).waitFor();
    expect(await admin.content()).not.toContain(key);
  }, 60_000);

  it('shows the administrator’s actions in the activity', async () => {
    await admin.getByRole('tab', { name: 'Activity' }).click();
    const created = admin.locator('[data-type="account.created"]').filter({ hasText: MEDIATOR.email });
    await created.waitFor({ timeout: 20_000 });
    expect(await created.textContent()).toContain('王珊 Wang Shan');
    await admin.locator('[data-type="committee.created"]').filter({ hasText: COMMITTEE }).waitFor();
    await admin.locator('[data-type="account.signed-in"]').first().waitFor();
    await admin.context().close();
  }, 60_000);

  it('the new mediator signs in on a phone and lands on their cases; the menu has their links', async () => {
    const mediator = await newPage(PHONE);
    await signIn(mediator, MEDIATOR.email, MEDIATOR.password);
    await mediator.waitForURL(/\/cases$/, { timeout: 20_000 });
    await mediator.getByRole('button', { name: 'Menu' }).click();
    await mediator.locator('#app-header-menu').getByText(`Signed in as ${MEDIATOR.name}, ${COMMITTEE}`).waitFor();
    await mediator.getByRole('link', { name: 'Cases', exact: true }).waitFor();
    expect(await mediator.getByRole('link', { name: 'Administration' }).count()).toBe(0);
    // A mediator who asks for the administration is sent back to their own page.
    await mediator.goto(`${service.url}/admin`);
    await mediator.waitForURL(/\/cases$/, { timeout: 20_000 });
    await mediator.context().close();
  }, 60_000);
});

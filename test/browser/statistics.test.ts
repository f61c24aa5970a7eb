import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/launch-chromium.js';
import { startTestService, TEST_MEDIATOR, type TestService } from '../support/start-test-service.js';
import { addStatisticsDemoData } from '../support/statistics-demo-data.js';

const RESULTS = path.resolve('test-results');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
/** The charts a committee's figures have (a region's add byRegion and byCommittee). */
const COMMITTEE_CHARTS = ['byMonth', 'byCategory', 'byStatus'];

let service: TestService;
let browser: Browser;
/** Every CSP violation and page error, with the page it came from. */
const violations: string[] = [];

beforeAll(async () => {
  service = await startTestService();
  await addStatisticsDemoData(service);
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

async function watchedContext(name: string, locale: string, viewport: { width: number; height: number }): Promise<BrowserContext> {
  const context = await browser.newContext({ locale, viewport, acceptDownloads: true });
  await context.exposeFunction('reportCspViolation', (report: string) => violations.push(`[${name}] ${report}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation: (report: string) => void }).reportCspViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber} (${event.sample})`);
    });
  });
  context.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(`[${name}] console: ${message.text()}`);
  });
  context.on('weberror', (error) => violations.push(`[${name}] page error: ${error.error().message}`));
  return context;
}

async function signInToStatistics(page: Page, who: 'staff' | 'admin'): Promise<void> {
  await page.goto(`${service.url}/sign-in?redirect=/statistics`);
  await page.locator('input[type=email]').fill(TEST_MEDIATOR.email.replace('mediator@', `${who}@`));
  await page.locator('input[type=password]').fill(TEST_MEDIATOR.password);
  await page.locator('form button[type=submit]').click();
  await page.waitForURL(/\/statistics/);
}

/** How many pixels of a chart's canvas are drawn (neither transparent nor white). */
function drawnPixels(page: Page, chart: string): Promise<number> {
  return page.locator(`[data-chart=${chart}] canvas`).first().evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let drawn = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3]! > 0 && (data[i]! < 250 || data[i + 1]! < 250 || data[i + 2]! < 250)) drawn++;
    }
    return drawn;
  });
}

/** Waits until every chart named has drawn on its canvas (ECharts draws in animation frames). */
async function chartsDrawn(page: Page, charts: string[]): Promise<Record<string, number>> {
  const drawn: Record<string, number> = {};
  for (const chart of charts) {
    await page.locator(`[data-chart=${chart}] canvas`).first().waitFor({ timeout: 20_000 });
    await page.waitForFunction((name) => {
      const canvas = document.querySelector<HTMLCanvasElement>(`[data-chart=${name}] canvas`);
      return canvas !== null && canvas.width > 0;
    }, chart);
    const deadline = Date.now() + 10_000;
    do drawn[chart] = await drawnPixels(page, chart);
    while (drawn[chart]! < 1000 && Date.now() < deadline);
  }
  return drawn;
}

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS, name), fullPage: true });
}

describe('the statistics page in real Chromium, under the Content-Security-Policy', () => {
  it('committee staff see their figures drawn as charts, and a chart downloads as CSV', async () => {
    const context = await watchedContext('staff', 'en-US', DESKTOP);
    const page = await context.newPage();
    await signInToStatistics(page, 'staff');
    const drawn = await chartsDrawn(page, COMMITTEE_CHARTS);
    for (const chart of COMMITTEE_CHARTS) expect(drawn[chart], chart).toBeGreaterThan(1000);
    await expect(page.locator('[data-figure=cases] dd').first().textContent()).resolves.toMatch(/^\d+$/);
    // A tooltip too is drawn on the canvas: hovering shows it without an inline style to refuse.
    const month = page.locator('[data-chart=byMonth] canvas').first();
    const box = (await month.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await screenshot(page, 'statistics-staff-desktop.png');

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 20_000 }),
      page.locator('[data-chart=byCategory]').getByRole('link', { name: 'Download CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^statistics-byCategory-\d{4}-\d{2}-\d{4}-\d{2}\.csv$/);
    const csv = fs.readFileSync(await download.path());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('Dispute category,Cases received');
    expect(lines[1]).toMatch(/^neighbourhood,\d+$/);
    expect(violations).toEqual([]);
    await context.close();
  }, 90_000);

  it('an administrator on a phone sees the province in Chinese, with its cities and every chart drawn', async () => {
    const context = await watchedContext('admin', 'zh-CN', PHONE);
    const page = await context.newPage();
    await signInToStatistics(page, 'admin');
    const charts = [...COMMITTEE_CHARTS, 'byRegion'];
    const drawn = await chartsDrawn(page, charts);
    for (const chart of charts) expect(drawn[chart], chart).toBeGreaterThan(1000);
    // ECharts describes each chart for screen readers, in the page's language, from its data.
    await expect(page.locator('[data-chart=byCategory] [aria-label]').first().getAttribute('aria-label')).resolves.toContain('邻里纠纷');
    await expect(page.locator('[data-chart=byRegion] [aria-label]').first().getAttribute('aria-label')).resolves.toContain('北城市');
    // Stacked on a phone: every chart as wide as the page, none beyond it.
    const widths = await page.locator('[data-chart]').evaluateAll((cards) => cards.map((card) => card.getBoundingClientRect().width));
    for (const width of widths) expect(width).toBeGreaterThan(PHONE.width - 40);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, 'statistics-admin-phone-zh.png');
    expect(violations).toEqual([]);
    await context.close();
  }, 90_000);
});

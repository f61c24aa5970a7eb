import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/launch-chromium.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

/** Where the page's pictures go, to be looked at (SHOTS_DIR overrides). */
const SHOTS = process.env.SHOTS_DIR ?? path.resolve('test-results', 'api-docs');
const VIEWPORTS = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } };

let service: TestService;
let browser: Browser;

beforeAll(async () => {
  service = await startTestService();
  browser = await launchChromium();
  fs.mkdirSync(SHOTS, { recursive: true });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

/** The API page opened by someone who is not signed in, with every page error and CSP refusal collected. */
async function openApiPage(locale: 'en-US' | 'zh-CN', viewport: keyof typeof VIEWPORTS): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale, viewport: VIEWPORTS[viewport] });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.goto(`${service.url}/api-docs`);
  return { page, problems };
}

describe('the API page', () => {
  for (const [locale, viewport, heading] of [
    ['en-US', 'desktop', 'For platforms (API key)'],
    ['en-US', 'phone', 'For platforms (API key)'],
    ['zh-CN', 'desktop', '面向其他平台（API 密钥）'],
    ['zh-CN', 'phone', '面向其他平台（API 密钥）'],
  ] as const) {
    it(`shows anyone the platform's operations with their schemas and a curl example (${locale}, ${viewport})`, async () => {
      const { page, problems } = await openApiPage(locale, viewport);
      try {
        const platform = page.locator('section', { has: page.getByRole('heading', { level: 2, name: heading }) });
        await platform.waitFor();
        const filing = platform.locator('article', { hasText: '/api/v1/committees/{committeeId}/cases' });
        await expect.poll(() => filing.count()).toBe(1);
        // The request body as a nested list: the party's role is inside participants, with its allowed values.
        const body = await filing.innerText();
        expect(body).toContain('mediatorEmail');
        expect(body).toMatch(/participants[\s\S]*displayName[\s\S]*role[\s\S]*applicant/);
        expect(await filing.locator('pre').innerText()).toContain("-H 'Authorization: Bearer mrk_…'");
        expect(await page.locator('#errors').count()).toBe(1);
        await page.screenshot({ path: path.join(SHOTS, `api-docs-${locale}-${viewport}.png`) });
        await page.screenshot({ path: path.join(SHOTS, `api-docs-${locale}-${viewport}-full.png`), fullPage: true });
        await filing.evaluate((article) => article.scrollIntoView({ block: 'start' }));
        await page.screenshot({ path: path.join(SHOTS, `api-docs-${locale}-${viewport}-file-case.png`) });
        await filing.locator('pre').evaluate((example) => example.scrollIntoView({ block: 'center' }));
        await page.screenshot({ path: path.join(SHOTS, `api-docs-${locale}-${viewport}-example.png`) });
        await page.locator('#errors').evaluate((errors) => errors.scrollIntoView({ block: 'start' }));
        await page.screenshot({ path: path.join(SHOTS, `api-docs-${locale}-${viewport}-errors.png`) });
        expect(problems).toEqual([]);
      } finally {
        await page.context().close();
      }
    }, 60_000);
  }

  it('fits a phone’s width: nothing makes the page scroll sideways', async () => {
    const { page } = await openApiPage('en-US', 'phone');
    try {
      await page.getByRole('heading', { level: 2, name: 'For platforms (API key)' }).waitFor();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    } finally {
      await page.context().close();
    }
  }, 60_000);
});

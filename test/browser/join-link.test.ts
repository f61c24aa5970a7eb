import path from 'node:path';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, type CreatedCase } from '@mediation/shared';
import { createTestCase, linkOf, tokenOf } from '../support/create-test-case.js';
import { launchChromium } from '../support/launch-chromium.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

const RESULTS = path.resolve('test-results');

let service: TestService;
let browser: Browser;
let created: CreatedCase;

beforeAll(async () => {
  service = await startTestService();
  browser = await launchChromium();
  created = await createTestCase(service);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

/** Opens a link in a fresh page that counts every request for a camera or microphone. */
async function open(url: string, locale: string) {
  const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await context.addInitScript(() => {
    const counted = window as unknown as { deviceRequests: number };
    counted.deviceRequests = 0;
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = (constraints) => {
      counted.deviceRequests++;
      return original(constraints);
    };
  });
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

describe('a join link', () => {
  it('that has expired is refused before anyone is greeted or asked for a camera, saying what to do', async () => {
    const link = linkOf(created, Role.applicant);
    const claims = jwt.decode(tokenOf(link.url)) as JwtPayload;
    const expired = jwt.sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 }, service.secret, { algorithm: 'HS256' });
    const page = await open(`${service.url}/join/${created.roomId}#token=${expired}`, 'zh-CN');
    const refusal = page.locator('[data-link-refused]');
    await refusal.waitFor({ timeout: 20_000 });
    expect(await refusal.textContent()).toContain('过期');
    expect(await page.getByText(link.displayName).count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { deviceRequests: number }).deviceRequests)).toBe(0);
    await page.screenshot({ path: path.join(RESULTS, 'join-link-expired-phone.png') });
    await page.context().close();
  }, 60_000);

  it('that is good greets the person and only then checks their camera', async () => {
    const page = await open(linkOf(created, Role.respondent).url, 'en-US');
    await page.getByRole('button', { name: 'Join' }).waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => (window as unknown as { deviceRequests: number }).deviceRequests > 0, null, { timeout: 20_000 });
    expect(await page.getByText(linkOf(created, Role.respondent).displayName).count()).toBeGreaterThan(0);
    await page.context().close();
  }, 60_000);
});

import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinFromLink } from '../support/join-from-link.js';
import { inboundStatsScript, launchChromium, recordPeerConnections, type InboundStats } from '../support/launch-chromium.js';
import { waitUntil } from '../support/headless-participant.js';
import { runDemoSession, type DemoSession } from '../support/run-demo-session.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

const SCREENSHOT_DIR = path.resolve('test-results');

let service: TestService;
let browser: Browser;
let demo: DemoSession;
const pages: Page[] = [];

beforeAll(async () => {
  service = await startTestService();
  browser = await launchChromium();
  demo = await runDemoSession(service);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

async function openAndJoin(url: string, locale: string): Promise<Page> {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
  await recordPeerConnections(context);
  const page = await context.newPage();
  await joinFromLink(page, url, locale);
  return page;
}

const stats = (page: Page): Promise<InboundStats> => page.evaluate(inboundStatsScript);

describe('a video room in real Chromium', () => {
  it('three people join from demo-session links and each decodes video and receives audio from both others', async () => {
    expect(demo.partyUrls).toHaveLength(2);
    const urls = [demo.mediatorUrl, ...demo.partyUrls];
    const locales = ['zh-CN', 'en-US', 'en-US'];
    for (const [index, url] of urls.entries()) pages.push(await openAndJoin(url, locales[index]!));

    for (const page of pages) {
      await page.locator('figure[data-participant-id]').nth(2).waitFor({ timeout: 20_000 });
      expect(await page.locator('figure[data-participant-id]').count()).toBe(3);
    }

    for (const page of pages) {
      let first: InboundStats | undefined;
      await waitUntil(async () => {
        first = await stats(page);
        return first.video.filter((v) => v.framesDecoded > 0).length >= 2 && first.audio.filter((a) => a.packetsReceived > 0).length >= 2;
      }, 30_000);
      const decoding = first!.video.filter((v) => v.framesDecoded > 0);
      await waitUntil(async () => {
        const later = await stats(page);
        return decoding.every((before) =>
          later.video.some((v) => v.trackIdentifier === before.trackIdentifier && v.framesDecoded > before.framesDecoded),
        );
      }, 15_000);
    }

    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await pages[0]!.screenshot({ path: path.join(SCREENSHOT_DIR, 'video-room.png') });
  }, 120_000);

  it('when one leaves, the other two drop their tile', async () => {
    const leaving = pages[2]!;
    await leaving.getByRole('button', { name: 'Leave', exact: true }).click();
    // A wrong tap does not cut anyone off: leaving is asked once more.
    await leaving.getByRole('dialog', { name: 'Leave the session?' }).getByRole('button', { name: 'Leave', exact: true }).click();
    for (const page of pages.slice(0, 2)) {
      await waitUntil(async () => (await page.locator('figure[data-participant-id]').count()) === 2, 15_000);
    }
    await waitUntil(() => service.rooms.list()[0]?.participants.size === 2);
    await pages[1]!.screenshot({ path: path.join(SCREENSHOT_DIR, 'video-room-after-leave.png') });
  }, 60_000);
});

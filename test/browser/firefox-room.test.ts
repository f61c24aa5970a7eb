import fs from 'node:fs';
import path from 'node:path';
import type { Browser as ChromiumBrowser, Page as ChromiumPage } from 'playwright-core';
import type { Browser as FirefoxBrowser, Page as FirefoxPage } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../support/headless-participant.js';
import { joinFromLink } from '../support/join-from-link.js';
import { inboundStatsScript, launchChromium, recordPeerConnections, type InboundStats } from '../support/launch-chromium.js';
import { launchFirefox, mediaAddressForFirefox, recordFirefoxPeerConnections } from '../support/launch-firefox.js';
import { runDemoSession, type DemoSession } from '../support/run-demo-session.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

const SCREENSHOT_DIR = path.resolve('test-results');
const TILE = 'figure[data-participant-id]';

let service: TestService;
let chromium: ChromiumBrowser;
let firefox: FirefoxBrowser;
let demo: DemoSession;
let mediatorPage: ChromiumPage;
let partyPage: FirefoxPage;

beforeAll(async () => {
  service = await startTestService({ MEDIASOUP_LISTEN_IP: mediaAddressForFirefox() });
  [chromium, firefox] = await Promise.all([launchChromium(), launchFirefox()]);
  demo = await runDemoSession(service);
}, 120_000);

afterAll(async () => {
  await firefox?.close();
  await chromium?.close();
  await service?.stop();
});

async function openInChromium(url: string): Promise<ChromiumPage> {
  const context = await chromium.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } });
  await recordPeerConnections(context);
  const page = await context.newPage();
  await joinFromLink(page, url, 'en-US');
  return page;
}

async function openInFirefox(url: string): Promise<FirefoxPage> {
  const page = await firefox.newPage();
  await recordFirefoxPeerConnections(page);
  await page.goto(url);
  // The button stays disabled during the device check; the locator waits until it is enabled.
  await page.locator('::-p-aria(Join[role="button"])').setTimeout(30_000).click();
  return page;
}

/** Resolves once the page decodes at least one inbound video stream and its frame count then grows. */
async function expectDecodingVideo(stats: () => Promise<InboundStats>): Promise<void> {
  let first: InboundStats | undefined;
  await waitUntil(async () => {
    first = await stats();
    return first.video.some((v) => v.framesDecoded > 0);
  }, 45_000);
  const decoding = first!.video.filter((v) => v.framesDecoded > 0);
  expect(decoding).toHaveLength(1);
  await waitUntil(async () => {
    const later = await stats();
    return later.video.some((v) => v.trackIdentifier === decoding[0]!.trackIdentifier && v.framesDecoded > decoding[0]!.framesDecoded);
  }, 20_000);
}

describe('a video room between Chromium and Firefox', () => {
  it('a mediator in Chromium and a party in stock Firefox join from demo-session links and each decodes the other’s video', async () => {
    [mediatorPage, partyPage] = await Promise.all([openInChromium(demo.mediatorUrl), openInFirefox(demo.partyUrls[0]!)]);

    await mediatorPage.locator(TILE).nth(1).waitFor({ timeout: 30_000 });
    await waitUntil(async () => (await partyPage.$$(TILE)).length === 2, 30_000);
    expect(await mediatorPage.locator(TILE).count()).toBe(2);
    expect((await partyPage.$$(TILE)).length).toBe(2);

    await expectDecodingVideo(() => mediatorPage.evaluate(inboundStatsScript));
    await expectDecodingVideo(() => partyPage.evaluate(inboundStatsScript));

    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await partyPage.screenshot({ path: path.join(SCREENSHOT_DIR, 'firefox-room.png') });
  }, 180_000);

  it('when the Firefox party leaves, the mediator’s page in Chromium drops its tile', async () => {
    await partyPage.locator('::-p-aria(Leave[role="button"])').setTimeout(15_000).click();
    // The room asks before leaving; the dialog's own Leave answers it.
    await partyPage.locator('dialog[open] .confirm-dialog__actions button:last-child').setTimeout(15_000).click();
    await waitUntil(async () => (await mediatorPage.locator(TILE).count()) === 1, 20_000);
    await waitUntil(() => service.rooms.list()[0]?.participants.size === 1, 20_000);
  }, 60_000);
});

/// <reference lib="dom" />
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, type CreatedCase } from '@mediation/shared';
import { createTestCase, linkOf } from '../support/create-test-case.js';
import { waitUntil } from '../support/headless-participant.js';
import { launchChromium } from '../support/launch-chromium.js';
import { DESKTOP, openRoomPage, PHONE } from '../support/open-room-page.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

const RESULTS = path.resolve('test-results');

/**
 * Calls on bad networks in real Chromium: the mediator's camera goes out in three simulcast
 * layers; a party on a desktop, whose tiles are large, receives a wider picture than a party
 * on a phone, whose tiles are small; sound alone stops the pictures and keeps the sound; every
 * tile shows its connection's quality.
 */

let service: TestService;
let browser: Browser;
let created: CreatedCase;
let mediator: Page;
let desktop: Page;
let phone: Page;

beforeAll(async () => {
  service = await startTestService();
  browser = await launchChromium();
  created = await createTestCase(service);
  fs.mkdirSync(RESULTS, { recursive: true });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

interface VideoStats {
  outboundRids: string[];
  inbound: { trackIdentifier: string; framesDecoded: number; frameWidth: number }[];
  audioPackets: number;
}

/** The page's video streams, from the stats of every peer connection it made. */
function videoStatsScript(): Promise<VideoStats> {
  const connections = (window as unknown as { __peerConnections: RTCPeerConnection[] }).__peerConnections;
  return Promise.all(connections.filter((pc) => pc.connectionState !== 'closed').map((pc) => pc.getStats())).then((reports) => {
    const result: VideoStats = { outboundRids: [], inbound: [], audioPackets: 0 };
    for (const report of reports) {
      report.forEach((stat: Record<string, unknown>) => {
        if (stat.type === 'outbound-rtp' && stat.kind === 'video' && typeof stat.rid === 'string') result.outboundRids.push(stat.rid);
        if (stat.type === 'inbound-rtp' && stat.kind === 'video') {
          result.inbound.push({ trackIdentifier: String(stat.trackIdentifier), framesDecoded: Number(stat.framesDecoded ?? 0), frameWidth: Number(stat.frameWidth ?? 0) });
        }
        if (stat.type === 'inbound-rtp' && stat.kind === 'audio') result.audioPackets += Number(stat.packetsReceived ?? 0);
      });
    }
    return result;
  });
}

const statsOf = (page: Page): Promise<VideoStats> => page.evaluate(videoStatsScript);
const framesOf = (stats: VideoStats) => stats.inbound.reduce((sum, stream) => sum + stream.framesDecoded, 0);
const widestOf = (stats: VideoStats) => Math.max(0, ...stats.inbound.map((stream) => stream.frameWidth));

/** Over one second: whether new video frames were decoded, and whether sound packets arrived. */
async function overOneSecond(page: Page): Promise<{ frames: boolean; sound: boolean }> {
  const before = await statsOf(page);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const after = await statsOf(page);
  return { frames: framesOf(after) > framesOf(before), sound: after.audioPackets > before.audioPackets };
}

/** The quality each tile of the page shows, by participant. */
const qualitiesShown = (page: Page): Promise<string[]> =>
  page.locator('figure[data-participant-id] [data-quality]').evaluateAll((icons) => icons.map((icon) => icon.getAttribute('data-quality') ?? ''));

describe('call quality in Chromium', () => {
  it('the camera sends three simulcast layers, and a small tile receives a narrower picture than a large one', async () => {
    mediator = await openRoomPage(browser, linkOf(created, Role.mediator).url, 'en-US', DESKTOP);
    desktop = await openRoomPage(browser, linkOf(created, Role.applicant).url, 'en-US', DESKTOP);
    phone = await openRoomPage(browser, linkOf(created, Role.respondent).url, 'zh-CN', PHONE);
    for (const page of [mediator, desktop, phone]) await page.locator('figure[data-participant-id]').nth(2).waitFor({ timeout: 30_000 });

    // Everyone decodes both others' cameras, whatever layer each arrives on.
    for (const page of [mediator, desktop, phone]) {
      await waitUntil(async () => (await statsOf(page)).inbound.filter((stream) => stream.framesDecoded > 0).length === 2, 30_000);
    }
    await waitUntil(async () => new Set((await statsOf(mediator)).outboundRids).size === 3, 30_000);
    // Three people: a desktop's tiles are about 590 pixels wide (the largest layer), a phone's about 185 (the smallest).
    let widths = { desktop: 0, phone: 0 };
    await waitUntil(async () => {
      const [large, small] = await Promise.all([statsOf(desktop), statsOf(phone)]);
      widths = { desktop: widestOf(large), phone: widestOf(small) };
      return widths.phone > 0 && widths.phone <= 240 && widths.desktop >= 480;
    }, 60_000).catch(() => {
      throw new Error(`inbound widths did not settle: ${JSON.stringify(widths)}`);
    });
    expect(widths.phone).toBeLessThan(widths.desktop);
  }, 150_000);

  it('every tile shows its connection quality, one’s own included, with a label in the page’s language', async () => {
    for (const page of [mediator, desktop, phone]) {
      await waitUntil(async () => {
        const shown = await qualitiesShown(page);
        return shown.length === 3 && shown.every((quality) => quality !== 'unknown');
      }, 30_000);
    }
    const ownIcon = phone.locator('figure.tile--self [data-quality]');
    expect(await ownIcon.getAttribute('aria-label')).toMatch(/^网络：/);
    expect(await desktop.locator('figure.tile--self [data-quality]').getAttribute('aria-label')).toMatch(/^Connection: /);
    await desktop.screenshot({ path: path.join(RESULTS, 'call-quality-desktop.png') });
    await phone.screenshot({ path: path.join(RESULTS, 'call-quality-phone.png') });
  }, 60_000);

  it('audio only by hand stops the pictures while the sound keeps arriving, and switching back brings them back', async () => {
    await desktop.getByRole('button', { name: 'Audio only', exact: true }).click();
    await desktop.locator('[data-audio-only-notice]').waitFor({ timeout: 10_000 });
    await waitUntil(async () => {
      const { frames, sound } = await overOneSecond(desktop);
      return !frames && sound;
    }, 20_000);
    const room = service.rooms.list()[0]!;
    const viewer = room.participants.get(linkOf(created, Role.applicant).participantId)!;
    expect([...viewer.consumers.values()].filter((c) => c.kind === 'video').every((c) => c.paused)).toBe(true);
    await desktop.screenshot({ path: path.join(RESULTS, 'audio-only-desktop.png') });

    await phone.getByRole('button', { name: '仅音频', exact: true }).click();
    await phone.locator('[data-audio-only-notice]').waitFor({ timeout: 10_000 });
    await phone.screenshot({ path: path.join(RESULTS, 'audio-only-phone.png') });

    await desktop.locator('[data-audio-only-notice]').getByRole('button', { name: 'Turn video back on' }).click();
    await waitUntil(async () => (await overOneSecond(desktop)).frames, 20_000);
    expect(await desktop.locator('[data-audio-only-notice]').count()).toBe(0);
  }, 90_000);
});

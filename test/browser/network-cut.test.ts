import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, type CreatedCase } from '@mediation/shared';
import { createTestCase, linkOf } from '../support/create-test-case.js';
import { cuttableNetwork, relayOnly, type CuttableNetwork } from '../support/cuttable-network.js';
import { waitUntil } from '../support/headless-participant.js';
import { joinFromLink } from '../support/join-from-link.js';
import { inboundStatsScript, launchChromium, recordPeerConnections, selectedCandidateTypes, type InboundStats } from '../support/launch-chromium.js';
import { openRoomPage, DESKTOP } from '../support/open-room-page.js';
import { startTestService, type TestService } from '../support/start-test-service.js';
import { startTurnServer, type TurnServer } from '../support/start-turn-server.js';

/**
 * A party whose network goes away for a few seconds, with nobody clicking anything: once it
 * is back, both pages decode each other's video again and nobody shows twice. Once with the
 * whole network gone (the signalling connection too, as after a switch from Wi-Fi to mobile),
 * once with only the media path gone under a connection that survives (ICE is restarted).
 */

const CUT_MS = 4_000;
const TILE = 'figure[data-participant-id]';

let turn: TurnServer;
let service: TestService;
let browser: Browser;
let created: CreatedCase;
let network: CuttableNetwork;

beforeAll(async () => {
  turn = await startTurnServer();
  service = await startTestService({ TURN_URLS: turn.url, TURN_SECRET: turn.secret });
  browser = await launchChromium();
  created = await createTestCase(service, [{ displayName: 'Applicant A', role: Role.applicant }]);
  network = await cuttableNetwork(service.url, turn);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await network?.close();
  await service?.stop();
  await turn?.stop();
});

/** The applicant's page, on the network the test cuts. */
async function openOnCuttableNetwork(): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US', ...DESKTOP });
  await relayOnly(context);
  await recordPeerConnections(context);
  const page = await context.newPage();
  const link = new URL(linkOf(created, Role.applicant).url);
  await joinFromLink(page, `${network.origin}${link.pathname}${link.search}${link.hash}`, 'en-US');
  return page;
}

/** Video frames each inbound track has decoded so far. */
const framesByTrack = async (page: Page): Promise<Map<string, number>> =>
  new Map(((await page.evaluate(inboundStatsScript)) as InboundStats).video.map((v) => [v.trackIdentifier, v.framesDecoded]));

/** Whether some video track decodes frames it had not decoded at `before`. */
async function decodesAgain(page: Page, before: Map<string, number>): Promise<boolean> {
  for (const [track, frames] of await framesByTrack(page)) if (frames > (before.get(track) ?? 0)) return true;
  return false;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function cutAndRestore(pages: Page[], cut: () => void): Promise<number> {
  cut();
  await sleep(CUT_MS / 2);
  const midway = await Promise.all(pages.map(framesByTrack));
  await sleep(CUT_MS / 2);
  // Frames decoded up to the moment the network is back: only newer ones count.
  const before = await Promise.all(pages.map(framesByTrack));
  // The cut is real: the party's page has decoded nothing in the second half of it.
  expect(await decodesAgain(pages[1]!, midway[1]!)).toBe(false);
  network.restore();
  const restoredAt = Date.now();
  await Promise.all(pages.map((page, index) => waitUntil(() => decodesAgain(page, before[index]!), 30_000)));
  return Date.now() - restoredAt;
}

describe('a party whose network is cut for a few seconds', () => {
  it('is back with video both ways, shown once, without a reload or a click', async () => {
    const mediator = await openRoomPage(browser, linkOf(created, Role.mediator).url, 'en-US');
    const applicant = await openOnCuttableNetwork();
    const pages = [mediator, applicant];
    for (const page of pages) await waitUntil(async () => (await framesByTrack(page)).size > 0 && (await decodesAgain(page, new Map())), 45_000);
    // The party's media takes only the path the test can cut.
    expect(new Set(await applicant.evaluate(selectedCandidateTypes))).toEqual(new Set(['relay']));

    const wholeNetwork = await cutAndRestore(pages, () => network.cut());
    console.log(`whole network back: both pages decoding again after ${wholeNetwork} ms`);
    for (const page of pages) {
      await waitUntil(async () => (await page.locator(TILE).count()) === 2, 10_000);
      expect(await page.getByRole('button', { name: 'Rejoin' }).count()).toBe(0);
    }

    const mediaPath = await cutAndRestore(pages, () => network.cutMedia());
    console.log(`media path back: both pages decoding again after ${mediaPath} ms`);
    for (const page of pages) {
      expect(await page.locator(TILE).count()).toBe(2);
      expect(await page.getByRole('button', { name: 'Rejoin' }).count()).toBe(0);
    }
    await applicant.screenshot({ path: 'test-results/network-cut-applicant.png' });
  }, 180_000);
});

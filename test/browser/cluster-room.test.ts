import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, type CreatedCase } from '@mediation/shared';
import { linkOf } from '../support/create-test-case.js';
import { waitUntil } from '../support/headless-participant.js';
import { inboundStatsScript, launchChromium, type InboundStats } from '../support/launch-chromium.js';
import { openRoomPage } from '../support/open-room-page.js';
import { createCaseOverHttp } from '../support/service-process.js';
import { startCluster, type TestCluster } from '../support/start-cluster.js';

/**
 * Three nodes on one Redis: pages entering through different nodes see and hear each other
 * (the room's signalling relayed to its home node, media to that node's address), and when
 * the home node is killed, every page comes back with video on another node by itself.
 */

let cluster: TestCluster;
let browser: Browser;

beforeAll(async () => {
  cluster = await startCluster(3);
  browser = await launchChromium();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await cluster?.close();
});

function newCase(caseNumber: string): Promise<CreatedCase> {
  return createCaseOverHttp(cluster.nodes[0]!.url, {
    caseNumber,
    title: 'Across nodes',
    category: 'other',
    waitingRoom: false,
    participants: [
      { displayName: 'Applicant A', role: Role.applicant },
      { displayName: 'Respondent B', role: Role.respondent },
    ],
  });
}

/** The person's link as served by another address (a node, or the load balancer). */
function through(base: string, created: CreatedCase, role: Role): string {
  const link = new URL(linkOf(created, role).url);
  return `${base}${link.pathname}${link.hash}`;
}

const decodingTracks = async (page: Page) =>
  ((await page.evaluate(inboundStatsScript)) as InboundStats).video.filter((v) => v.framesDecoded > 0).map((v) => v.trackIdentifier);


describe('a room across nodes, in the browser', () => {
  it('shows each page the others’ video when they enter through three different nodes', async () => {
    const created = await newCase('CLUSTER-BROWSER-1');
    const roles = [Role.mediator, Role.applicant, Role.respondent];
    const pages: Page[] = [];
    for (const [index, role] of roles.entries()) pages.push(await openRoomPage(browser, through(cluster.nodes[index]!.url, created, role), 'en-US'));
    for (const page of pages) await waitUntil(async () => (await decodingTracks(page)).length === 2, 30_000);
    for (const page of pages) await page.context().close();
  }, 120_000);

  it('comes back with video on another node when the room’s home node is killed', async () => {
    const created = await newCase('CLUSTER-BROWSER-2');
    const roles = [Role.mediator, Role.applicant, Role.respondent];
    const pages: Page[] = [];
    for (const role of roles) pages.push(await openRoomPage(browser, through(cluster.balancer.url, created, role), 'en-US'));
    for (const page of pages) await waitUntil(async () => (await decodingTracks(page)).length === 2, 30_000);
    const before = await Promise.all(pages.map(decodingTracks));
    const home = await cluster.homeOf(created.roomId);
    expect(home).toBeDefined();

    const killedAt = Date.now();
    await cluster.kill(home!.id);
    const backAfter = await Promise.all(
      pages.map(async (page, index) => {
        await waitUntil(async () => (await decodingTracks(page).catch(() => [])).filter((track) => !before[index]!.includes(track)).length === 2, 45_000);
        return Date.now() - killedAt;
      }),
    );
    console.log(`video back on every page ${Math.max(...backAfter)} ms after the home node was killed (${backAfter.join(', ')} ms)`);
    const newHome = await cluster.homeOf(created.roomId);
    expect(newHome).toBeDefined();
    expect(newHome!.id).not.toBe(home!.id);
    for (const page of pages) {
      expect(await page.locator('figure[data-participant-id]').count()).toBe(3);
      expect(await page.getByRole('button', { name: 'Rejoin' }).count()).toBe(0);
    }
  }, 150_000);
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, type CreatedCase } from '@mediation/shared';
import { createTestCase, linkOf } from '../support/create-test-case.js';
import { waitUntil } from '../support/headless-participant.js';
import { inboundStatsScript, launchChromium, type InboundStats } from '../support/launch-chromium.js';
import { openRoomPage } from '../support/open-room-page.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

/**
 * SIGKILL of the media worker under a session: nobody clicks anything, and both pages
 * decode each other's video again, on the worker that replaced it, with no tile twice.
 */

let service: TestService;
let browser: Browser;
let created: CreatedCase;

beforeAll(async () => {
  service = await startTestService();
  browser = await launchChromium();
  created = await createTestCase(service, [{ displayName: 'Applicant A', role: Role.applicant }]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

const open = (role: Role): Promise<Page> => openRoomPage(browser, linkOf(created, role).url, 'en-US');

const decodingTracks = async (page: Page) =>
  ((await page.evaluate(inboundStatsScript)) as InboundStats).video.filter((v) => v.framesDecoded > 0).map((v) => v.trackIdentifier);

describe('a media worker killed under a session', () => {
  it('comes back by itself: both pages decode again, each showing the other once', async () => {
    const pages = [await open(Role.mediator), await open(Role.applicant)];
    for (const page of pages) await waitUntil(async () => (await decodingTracks(page)).length > 0, 30_000);
    const before = await Promise.all(pages.map(decodingTracks));

    const killedAt = Date.now();
    process.kill(service.workers.workers[0]!.worker.pid, 'SIGKILL');

    await Promise.all(
      pages.map((page, index) =>
        waitUntil(async () => (await decodingTracks(page)).some((track) => !before[index]!.includes(track)), 30_000),
      ),
    );
    console.log(`media back on both pages ${Date.now() - killedAt} ms after the worker was killed`);
    for (const page of pages) {
      expect(await page.locator('figure[data-participant-id]').count()).toBe(2);
      expect(await page.getByRole('button', { name: 'Rejoin' }).count()).toBe(0);
    }
  }, 120_000);
});

import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, type CreatedCase } from '@mediation/shared';
import { createTestCase, linkOf } from '../support/create-test-case.js';
import { waitUntil } from '../support/headless-participant.js';
import { inboundStatsScript, launchChromium, type InboundStats } from '../support/launch-chromium.js';
import { openRoomPage, PHONE } from '../support/open-room-page.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

const RESULTS = path.resolve('test-results');
/** A laptop's window. */
const LAPTOP = { viewport: { width: 1280, height: 800 } };

/**
 * Screen sharing in real Chromium. Its fake media UI (`--use-fake-ui-for-media-stream`, as
 * the camera tests launch it) answers getDisplayMedia with a generated screen, no picker
 * shown. The mediator shares; a party on a laptop and one on a phone decode it and show it
 * large with the sharer's name; the browser's own stop ends it; a party the mediator allows
 * shares in turn, until the mediator withdraws it.
 */

let service: TestService;
let browser: Browser;
let created: CreatedCase;
let mediator: Page;
let applicant: Page;
let respondent: Page;

beforeAll(async () => {
  service = await startTestService();
  browser = await launchChromium();
  created = await createTestCase(service, [
    { displayName: 'Applicant A', role: Role.applicant },
    { displayName: 'Respondent B', role: Role.respondent },
  ]);
  fs.mkdirSync(RESULTS, { recursive: true });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

const stage = (page: Page) => page.locator('[data-screen-of]');

/** Frames decoded so far of the screen the page shows large; 0 while it shows none. */
async function screenFramesDecoded(page: Page): Promise<number> {
  const trackId = await page.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('[data-screen-of] video');
    return (video?.srcObject as MediaStream | null)?.getVideoTracks()[0]?.id ?? null;
  });
  if (!trackId) return 0;
  const stats = (await page.evaluate(inboundStatsScript)) as InboundStats;
  return stats.video.find((video) => video.trackIdentifier === trackId)?.framesDecoded ?? 0;
}

/** The page decodes the shared screen, and keeps decoding it. */
async function decodesScreen(page: Page): Promise<void> {
  await waitUntil(async () => (await screenFramesDecoded(page)) > 0, 30_000);
  const before = await screenFramesDecoded(page);
  await waitUntil(async () => (await screenFramesDecoded(page)) > before, 15_000);
}

describe('screen sharing in Chromium', () => {
  it('the mediator shares a screen: a laptop and a phone decode it and show it large, saying who shares it', async () => {
    mediator = await openRoomPage(browser, linkOf(created, Role.mediator).url, 'en-US', LAPTOP);
    respondent = await openRoomPage(browser, linkOf(created, Role.respondent).url, 'en-US', LAPTOP);
    applicant = await openRoomPage(browser, linkOf(created, Role.applicant).url, 'zh-CN', PHONE);
    for (const page of [mediator, respondent, applicant]) await page.locator('figure[data-participant-id]').nth(2).waitFor({ timeout: 30_000 });
    // Parties are not allowed to share until the mediator says so: no button for them.
    expect(await respondent.locator('[data-screen-share]').count()).toBe(0);

    await mediator.getByRole('button', { name: 'Share screen' }).click();
    await mediator.getByRole('button', { name: 'Stop sharing' }).waitFor({ timeout: 20_000 });
    await stage(mediator).getByText('You are sharing your screen').waitFor();

    await stage(respondent).getByText(/is sharing their screen$/).waitFor({ timeout: 20_000 });
    await stage(applicant).getByText(/正在共享屏幕$/).waitFor({ timeout: 20_000 });
    await decodesScreen(respondent);
    await decodesScreen(applicant);
    // The cameras stay, small beneath the screen.
    expect(await respondent.locator('.video-grid--strip figure[data-participant-id]').count()).toBe(3);

    await respondent.screenshot({ path: path.join(RESULTS, 'screen-share-desktop.png') });
    await applicant.screenshot({ path: path.join(RESULTS, 'screen-share-phone.png') });
    await mediator.screenshot({ path: path.join(RESULTS, 'screen-share-sharer.png') });
  }, 180_000);

  it('the browser’s own “stop sharing” ends the share for everyone', async () => {
    // What Chromium's sharing bar does: the captured track ends.
    await mediator.evaluate(() => {
      const video = document.querySelector<HTMLVideoElement>('[data-screen-of] video')!;
      (video.srcObject as MediaStream).getVideoTracks()[0]!.dispatchEvent(new Event('ended'));
    });
    await mediator.getByRole('button', { name: 'Share screen' }).waitFor({ timeout: 20_000 });
    for (const page of [mediator, respondent, applicant]) await stage(page).waitFor({ state: 'detached', timeout: 20_000 });
    await waitUntil(() => [...service.rooms.list()[0]!.participants.values()].every((p) => p.producerOf('screen') === undefined));
  }, 60_000);

  it('a party the mediator allows shares their screen, until the mediator withdraws it', async () => {
    await mediator.getByRole('button', { name: /Others in the room/ }).click();
    await mediator.locator('[data-person="Respondent B"]').getByRole('button', { name: 'Allow screen sharing' }).click();
    await respondent.locator('[data-screen-share-notice]').filter({ hasText: 'The mediator allows you to share your screen.' }).waitFor({ timeout: 20_000 });

    await respondent.getByRole('button', { name: 'Share screen' }).click();
    await stage(mediator).getByText('Respondent B is sharing their screen').waitFor({ timeout: 20_000 });
    await decodesScreen(mediator);
    await decodesScreen(applicant);
    await mediator.screenshot({ path: path.join(RESULTS, 'screen-share-by-party-desktop.png') });

    await mediator.locator('[data-person="Respondent B"]').getByRole('button', { name: 'Withdraw screen sharing' }).click();
    await respondent.locator('[data-screen-share-notice]').filter({ hasText: 'The mediator has stopped your screen sharing.' }).waitFor({ timeout: 20_000 });
    for (const page of [mediator, respondent, applicant]) await stage(page).waitFor({ state: 'detached', timeout: 20_000 });
    expect(await respondent.locator('[data-screen-share]').count()).toBe(0);
  }, 90_000);
});

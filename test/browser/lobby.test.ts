import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Role, type CreatedCase } from '@mediation/shared';
import { createTestCase, linkOf } from '../support/create-test-case.js';
import { waitUntil } from '../support/headless-participant.js';
import { inboundStatsScript, launchChromium, type InboundStats } from '../support/launch-chromium.js';
import { DESKTOP, openRoomPage, PHONE } from '../support/open-room-page.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

const RESULTS = path.resolve('test-results');

/**
 * The lobby as people see it: a party on a phone waits with their own picture until the
 * mediator, on a desktop, is told someone arrived and lets them in; then each decodes the
 * other's video. A second party is turned away and told so; the mediator ends the session.
 */

let service: TestService;
let browser: Browser;
let created: CreatedCase;
let mediator: Page;
let applicant: Page;

beforeAll(async () => {
  service = await startTestService();
  browser = await launchChromium();
  created = await createTestCase(service, undefined, { waitingRoom: true });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

const open = (url: string, locale: string, phone: boolean): Promise<Page> => openRoomPage(browser, url, locale, phone ? PHONE : DESKTOP);

const decodedFrames = async (page: Page) => ((await page.evaluate(inboundStatsScript)) as InboundStats).video.reduce((sum, v) => sum + v.framesDecoded, 0);

describe('the lobby in Chromium', () => {
  it('a party on a phone waits with their own picture; the mediator is told and lets them in; both then see each other', async () => {
    mediator = await open(linkOf(created, Role.mediator).url, 'en-US', false);
    await mediator.locator('[data-room-moderation]').waitFor({ timeout: 30_000 });

    applicant = await open(linkOf(created, Role.applicant).url, 'zh-CN', true);
    const waiting = applicant.locator('[data-lobby-waiting]');
    await waiting.waitFor({ timeout: 30_000 });
    expect(await waiting.textContent()).toContain('调解员稍后将准许您进入');
    // Nothing of the room while waiting: no tiles, no documents, no peer connection receiving.
    expect(await applicant.locator('figure[data-participant-id]').count()).toBe(0);
    expect(await decodedFrames(applicant)).toBe(0);
    await applicant.screenshot({ path: path.join(RESULTS, 'lobby-waiting-phone.png') });

    const arrival = mediator.getByRole('alert').filter({ hasText: 'Applicant A is waiting to be let in.' });
    await arrival.waitFor({ timeout: 20_000 });
    const entry = mediator.locator('[data-lobby-entry]').filter({ hasText: 'Applicant A' });
    await waitUntil(async () => /good connection|fair connection|poor connection/.test((await entry.textContent()) ?? ''), 20_000);
    expect(await entry.textContent()).toContain('camera on');
    await mediator.screenshot({ path: path.join(RESULTS, 'lobby-mediator-desktop.png') });
    await entry.getByRole('button', { name: 'Let in' }).click();

    await applicant.locator('figure[data-participant-id]').nth(1).waitFor({ timeout: 30_000 });
    await mediator.locator('figure[data-participant-id]').nth(1).waitFor({ timeout: 30_000 });
    await waitUntil(async () => (await decodedFrames(applicant)) > 0 && (await decodedFrames(mediator)) > 0, 30_000);
    expect(await mediator.locator('[data-lobby-entry]').count()).toBe(0);
  }, 180_000);

  it('a party turned away is told so in their language', async () => {
    const respondent = await open(linkOf(created, Role.respondent).url, 'en-US', true);
    await respondent.locator('[data-lobby-waiting]').waitFor({ timeout: 30_000 });
    const entry = mediator.locator('[data-lobby-entry]').filter({ hasText: 'Respondent B' });
    await entry.getByRole('button', { name: 'Turn away' }).click({ timeout: 20_000 });
    await respondent.getByText('The mediator did not let you into the room.').waitFor({ timeout: 20_000 });
    await respondent.context().close();
  }, 90_000);

  it('the mediator ends the session for everyone after confirming; the party is told', async () => {
    await mediator.getByRole('button', { name: 'End for everyone' }).click();
    await mediator.getByRole('dialog', { name: 'End the session for everyone?' }).getByRole('button', { name: 'End for everyone' }).click();
    await applicant.getByText('调解员已结束本次调解会话').waitFor({ timeout: 20_000 });
    await mediator.getByText('You ended the session for everyone.').waitFor({ timeout: 20_000 });
    await applicant.screenshot({ path: path.join(RESULTS, 'lobby-session-ended-phone.png') });
  }, 60_000);
});

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
 * The mediator mutes a party on a phone: the party is told, their sound stops reaching the
 * mediator, their button asks instead of unmuting; the mediator allows it again and the
 * party's sound comes back once they unmute.
 */

let service: TestService;
let browser: Browser;
let created: CreatedCase;
let mediator: Page;
let applicant: Page;

beforeAll(async () => {
  service = await startTestService();
  browser = await launchChromium();
  created = await createTestCase(service, [{ displayName: 'Applicant A', role: Role.applicant }]);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

const open = (role: Role, locale: string, phone: boolean): Promise<Page> => openRoomPage(browser, linkOf(created, role).url, locale, phone ? PHONE : DESKTOP);

const audioPackets = async (page: Page) => ((await page.evaluate(inboundStatsScript)) as InboundStats).audio.reduce((sum, a) => sum + a.packetsReceived, 0);

/** Whether the mediator keeps receiving the applicant's sound over a second. */
async function soundArrives(): Promise<boolean> {
  const before = await audioPackets(mediator);
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  return (await audioPackets(mediator)) > before;
}

describe('muting a party in Chromium', () => {
  it('the mediator mutes the party: told on their phone, their sound no longer arrives, their button asks instead', async () => {
    mediator = await open(Role.mediator, 'en-US', false);
    applicant = await open(Role.applicant, 'en-US', true);
    await waitUntil(async () => (await audioPackets(mediator)) > 0, 30_000);

    await mediator.getByRole('button', { name: /Others in the room/ }).click();
    await mediator.locator('[data-person="Applicant A"]').getByRole('button', { name: 'Mute' }).click();
    await applicant.locator('[data-held-notice]').filter({ hasText: 'The mediator muted your microphone.' }).waitFor({ timeout: 20_000 });
    await waitUntil(async () => !(await soundArrives()), 20_000);
    await applicant.screenshot({ path: path.join(RESULTS, 'muted-by-mediator-phone.png') });

    await applicant.getByRole('button', { name: 'Ask to unmute' }).click();
    const ask = mediator.locator('[data-unmute-ask]').filter({ hasText: 'Applicant A asks to unmute their microphone.' });
    await ask.waitFor({ timeout: 20_000 });
    await mediator.screenshot({ path: path.join(RESULTS, 'unmute-asked-desktop.png') });
  }, 120_000);

  it('allowed again, the party unmutes and is heard', async () => {
    await mediator.locator('[data-unmute-ask]').getByRole('button', { name: 'Allow' }).click();
    await applicant.locator('[data-held-notice]').filter({ hasText: 'The mediator allows you to unmute your microphone.' }).waitFor({ timeout: 20_000 });
    expect(await soundArrives()).toBe(false);
    await applicant.getByRole('button', { name: 'Unmute microphone' }).click();
    await waitUntil(() => soundArrives(), 20_000);
  }, 60_000);

  it('a party who mutes themselves and reloads the page comes back muted', async () => {
    await applicant.getByRole('button', { name: 'Mute microphone' }).click();
    await waitUntil(async () => !(await soundArrives()), 20_000);
    await applicant.reload();
    await applicant.getByRole('button', { name: 'Join', exact: true }).click({ timeout: 30_000 });
    await applicant.getByRole('button', { name: 'Unmute microphone' }).waitFor({ timeout: 30_000 });
    await waitUntil(async () => (await mediator.locator('figure[data-participant-id]').count()) === 2, 20_000);
    expect(await soundArrives()).toBe(false);
    await applicant.getByRole('button', { name: 'Unmute microphone' }).click();
    await waitUntil(() => soundArrives(), 20_000);
  }, 90_000);
});

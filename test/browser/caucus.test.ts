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
const TILE = 'figure[data-participant-id]';

/**
 * A private caucus seen from the pages: the mediator takes the applicant aside; the
 * respondent, left in the main room on a phone, is told so and decodes no frame and no
 * sound from the caucus; closed, everyone sees everyone again.
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
  created = await createTestCase(service);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

const open = (role: Role, locale: string, phone: boolean): Promise<Page> => openRoomPage(browser, linkOf(created, role).url, locale, phone ? PHONE : DESKTOP);

/** Frames decoded and audio packets received so far, over every peer connection of the page. */
async function received(page: Page): Promise<{ frames: number; audioPackets: number }> {
  const stats = (await page.evaluate(inboundStatsScript)) as InboundStats;
  return {
    frames: stats.video.reduce((sum, v) => sum + v.framesDecoded, 0),
    audioPackets: stats.audio.reduce((sum, a) => sum + a.packetsReceived, 0),
  };
}

describe('a private caucus in Chromium', () => {
  it('everyone first sees everyone', async () => {
    mediator = await open(Role.mediator, 'en-US', false);
    applicant = await open(Role.applicant, 'en-US', false);
    respondent = await open(Role.respondent, 'zh-CN', true);
    for (const page of [mediator, applicant, respondent]) await page.locator(TILE).nth(2).waitFor({ timeout: 30_000 });
    await waitUntil(async () => (await received(respondent)).frames > 0, 30_000);
    // The fake microphones beep: mediasoup's observer names a speaker, and each page rings their tile.
    for (const page of [mediator, applicant, respondent]) await page.locator('[data-speaking]').first().waitFor({ timeout: 30_000 });
  }, 180_000);

  it('the mediator takes the applicant aside: the respondent is told, and receives nothing from them', async () => {
    await mediator.locator('[data-show-spaces]').click();
    await mediator.getByRole('button', { name: 'Private session…' }).click();
    const dialog = mediator.getByRole('dialog', { name: 'Open a private session' });
    await dialog.getByRole('checkbox', { name: /Applicant A/ }).check();
    await dialog.getByRole('button', { name: 'Open and go there' }).click();

    const notice = respondent.locator('[data-caucus-notice]');
    await notice.waitFor({ timeout: 20_000 });
    expect(await notice.textContent()).toContain('调解员正在与Applicant A单独会谈');
    await waitUntil(async () => (await respondent.locator(TILE).count()) === 1, 20_000);
    await waitUntil(async () => (await applicant.locator(TILE).count()) === 2 && (await mediator.locator(TILE).count()) === 2, 20_000);

    // The caucus decodes on, the main room receives nothing of it.
    const before = await received(respondent);
    const applicantBefore = await received(applicant);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const after = await received(respondent);
    expect(after).toEqual(before);
    expect((await received(applicant)).frames).toBeGreaterThan(applicantBefore.frames);
    expect(await applicant.locator('[data-caucus-notice]').textContent()).toContain('Private session with the mediator');
    // Who speaks in the caucus is never rung on the main room's screen.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const ringing = await respondent.locator('[data-speaking]').evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute('data-participant-id')));
    expect(ringing.every((id) => id === linkOf(created, Role.respondent).participantId)).toBe(true);

    await mediator.screenshot({ path: path.join(RESULTS, 'caucus-mediator-desktop.png') });
    await respondent.screenshot({ path: path.join(RESULTS, 'caucus-waiting-party-phone.png') });
    await mediator.setViewportSize({ width: 390, height: 844 });
    await mediator.screenshot({ path: path.join(RESULTS, 'caucus-mediator-phone.png') });
    await mediator.setViewportSize({ width: 1366, height: 860 });
  }, 90_000);

  it('the chat of each space: the caucus’s words reach the mediator alone; the phone reads its chat over the video', async () => {
    await applicant.getByRole('tab', { name: 'Chat' }).click();
    await applicant.getByLabel('Message').fill('I could accept 8,000, but do not tell them yet.');
    await applicant.getByLabel('Message').press('Enter');
    await mediator.getByRole('tab', { name: 'Chat (1 new)' }).click({ timeout: 20_000 });
    await mediator.locator('[data-chat-message]').filter({ hasText: 'I could accept 8,000' }).waitFor({ timeout: 20_000 });

    await respondent.locator('[data-chat-toggle]').click();
    await respondent.getByLabel('消息').fill('请问调解员什么时候回来？');
    await respondent.getByRole('button', { name: '发送' }).click();
    await respondent.locator('[data-chat-message]').filter({ hasText: '什么时候回来' }).waitFor({ timeout: 20_000 });
    expect(await respondent.locator('[data-chat-message]').filter({ hasText: '8,000' }).count()).toBe(0);
    // The video stays in sight above the chat.
    expect(await respondent.locator('figure[data-participant-id]').first().isVisible()).toBe(true);
    await respondent.screenshot({ path: path.join(RESULTS, 'chat-phone-main-room.png') });
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await mediator.locator('[data-chat-message]').filter({ hasText: '什么时候回来' }).count()).toBe(0);
    await mediator.screenshot({ path: path.join(RESULTS, 'chat-mediator-caucus-desktop.png') });
  }, 60_000);

  it('the caucus’s notes: the applicant types in them and the mediator sees it; the respondent in the main room has no such tab', async () => {
    await applicant.getByRole('tab', { name: 'Session notes' }).click();
    const applicantNotes = applicant.locator('[data-caucus-notes]');
    await applicantNotes.locator('.ProseMirror').click({ timeout: 20_000 });
    await applicant.keyboard.type('Would accept 8,000 if paid this month.');
    await mediator.getByRole('tab', { name: 'Session notes' }).click();
    const mediatorNotes = mediator.locator('[data-caucus-notes]');
    await mediatorNotes.filter({ hasText: 'if paid this month' }).waitFor({ timeout: 20_000 });
    expect(await mediatorNotes.textContent()).toContain('Private session 1 · open');
    expect(await respondent.getByRole('tab').allTextContents()).not.toContain('单独会谈笔记');
    expect(await respondent.locator('[data-caucus-notes]').count()).toBe(0);

    await applicant.screenshot({ path: path.join(RESULTS, 'caucus-notes-applicant-desktop.png') });
    await mediator.screenshot({ path: path.join(RESULTS, 'caucus-notes-mediator-desktop.png') });
    await mediator.setViewportSize({ width: 390, height: 844 });
    await mediator.getByRole('tab', { name: 'Session notes' }).click();
    await mediatorNotes.filter({ hasText: 'if paid this month' }).waitFor({ timeout: 20_000 });
    await mediator.screenshot({ path: path.join(RESULTS, 'caucus-notes-mediator-phone.png') });
    await mediator.setViewportSize({ width: 1366, height: 860 });
    await respondent.screenshot({ path: path.join(RESULTS, 'caucus-notes-respondent-phone.png') });
  }, 90_000);

  it('closed, everyone sees and hears everyone again', async () => {
    await mediator.locator('[data-caucus]').getByRole('button', { name: 'Close' }).click();
    for (const page of [mediator, applicant, respondent]) await waitUntil(async () => (await page.locator(TILE).count()) === 3, 20_000);
    const before = await received(respondent);
    await waitUntil(async () => (await received(respondent)).frames > before.frames, 20_000);
    expect(await respondent.locator('[data-caucus-notice]').count()).toBe(0);
    // The caucus's notes stay with the case: the mediator reads them, read-only; its member no longer has them.
    await waitUntil(async () => (await applicant.getByRole('tab', { name: 'Session notes' }).count()) === 0, 20_000);
    await mediator.getByRole('tab', { name: 'Session notes' }).click();
    const kept = mediator.locator('[data-caucus-notes]');
    await kept.filter({ hasText: 'if paid this month' }).waitFor({ timeout: 20_000 });
    await kept.filter({ hasText: 'Read only' }).waitFor({ timeout: 20_000 });
    expect(await kept.textContent()).toContain('Private session 1 · closed');
    expect(await kept.locator('.ProseMirror').getAttribute('contenteditable')).toBe('false');
    await mediator.screenshot({ path: path.join(RESULTS, 'caucus-notes-closed-mediator-desktop.png') });
  }, 60_000);
});

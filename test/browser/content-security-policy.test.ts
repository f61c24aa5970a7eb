import fs from 'node:fs';
import path from 'node:path';
import { Role, type CreatedCase } from '@mediation/shared';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedAgreementRecord } from '../../server/src/store/records.js';
import { createTestCase, linkOf } from '../support/create-test-case.js';
import { waitUntil } from '../support/headless-participant.js';
import { issueFixtureAgreement } from '../support/issue-fixture-agreement.js';
import { launchChromium } from '../support/launch-chromium.js';
import { startTestService, TEST_MEDIATOR, type TestService } from '../support/start-test-service.js';

const RESULTS = path.resolve('test-results');
const DESKTOP = { width: 1280, height: 800 };

let service: TestService;
let browser: Browser;
let created: CreatedCase;
let issued: IssuedAgreementRecord;
/** Every CSP violation any page reported, by event or on its console, with the page it came from. */
const violations: string[] = [];

beforeAll(async () => {
  service = await startTestService();
  browser = await launchChromium();
  created = await createTestCase(service);
  issued = await issueFixtureAgreement(service, (await createTestCase(service)).caseId);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

/** A browser context whose pages report every CSP violation to the test, through the DOM event and the console. */
async function watchedContext(name: string, locale = 'en-US'): Promise<BrowserContext> {
  const context = await browser.newContext({ locale, viewport: DESKTOP });
  await context.exposeFunction('reportCspViolation', (report: string) => violations.push(`[${name}] ${report}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportCspViolation: (report: string) => void }).reportCspViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber} (${event.sample})`);
    });
  });
  context.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(`[${name}] console: ${message.text()}`);
  });
  context.on('weberror', (error) => violations.push(`[${name}] page error: ${error.error().message}`));
  return context;
}

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: path.join(RESULTS, name) });
}

describe('the web client under the Content-Security-Policy, in real Chromium', () => {
  let mediatorContext: BrowserContext;
  let mediator: Page;

  it('signs in and lists the cases', async () => {
    mediatorContext = await watchedContext('mediator');
    mediator = await mediatorContext.newPage();
    await mediator.goto(`${service.url}/sign-in`);
    await mediator.getByLabel('Email').fill(TEST_MEDIATOR.email);
    await mediator.getByLabel('Password').fill(TEST_MEDIATOR.password);
    await screenshot(mediator, 'csp-sign-in.png');
    await mediator.getByRole('button', { name: 'Sign in' }).click();
    await mediator.getByRole('link', { name: `Signed agreement ${issued.documentNumber} (PDF)` }).waitFor({ timeout: 20_000 });
    await screenshot(mediator, 'csp-cases.png');
    expect(violations).toEqual([]);
  }, 60_000);

  it('opens a join link: the device check shows the camera, then the room shows the video', async () => {
    await mediator.goto(linkOf(created, Role.mediator).url);
    await mediator.waitForFunction(() => Array.from(document.querySelectorAll('video')).some((video) => video.readyState >= 2), undefined, { timeout: 30_000 });
    await screenshot(mediator, 'csp-device-check.png');
    await mediator.getByRole('button', { name: 'Join', exact: true }).click({ timeout: 30_000 });
    await mediator.locator('figure[data-participant-id]').first().waitFor({ timeout: 30_000 });
    await screenshot(mediator, 'csp-room.png');
    expect(violations).toEqual([]);
  }, 90_000);

  it('types in the case notes, and another participant sees the text and the writer’s caret', async () => {
    const applicantContext = await watchedContext('applicant');
    const applicant = await applicantContext.newPage();
    await applicant.goto(linkOf(created, Role.applicant).url);
    await applicant.getByRole('button', { name: 'Join', exact: true }).click({ timeout: 30_000 });
    await applicant.getByRole('tab', { name: 'Notes', exact: true }).click({ timeout: 20_000 });

    await mediator.getByRole('tab', { name: 'Notes', exact: true }).click({ timeout: 20_000 });
    const notes = mediator.getByRole('textbox', { name: 'Case notes' });
    await notes.waitFor({ timeout: 20_000 });
    await waitUntil(async () => (await notes.getAttribute('contenteditable')) === 'true', 10_000);
    await notes.click();
    await mediator.keyboard.type('Both parties agree to meet on site on Friday.', { delay: 20 });

    const applicantNotes = applicant.getByRole('textbox', { name: 'Case notes' });
    await waitUntil(async () => ((await applicantNotes.textContent()) ?? '').includes('meet on site on Friday'), 20_000);
    // The caret's colour is set through element.style, which the policy allows.
    const caret = applicant.locator('.collaboration-carets__caret').first();
    await caret.waitFor({ timeout: 20_000 });
    expect(await caret.evaluate((element) => getComputedStyle(element).borderLeftColor)).not.toBe('rgba(0, 0, 0, 0)');
    await screenshot(mediator, 'csp-room-notes.png');
    await screenshot(applicant, 'csp-room-notes-reader.png');
    await applicantContext.close();
    expect(violations).toEqual([]);
  }, 90_000);

  it('checks an issued PDF on the public verification page', async () => {
    const verifierContext = await watchedContext('verifier');
    const page = await verifierContext.newPage();
    await page.goto(`${service.url}/verify`);
    await page.getByLabel('PDF file').setInputFiles({ name: `${issued.documentNumber}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from(issued.pdf) });
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('heading', { name: 'Authentic and unaltered' }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'csp-verify.png');
    await page.goto(`${service.url}/verify/${issued.documentNumber}`);
    await page.locator('.verification-result[data-verdict="found"]').waitFor({ timeout: 20_000 });
    await screenshot(page, 'csp-verify-lookup.png');
    await verifierContext.close();
    expect(violations).toEqual([]);
  }, 60_000);

  it('creates a case from the form, choosing whether the parties wait in the lobby', async () => {
    await mediator.goto(`${service.url}/cases`);
    await mediator.getByLabel('Case number').fill('FORM-1');
    await mediator.getByLabel('Title').fill('Noise from the flat above');
    await mediator.getByLabel('Dispute category').selectOption('neighbourhood');
    await mediator.getByLabel('Name of person 1').fill('王芳');
    await mediator.getByLabel('Name of person 2').fill('李强');
    const waitingRoom = mediator.getByLabel(/Parties wait in the lobby/);
    expect(await waitingRoom.isChecked()).toBe(true);
    await waitingRoom.uncheck();
    await screenshot(mediator, 'csp-create-case.png');
    await mediator.getByRole('button', { name: 'Create case and links' }).click();
    await mediator.getByText('FORM-1 · Noise from the flat above').waitFor({ timeout: 20_000 });
    const created = (await service.store.listCases((await service.store.findAccountByEmail(TEST_MEDIATOR.email))!.committeeId!)).find(
      (c) => c.caseNumber === 'FORM-1',
    );
    expect(created?.waitingRoom).toBe(false);
    expect(violations).toEqual([]);
  }, 60_000);

  it('withdraws a person’s link from the case list and issues a new one', async () => {
    await mediator.goto(`${service.url}/cases`);
    await mediator.getByRole('button', { name: 'Join links' }).first().click({ timeout: 20_000 });
    const item = mediator.locator('.join-link').filter({ hasText: 'Applicant' }).first();
    await item.getByRole('button', { name: 'Withdraw link' }).click({ timeout: 20_000 });
    await mediator.getByRole('dialog').getByRole('button', { name: 'Withdraw link' }).click();
    const withdrawn = mediator.locator('[data-withdrawn-link]').first();
    await withdrawn.waitFor({ timeout: 20_000 });
    await screenshot(mediator, 'csp-links-withdrawn.png');
    await withdrawn.getByRole('button', { name: 'New link' }).click();
    await mediator.locator('[data-withdrawn-link]').first().waitFor({ state: 'detached', timeout: 20_000 });
    expect(violations).toEqual([]);
  }, 60_000);

  it('signs out, after which the list of cases asks to sign in again', async () => {
    await mediator.goto(`${service.url}/cases`);
    await mediator.getByRole('button', { name: 'Sign out' }).click({ timeout: 20_000 });
    await mediator.waitForURL(/\/sign-in/, { timeout: 20_000 });
    await mediator.goto(`${service.url}/cases`);
    await mediator.waitForURL(/\/sign-in/, { timeout: 20_000 });
    await mediatorContext.close();
    expect(violations).toEqual([]);
  }, 60_000);
});

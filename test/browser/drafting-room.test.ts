import fs from 'node:fs';
import path from 'node:path';
import { Role, type CreatedCase } from '@mediation/shared';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCase, linkOf } from '../support/create-test-case.js';
import { waitUntil } from '../support/headless-participant.js';
import { joinFromLink } from '../support/join-from-link.js';
import { launchChromium } from '../support/launch-chromium.js';
import { startTestService, type TestService } from '../support/start-test-service.js';

const SCREENSHOT_DIR = path.resolve('test-results');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 360, height: 740 };

let service: TestService;
let browser: Browser;
let created: CreatedCase;
/** The mediator in Chinese on a desktop, the applicant in English on a desktop, the respondent in Chinese on a phone. */
let mediator: Page;
let applicant: Page;
let respondent: Page;

beforeAll(async () => {
  service = await startTestService();
  browser = await launchChromium();
  created = await createTestCase(service, [
    { displayName: 'Applicant A', role: Role.applicant },
    { displayName: 'Respondent B', role: Role.respondent },
    { displayName: 'Observer O', role: Role.observer },
  ]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await service?.stop();
});

async function openAndJoin(role: Role, locale: 'zh-CN' | 'en-US', viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ locale, viewport, ...(viewport === PHONE && { isMobile: true, hasTouch: true }) });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[${role}] page error:`, error));
  await joinFromLink(page, linkOf(created, role).url, locale);
  return page;
}

async function openTab(page: Page, name: string): Promise<void> {
  await page.getByRole('tab', { name, exact: true }).click({ timeout: 20_000 });
}

/** The clause-mark chip of one participant on the first clause. */
function firstClauseMarkOf(page: Page, role: Role): Locator {
  return page.locator(`li[data-clause-id] >> nth=0`).locator(`.clause-mark[data-participant-id="${linkOf(created, role).participantId}"]`);
}

async function isEditable(editor: Locator): Promise<boolean> {
  return (await editor.getAttribute('contenteditable')) === 'true';
}

async function typeInto(page: Page, editor: Locator, text: string): Promise<void> {
  await editor.click();
  await page.keyboard.press('ControlOrMeta+End');
  // A person's pace: each keystroke is its own message to the server.
  await page.keyboard.type(text, { delay: 25 });
}

/** Flips the mediator's switch and waits until the server's answer has moved it. */
async function setPartyEditing(allowed: boolean): Promise<void> {
  const toggle = mediator.getByRole('switch', { name: '允许当事人编辑' });
  if ((await toggle.isChecked()) !== allowed) await toggle.click();
  await waitUntil(async () => (await toggle.isChecked()) === allowed, 10_000);
}

async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, name) });
}

describe('live drafting in real Chromium', () => {
  it('the mediator allows party editing and starts the agreement from a template, which every party then sees', async () => {
    mediator = await openAndJoin(Role.mediator, 'zh-CN');
    applicant = await openAndJoin(Role.applicant, 'en-US');
    respondent = await openAndJoin(Role.respondent, 'zh-CN', PHONE);

    // Before the mediator allows it, a party reads the notes but cannot change them.
    await openTab(applicant, 'Notes');
    const applicantNotes = applicant.getByRole('textbox', { name: 'Case notes' });
    await applicantNotes.waitFor({ timeout: 20_000 });
    expect(await isEditable(applicantNotes)).toBe(false);

    await openTab(mediator, '协议');
    await mediator.getByLabel('纠纷类别').waitFor({ timeout: 20_000 });
    await screenshot(mediator, 'drafting-room-desktop-template.png');
    await mediator.getByLabel('纠纷类别').selectOption('neighbourhood');
    await mediator.getByLabel('协议语言').selectOption('zh-CN');
    await mediator.getByRole('button', { name: '开始起草' }).click();
    await setPartyEditing(true);

    await openTab(applicant, 'Agreement');
    await openTab(respondent, '协议');
    for (const page of [mediator, applicant, respondent]) {
      await page.getByRole('heading', { name: '人民调解协议书' }).waitFor({ timeout: 20_000 });
      await page.getByRole('textbox', { name: /^(Text of clause 1|第1条的内容)$/ }).waitFor({ timeout: 20_000 });
    }
    expect(await applicant.getByRole('article').textContent()).toContain('申请人：Applicant A');
    await waitUntil(() => isEditable(applicant.getByRole('textbox', { name: 'Text of clause 1' })), 10_000);
    await waitUntil(() => isEditable(respondent.getByRole('textbox', { name: '第1条的内容' })), 10_000);

    await applicant.getByRole('textbox', { name: 'Details of Applicant A' }).fill('ID 5301 **** 1234, Kunming');
    const detailsOnMediator = mediator.getByRole('textbox', { name: 'Applicant A的身份信息' });
    await waitUntil(async () => (await detailsOnMediator.inputValue()) === 'ID 5301 **** 1234, Kunming', 10_000);
  }, 120_000);

  it('text typed in one page’s notes appears on the others’, with a caret named after its writer', async () => {
    await openTab(applicant, 'Notes');
    await openTab(mediator, '笔记');
    const applicantNotes = applicant.getByRole('textbox', { name: 'Case notes' });
    const mediatorNotes = mediator.getByRole('textbox', { name: '案件笔记' });
    await waitUntil(() => isEditable(applicantNotes), 10_000);

    await typeInto(applicant, applicantNotes, 'The fence was built in 2019.');
    await waitUntil(async () => ((await mediatorNotes.textContent()) ?? '').includes('The fence was built in 2019.'), 10_000);
    await mediatorNotes.locator('.collaboration-carets__label', { hasText: 'Applicant A' }).waitFor({ timeout: 10_000 });

    await typeInto(mediator, mediatorNotes, ' 双方同意现场查看。');
    await waitUntil(async () => ((await applicantNotes.textContent()) ?? '').includes('双方同意现场查看。'), 10_000);
    const mediatorName = linkOf(created, Role.mediator).displayName;
    await applicantNotes.locator('.collaboration-carets__label', { hasText: mediatorName }).waitFor({ timeout: 10_000 });
  }, 60_000);

  it('a party’s mark on a clause shows on the other party’s page and goes out of date when the clause changes', async () => {
    await openTab(applicant, 'Agreement');
    await applicant
      .getByRole('group', { name: 'Your position on clause 1' })
      .getByRole('textbox', { name: 'Your comment on clause 1' })
      .fill('Within two weeks, please.');
    await applicant.getByRole('group', { name: 'Your position on clause 1' }).getByRole('button', { name: /Agree/ }).click();

    const markOnRespondent = firstClauseMarkOf(respondent, Role.applicant);
    await markOnRespondent.waitFor({ timeout: 10_000 });
    expect(await markOnRespondent.getAttribute('data-mark')).toBe('agree');
    expect(await markOnRespondent.getAttribute('data-out-of-date')).toBe('false');
    expect(await markOnRespondent.textContent()).toContain('Within two weeks, please.');

    await openTab(mediator, '协议');
    await typeInto(mediator, mediator.getByRole('textbox', { name: '第1条的内容' }), '（十五日内）');
    await waitUntil(async () => (await markOnRespondent.getAttribute('data-out-of-date')) === 'true', 10_000);
    expect(await markOnRespondent.textContent()).toContain('已过期');
    await waitUntil(async () => (await firstClauseMarkOf(applicant, Role.applicant).getAttribute('data-out-of-date')) === 'true', 10_000);
  }, 60_000);

  it('the mediator saves a version and anyone compares it with the current text side by side', async () => {
    await mediator.getByLabel('版本名称').fill('第一稿');
    await mediator.getByRole('button', { name: '保存版本' }).click();
    await applicant.getByRole('listitem').filter({ hasText: 'Version 1: 第一稿' }).waitFor({ timeout: 10_000 });

    await typeInto(mediator, mediator.getByRole('textbox', { name: '第2条的内容' }), '并互相致歉。');
    await waitUntil(async () => ((await applicant.getByRole('textbox', { name: 'Text of clause 2' }).textContent()) ?? '').includes('并互相致歉。'), 10_000);

    await applicant.getByLabel('Earlier text').selectOption({ label: 'Version 1: 第一稿' });
    await applicant.getByLabel('Later text').selectOption({ label: 'Current text' });
    await applicant.getByRole('button', { name: 'Show differences' }).click();
    const diff = applicant.getByRole('table', { name: /Differences between/ });
    await diff.waitFor({ timeout: 10_000 });
    expect(await diff.locator('tr[data-kind="changed"] ins').allTextContents()).toContain('并互相致歉。');
    await diff.scrollIntoViewIfNeeded();
    await screenshot(applicant, 'drafting-room-desktop-versions.png');
  }, 60_000);

  it('a party adds a clause after the last one, and the mediator removes it after confirming', async () => {
    const clauseCount = (page: Page) => page.locator('li[data-clause-id]').count();
    expect(await clauseCount(applicant)).toBe(2);
    await applicant.getByRole('button', { name: 'Add a clause after clause 2' }).click();
    const added = applicant.getByRole('textbox', { name: 'Text of clause 3' });
    await typeInto(applicant, added, 'The respondent pays for the survey.');
    const onMediator = mediator.getByRole('textbox', { name: '第3条的内容' });
    await waitUntil(async () => ((await onMediator.textContent()) ?? '').includes('The respondent pays for the survey.'), 10_000);

    await mediator.getByRole('button', { name: '删除第3条' }).click();
    await mediator.getByRole('alertdialog', { name: '为所有人删除第3条？' }).getByRole('button', { name: '删除' }).click();
    await waitUntil(async () => (await clauseCount(applicant)) === 2 && (await clauseCount(respondent)) === 2, 10_000);
  }, 60_000);

  it('an observer cannot type, and a party can no longer once the mediator withdraws editing', async () => {
    const observer = await openAndJoin(Role.observer, 'en-US');
    await openTab(observer, 'Notes');
    const observerNotes = observer.getByRole('textbox', { name: 'Case notes' });
    await waitUntil(async () => ((await observerNotes.textContent()) ?? '').includes('The fence was built in 2019.'), 20_000);
    expect(await isEditable(observerNotes)).toBe(false);
    const before = await observerNotes.textContent();
    await observerNotes.click();
    await observer.keyboard.type('observer text');
    expect(await observerNotes.textContent()).toBe(before);
    await openTab(observer, 'Agreement');
    expect(await isEditable(observer.getByRole('textbox', { name: 'Text of clause 1' }))).toBe(false);
    expect(await observer.getByRole('group', { name: 'Your position on clause 1' }).count()).toBe(0);
    await observer.locator('li[data-clause-id]').first().scrollIntoViewIfNeeded();
    await screenshot(observer, 'drafting-room-desktop-observer.png');

    await setPartyEditing(false);
    const respondentClause = respondent.getByRole('textbox', { name: '第1条的内容' });
    await waitUntil(async () => !(await isEditable(respondentClause)), 10_000);
    await waitUntil(async () => !(await isEditable(applicant.getByRole('textbox', { name: 'Text of clause 1' }))), 10_000);
    // Nothing any of them tried was refused by the server: the editors never sent a change.
    for (const page of [observer, applicant, respondent]) expect(await page.getByRole('alert').count()).toBe(0);
    await observer.close();
  }, 60_000);

  it('the room shows the documents beside the video on a desktop and in tabs on a phone', async () => {
    await setPartyEditing(true);
    await openTab(mediator, '协议');
    await mediator.locator('#room-pane-agreement').evaluate((pane) => pane.scrollTo(0, 0));
    await screenshot(mediator, 'drafting-room-desktop-agreement.png');
    await openTab(applicant, 'Notes');
    await screenshot(applicant, 'drafting-room-desktop-notes.png');

    await openTab(respondent, '协议');
    await respondent.locator('#room-pane-agreement').evaluate((pane) => pane.scrollTo(0, 0));
    await screenshot(respondent, 'drafting-room-phone-agreement.png');
    await respondent.locator('li[data-clause-id]').first().scrollIntoViewIfNeeded();
    await screenshot(respondent, 'drafting-room-phone-clauses.png');
    await openTab(respondent, '笔记');
    await screenshot(respondent, 'drafting-room-phone-notes.png');
    await openTab(respondent, '视频');
    await respondent.locator('figure[data-participant-id]').nth(2).waitFor({ timeout: 10_000 });
    await screenshot(respondent, 'drafting-room-phone-video.png');

    const overflow = await respondent.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
  }, 60_000);

  it('the mediator restarts the agreement from an English template once warned, and it reads in English for everyone', async () => {
    await mediator.getByRole('button', { name: '从模板重新开始' }).click();
    await mediator.getByText('这将为所有人替换协议的全部文字').waitFor({ timeout: 10_000 });
    await mediator.getByLabel('协议语言').selectOption('en');
    await mediator.getByRole('button', { name: '替换文字' }).click();
    await openTab(applicant, 'Agreement');
    await openTab(respondent, '协议');
    for (const page of [mediator, applicant, respondent]) {
      await page.getByRole('heading', { name: "People's Mediation Agreement" }).waitFor({ timeout: 10_000 });
    }
    // Marks belonged to the clauses that were replaced.
    expect(await respondent.locator('.clause-mark').count()).toBe(0);
    await applicant.locator('#room-pane-agreement').evaluate((pane) => pane.scrollTo(0, 0));
    await screenshot(applicant, 'drafting-room-desktop-agreement-en.png');
  }, 60_000);

  it('on a phone the mediator has every tab, the switch and the versions within the screen’s width, in either language', async () => {
    await mediator.setViewportSize(PHONE);
    await openTab(mediator, '私人笔记');
    await mediator.getByRole('textbox', { name: '私人笔记' }).waitFor({ timeout: 10_000 });
    await mediator.getByLabel('语言').selectOption('en');
    await openTab(mediator, 'Agreement');
    await mediator.getByRole('heading', { name: 'Versions' }).scrollIntoViewIfNeeded();
    await screenshot(mediator, 'drafting-room-phone-mediator.png');
    const overflow = await mediator.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
  }, 60_000);
});

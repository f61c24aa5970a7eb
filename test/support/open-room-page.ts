import type { Browser, Page } from 'playwright-core';
import { joinFromLink } from './join-from-link.js';
import { recordPeerConnections } from './launch-chromium.js';

/** A phone held upright, or a desktop window. */
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
export const DESKTOP = { viewport: { width: 1366, height: 860 } };

/**
 * A fresh browser context for one person: it records its peer connections (for the stats
 * the tests read), opens the person's join link and clicks Join.
 */
export async function openRoomPage(browser: Browser, url: string, locale: string, screen: typeof PHONE | typeof DESKTOP = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ locale, ...screen });
  await recordPeerConnections(context);
  const page = await context.newPage();
  await joinFromLink(page, url, locale);
  return page;
}

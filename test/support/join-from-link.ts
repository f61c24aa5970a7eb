import type { Page } from 'playwright-core';

/**
 * Opens a join link and clicks Join ("加入" in Chinese), as a participant does. The button
 * stays disabled during the device check; the click waits until it is enabled.
 */
export async function joinFromLink(page: Page, url: string, locale: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: locale.startsWith('zh') ? '加入' : 'Join', exact: true }).click({ timeout: 30_000 });
}

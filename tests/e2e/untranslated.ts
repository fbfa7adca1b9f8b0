/** Raw i18n keys on screen (`access:lan.title`, `tabs.users`): what i18next shows for a missing string. */
import type { Page } from '@playwright/test';

const RAW_KEY = /(?<![\w/.:-])(?:[a-z]+:)?[a-z][A-Za-z]*(?:\.[a-z][A-Za-z]*)+(?![\w/.-])/g;

export async function untranslated(page: Page): Promise<string[]> {
  const text = await page.evaluate(() => document.body.innerText);
  return text.match(RAW_KEY) ?? [];
}

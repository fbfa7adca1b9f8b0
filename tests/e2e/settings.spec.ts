/** Every settings tab at 1366×768: opens from its tab, in Chinese, without sideways scrolling, photographed. */
import { expect, test } from '@playwright/test';
import { horizontalOverflow, shot } from './support.js';
import { untranslated } from './untranslated.js';

const TABS = [
  ['shop', '店铺资料'],
  ['users', '用户与角色'],
  ['lan', '局域网访问'],
  ['backup', '备份与恢复'],
  ['transfer', '导入导出'],
  ['prefs', '打印与语言'],
  ['system', '软件更新'],
] as const;

test('every settings tab opens at 1366×768 with no horizontal scrolling and no raw string keys', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/settings');
  for (const [key, label] of TABS) {
    const tab = page.getByTestId(`settings-tab-${key}`);
    await expect(tab).toHaveText(label);
    await tab.click();
    await expect(page).toHaveURL(key === 'shop' ? /\/settings(\?tab=shop)?$/ : new RegExp(`tab=${key}$`));
    await expect(page.getByRole('tab', { selected: true })).toHaveText(label);
    await page.waitForLoadState('networkidle');
    await expect(page.locator('.ant-skeleton, .ant-spin-spinning')).toHaveCount(0);
    expect(await horizontalOverflow(page), `${key} scrolls sideways`).toBeLessThanOrEqual(0);
    expect(await untranslated(page), `${key} shows raw keys`).toEqual([]);
    await shot(page, `settings-${key}`);
  }
  expect(errors).toEqual([]);
});

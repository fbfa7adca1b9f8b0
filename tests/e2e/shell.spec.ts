/** The desk's frame: every screen opens from the menu, in Chinese, without overflow, and is photographed. */
import { expect, test } from '@playwright/test';
import { horizontalOverflow, shot } from './support.js';

const SCREENS = [
  ['/', '工作台', 'dashboard'],
  ['/reception', '接车开单', 'reception'],
  ['/work-orders', '工单', 'work-orders'],
  ['/vehicles', '车辆档案', 'vehicles'],
  ['/customers', '客户', 'customers'],
  ['/parts', '配件与库存', 'parts'],
  ['/archive', '档案上传', 'archive'],
  ['/reports', '报表', 'reports'],
  ['/settings', '设置', 'settings'],
] as const;

test('every screen opens from the menu at 1366×768 with no horizontal scrolling', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/');
  for (const [path, label, name] of SCREENS) {
    await page.getByRole('menuitem', { name: label }).click();
    await expect(page).toHaveURL(new RegExp(`${path === '/' ? '/$' : path}`));
    await page.waitForLoadState('networkidle');
    expect(await horizontalOverflow(page), `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    await shot(page, `screen-${name}`);
  }
  expect(errors).toEqual([]);
});

test('the header shows the demo platform and the global search answers Ctrl+K', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('sync-status')).toContainText('演示平台');
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('combobox', { name: '搜索' })).toBeFocused();
});

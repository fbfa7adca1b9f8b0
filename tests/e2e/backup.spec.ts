/**
 * 设置 → 备份与恢复 and 导入导出 through the real screens (docs/backups-and-transfer.md): back up now,
 * export customers as CSV, and an import that is refused while a row has an error and goes through once
 * the file is fixed. Each test has a core of its own (fresh.ts): backups and imports change the shop.
 */
import fs from 'node:fs';
import { withCreditCheck } from '../../shared/domain/credit-code.js';
import { expect, test } from './fresh.js';
import { api, horizontalOverflow, shot } from './support.js';

test('立即备份 writes a manual backup that appears in the list', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/settings?tab=backup');
  const list = page.getByTestId('backup-list');
  await expect(list).toBeVisible();
  const manual = list.locator('tbody tr').filter({ hasText: '手动' });
  await expect(manual).toHaveCount(0);

  await page.getByTestId('backup-now').click();
  await expect(page.getByText(/^已备份：manual-.*\.db$/)).toBeVisible();
  await expect(manual).toHaveCount(1);
  await expect(manual).toContainText('本机');
  await expect(manual).toContainText(/manual-.*\.db/);
  await expect(page.getByText(/^最近一次备份：/)).toBeVisible();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await shot(page, 'settings-backup-after-backup');
  expect(errors).toEqual([]);
});

const HEADER = '类型,姓名/名称,电话,统一社会信用代码,地址,备注';
const csv = (...lines: string[]) => Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`, 'utf8');

test('customers: CSV export with a Chinese header; an import with a bad row is blocked until fixed', async ({
  page,
  request,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await api(request, 'customers.create', { kind: 'person', name: '陈立新', phone: '13912345678' });

  await page.goto('/settings?tab=transfer');
  await expect(page.getByTestId('transfer-entity')).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const text = fs.readFileSync(await download.path(), 'utf8');
  const [header, ...rows] = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  expect(header).toBe(HEADER);
  expect(rows.some((r) => r.includes('陈立新') && r.includes('13912345678'))).toBe(true);

  // One good row and a company whose 统一社会信用代码 has a wrong check character.
  const good = withCreditCheck('91440101MA5D8K7L3');
  const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
  const file = page.getByTestId('transfer-file');
  await file.setInputFiles({
    name: '客户导入.csv',
    mimeType: 'text/csv',
    buffer: csv(
      '个人,周建华,13922223333,,广州市海珠区江南大道 8 号,',
      `单位,广州市顺达物流有限公司,020-87654321,${bad},,`,
    ),
  });
  const counts = page.getByTestId('transfer-counts');
  await expect(counts).toContainText('共 2 行：新增 1，更新 0，无变化 0，错误 1');
  const badRow = page.getByTestId('transfer-preview').locator('tbody tr').filter({ hasText: '错误' });
  await expect(badRow).toHaveCount(1);
  await expect(badRow.locator('td').first()).toHaveText('3'); // the spreadsheet row: the header is row 1
  await expect(badRow).toContainText('统一社会信用代码：');
  await expect(page.getByTestId('transfer-confirm')).toBeDisabled();
  // The choice is forgotten, so the clerk can fix the file and pick the same file again.
  expect(await file.inputValue()).toBe('');
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await page.getByTestId('transfer-confirm').scrollIntoViewIfNeeded();
  await shot(page, 'settings-transfer-preview-error');

  // The fixed file: both rows new, and the import goes through.
  await file.setInputFiles({
    name: '客户导入.csv',
    mimeType: 'text/csv',
    buffer: csv(
      '个人,周建华,13922223333,,广州市海珠区江南大道 8 号,',
      `单位,广州市顺达物流有限公司,020-87654321,${good},,`,
    ),
  });
  await expect(counts).toContainText('共 2 行：新增 2，更新 0，无变化 0，错误 0');
  await expect(page.getByTestId('transfer-confirm')).toBeEnabled();
  await page.getByTestId('transfer-confirm').scrollIntoViewIfNeeded();
  await shot(page, 'settings-transfer-preview-ok');
  await page.getByTestId('transfer-confirm').click();
  await expect(page.getByText('导入完成：新增 2，更新 0，无变化 0')).toBeVisible();
  await expect(counts).toBeHidden();

  // The customers list finds them.
  await page.getByRole('menuitem', { name: '客户' }).click();
  await page.getByTestId('customer-search').fill('顺达物流');
  await expect(page.getByTestId('customer-row').filter({ hasText: '广州市顺达物流有限公司' })).toContainText(good);
  await page.getByTestId('customer-search').fill('周建华');
  await expect(page.getByTestId('customer-row').filter({ hasText: '周建华' })).toContainText('13922223333');
  expect(errors).toEqual([]);
});

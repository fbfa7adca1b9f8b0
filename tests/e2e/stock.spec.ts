/**
 * 配件与库存 with a barcode scanner: a scanner types the barcode and Enter, faster than any list can
 * load. Stock-in picks the part by its barcode and books the receipt; a stock-take scans the same
 * part, counts it and posts the difference; an adjustment writes one off as damaged.
 */
import { expect, test } from '@playwright/test';
import { api, shot } from './support.js';

test('stock-in, stock-take and adjustment by barcode scan', async ({ page, request }) => {
  const tag = String(Date.now()).slice(-7);
  const barcode = `69${tag}0001`;
  const part = await api(request, 'parts.create', {
    code: `ST-${tag}`,
    name: '刹车片（前）',
    brand: '博世',
    barcode,
    salePriceFen: 32000,
  });

  // Stock-in: the scan lands in the focused part field and picks the part.
  await page.goto('/parts?tab=receive');
  await expect(page.getByTestId('receive-part')).toBeFocused();
  await page.keyboard.type(barcode);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('receive-part')).toHaveValue(new RegExp(`ST-${tag}`));
  await page.getByTestId('receive-quantity').fill('12');
  await page.getByTestId('receive-cost').fill('180');
  await page.getByTestId('receive-submit').click();
  await expect(page.getByTestId('receive-done')).toBeVisible();
  expect((await api(request, 'parts.get', { id: part.id })).onHand).toBe(1200);

  // Stock-take: scan, count 11, post; the book follows the count.
  await page.goto('/parts?tab=stocktake');
  await expect(page.getByTestId('stocktake-part')).toBeFocused();
  await page.keyboard.type(barcode);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('stocktake-row')).toHaveCount(1);
  await expect(page.getByTestId('stocktake-counted')).toBeFocused();
  await page.keyboard.type('11');
  await page.getByTestId('stocktake-reason').fill('月末盘点');
  await shot(page, 'stock-take');
  await page.getByTestId('stocktake-submit').click();
  await page.getByTestId('stocktake-confirm').click();
  await expect(page.getByTestId('stocktake-row')).toHaveCount(0);
  expect((await api(request, 'parts.get', { id: part.id })).onHand).toBe(1100);

  // Adjustment: one damaged, written off with its reason.
  await page.goto('/parts?tab=adjust');
  await expect(page.getByTestId('adjust-part')).toBeFocused();
  await page.keyboard.type(barcode);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('adjust-part-info')).toContainText('11');
  await expect(page.getByTestId('adjust-quantity')).toBeFocused();
  await page.keyboard.type('1');
  await page.getByTestId('adjust-reason').fill('搬运摔坏');
  await page.getByTestId('adjust-submit').click();
  await page.getByTestId('adjust-confirm').click();
  await expect(page.getByTestId('adjust-part')).toHaveValue('');
  expect((await api(request, 'parts.get', { id: part.id })).onHand).toBe(1000);
});

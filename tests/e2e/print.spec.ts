/**
 * The settlement sheet (JT/T 1133) rendered to PDF by Chromium in both paper sizes, with every block
 * of archive-interface.md §4; the reception sheet and the vehicle's health record too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { fenToChineseCapital } from '../../shared/domain/money.js';
import { completedOrder, seedShop } from './seed.js';
import { api, SCREENSHOTS } from './support.js';

const BLOCKS = [
  'print-header',
  'print-settlement-no',
  'print-customer',
  'print-vehicle',
  'print-shop',
  'print-job',
  'print-labour',
  'print-parts',
  'print-totals',
  'print-capital',
  'print-old-parts',
  'print-warranty',
  'print-signatures',
];

test('the settlement sheet carries every block, amounts in figures and 大写, in A4 and 241 mm', async ({
  page,
  request,
}) => {
  const s = await seedShop(request);
  const id = await completedOrder(request, s);
  const settled = await api(request, 'workOrders.settle', {
    id,
    paymentMethod: 'wechat',
    oldPartsDisposition: 'customer_keeps',
  });
  const { settlementNo, totalFen } = settled.order;
  for (const layout of ['A4', '241mm'] as const) {
    await page.goto(`/print/settlement/${id}?layout=${layout}`);
    await expect(page.getByTestId('print-page')).toHaveAttribute('data-ready', 'true');
    for (const b of BLOCKS) await expect(page.getByTestId(b), b).toBeVisible();
    await expect(page.getByTestId('print-settlement-no')).toContainText(settlementNo!);
    await expect(page.getByTestId('print-capital')).toContainText(fenToChineseCapital(totalFen));
    await expect(page.getByTestId('print-warranty')).toContainText('2000');
    await expect(page.getByTestId('print-vehicle')).toContainText(s.vin);
    await expect(page.getByTestId('print-old-parts')).toContainText('托修方');
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByTestId('print-toolbar')).toBeHidden();
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    const pdf = await page.pdf(
      layout === 'A4'
        ? { format: 'A4', path: path.join(SCREENSHOTS, 'settlement-A4.pdf') }
        : {
            width: '241mm',
            height: '279.4mm',
            path: path.join(SCREENSHOTS, 'settlement-241mm.pdf'),
          },
    );
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    await page.emulateMedia({ media: 'screen' });
  }
});

test('the reception sheet and the health record print', async ({ page, request }) => {
  const s = await seedShop(request);
  const id = await completedOrder(request, s);
  await page.goto(`/print/reception/${id}`);
  await expect(page.getByTestId('print-sheet-reception')).toBeVisible();
  await expect(page.getByTestId('print-labour')).toContainText('更换机油机滤');
  await page.goto(`/print/health/${s.vehicle.id}`);
  await expect(page.getByTestId('print-sheet-health')).toBeVisible();
  await expect(page.getByTestId('print-visit')).toHaveCount(1);
  await page.screenshot({ path: path.join(SCREENSHOTS, 'print-health.png') });
});

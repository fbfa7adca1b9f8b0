/**
 * A clerk's whole day in the browser, on the real core: a new vehicle is received, the order gets
 * labour and a part from stock, is worked, completed and settled; the settlement sheet prints with its
 * blocks; the visit is in the vehicle's timeline; stock went down; the record uploads to the demo
 * archive. Then a VIN typo is refused next to its field.
 */
import { expect, type Page, test } from '@playwright/test';
import { fenToChineseCapital } from '../../shared/domain/money.js';
import { api, ensureShop, freshVehicle, horizontalOverflow, shot } from './support.js';

async function stockedPart(request: Parameters<typeof ensureShop>[0], code: string) {
  const part = await api(request, 'parts.create', { code, name: '机油滤清器', brand: '丰田', salePriceFen: 6800 });
  await api(request, 'stock.receive', { partId: part.id, quantity: 1000, unitCostFen: 3500 });
  return part;
}

/** antd Select: open it and pick the option by its visible text. */
async function choose(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option')
    .filter({ hasText: option })
    .first()
    .click();
}

test('reception → order → complete → settle → print → timeline → stock → upload', async ({ page, request }) => {
  await ensureShop(request);
  const { vin, plate } = freshVehicle();
  const part = await stockedPart(request, `90915-D${vin.slice(-4)}`);

  // 接车开单: an unknown plate opens the new-vehicle form with the plate filled in.
  await page.goto('/reception');
  await page.getByTestId('reception-lookup').fill(plate);
  await page.getByTestId('reception-lookup').press('Enter');
  await expect(page.getByTestId('reception-vehicle-form')).toBeVisible();
  await expect(page.getByTestId('vehicle-plate')).toHaveValue(plate);
  await page.getByTestId('vehicle-vin').fill(vin);
  await page.getByTestId('vehicle-brand-model').fill('本田雅阁 1.5T');
  await page.getByTestId('owner-name').fill('周慧敏');
  await page.getByTestId('owner-phone').fill('13800001111');
  await shot(page, 'day-1-new-vehicle');
  await page.getByTestId('vehicle-submit').click();

  await expect(page.getByTestId('reception-order-form')).toBeVisible();
  await page.getByTestId('order-mileage').fill('45210');
  await choose(page, 'order-category', '一级维护');
  await page.getByTestId('order-fault').fill('定期保养，更换机油机滤');
  await page.getByTestId('order-submit').click();
  await expect(page.getByTestId('reception-created')).toBeVisible();

  // Labour and a part from stock, on the new order.
  await page.getByTestId('labour-item').fill('更换机油机滤');
  await page.getByTestId('labour-hours').fill('0.5');
  await page.getByTestId('labour-submit').click();
  await expect(page.getByTestId('labour-row')).toHaveCount(1);
  await page.getByTestId('part-picker').fill(part.code);
  await page.getByTestId('part-picker').press('Enter');
  await page.getByTestId('part-qty').fill('1');
  await page.getByTestId('part-submit').click();
  await expect(page.getByTestId('part-row')).toHaveCount(1);
  await shot(page, 'day-2-order-lines');

  // The work order: start, complete, settle.
  await page.getByTestId('reception-open-order').click();
  await expect(page.getByTestId('wo-detail')).toBeVisible();
  await page.getByTestId('action-start').click();
  await expect(page.getByTestId('wo-status')).toContainText('维修中');
  await page.getByTestId('action-complete').click();
  await page.getByTestId('complete-mileage').fill('45212');
  await page.getByTestId('complete-submit').click();
  await expect(page.getByTestId('wo-status')).toContainText('完工待结算');
  await shot(page, 'day-3-completed');
  const orderUrl = page.url();

  await page.getByTestId('action-settle').click();
  await expect(page.getByTestId('settle-modal')).toBeVisible();
  await page.getByTestId('settle-payment').getByText('微信').click();
  await page.getByTestId('settle-old-parts').getByText('托修方收回').click();
  await expect(page.getByTestId('settle-warranty')).toContainText('2000');
  await shot(page, 'day-4-settle');
  await page.getByTestId('settle-submit').click();

  // The settlement sheet, with its blocks, and as a PDF.
  await expect(page).toHaveURL(/\/print\/settlement\//);
  await expect(page.getByTestId('print-page')).toHaveAttribute('data-ready', 'true');
  const id = orderUrl.split('/').pop()!;
  const detail = await api(request, 'workOrders.get', { id });
  expect(detail.order.status).toBe('settled');
  expect(detail.order.totalFen).toBe(4000 + 6800);
  for (const b of ['print-customer', 'print-vehicle', 'print-shop', 'print-job', 'print-labour', 'print-parts'])
    await expect(page.getByTestId(b)).toBeVisible();
  await expect(page.getByTestId('print-settlement-no')).toContainText(detail.order.settlementNo!);
  await expect(page.getByTestId('print-capital')).toContainText(fenToChineseCapital(detail.order.totalFen));
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  await page.emulateMedia({ media: 'screen' });

  // The visit in the vehicle's timeline.
  await page.goto(`/vehicles/${detail.vehicle.id}`);
  const visit = page.locator(`[data-testid="timeline-item"][data-order="${detail.order.number}"]`);
  await expect(visit).toBeVisible();
  await expect(visit).toContainText('更换机油机滤');
  await expect(visit).toContainText(detail.order.settlementNo!);
  await shot(page, 'day-5-vehicle-timeline');

  // Stock went down by the part used.
  expect((await api(request, 'parts.get', { id: part.id })).onHand).toBe(900);

  // The record uploads to the demo archive by itself, and the order says so.
  await page.goto(orderUrl);
  await expect(page.getByTestId('wo-archive-row')).toContainText('已上传', { timeout: 30_000 });
  await expect(page.getByTestId('sync-status')).toContainText('演示平台');
  await shot(page, 'day-6-uploaded');
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
});

test('a mistyped VIN is refused next to its field, and nothing is created', async ({ page, request }) => {
  await ensureShop(request);
  const { plate } = freshVehicle();
  await page.goto('/reception');
  await page.getByTestId('reception-lookup').fill(plate);
  await page.getByTestId('reception-lookup').press('Enter');
  await page.getByTestId('vehicle-vin').fill('LSVAU2180O1234567'); // the letter O is never in a VIN
  await page.getByTestId('owner-name').fill('错误测试');
  await page.getByTestId('vehicle-submit').click();
  const item = page.locator('.ant-form-item').filter({ has: page.getByTestId('vehicle-vin') });
  await expect(item.locator('.ant-form-item-explain-error')).toBeVisible();
  await expect(item.locator('.ant-form-item-explain-error')).toContainText(/VIN|车辆识别代号|I、O、Q|字符/);
  await shot(page, 'day-vin-error');
  expect((await api(request, 'vehicles.search', { q: plate })).items).toHaveLength(0);
});

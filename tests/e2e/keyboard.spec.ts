/**
 * The same day as day.spec.ts, by keyboard only: no click and no fill — every step is a key press,
 * the way a clerk with a scanner and a numeric pad works (front-desk.md: mostly by keyboard). Enter
 * moves from field to field, Tab reaches the optional ones and the buttons, Ctrl+N opens reception
 * and Ctrl+Enter opens the settlement of a completed order.
 */
import { expect, type Page, test } from '@playwright/test';
import { api, ensureShop, freshVehicle, shot } from './support.js';

/** The data-testid of the focused element, or of the nearest ancestor that has one. */
const focused = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? null);

/** Presses `key` (Tab by default) until the element with `testId` has focus; fails after `max` presses. */
async function pressTo(page: Page, testId: string, key = 'Tab', max = 40) {
  for (let i = 0; i < max; i++) {
    if ((await focused(page)) === testId) return;
    await page.keyboard.press(key);
  }
  expect(await focused(page), `${key} never reached ${testId}`).toBe(testId);
}

/** Focus must be on `testId`, then the text is typed and Enter pressed. */
async function typeAt(page: Page, testId: string, text: string, then = 'Enter') {
  await expect.poll(() => focused(page), { message: `focus on ${testId}` }).toBe(testId);
  await page.keyboard.type(text);
  if (then) await page.keyboard.press(then);
}

test('the whole day by keyboard only', async ({ page, request }) => {
  await ensureShop(request);
  const { vin, plate } = freshVehicle();
  const part = await api(request, 'parts.create', {
    code: `KB-${vin.slice(-6)}`,
    name: '空气滤清器',
    brand: '博世',
    salePriceFen: 5500,
  });
  // Quantities are in hundredths of a unit: 2000 is 20 filters.
  await api(request, 'stock.receive', { partId: part.id, quantity: 2000, unitCostFen: 3000 });

  // Ctrl+N from anywhere: reception, with the lookup focused.
  await page.goto('/');
  await expect(page.getByTestId('sync-status')).toBeVisible();
  await page.keyboard.press('Control+n');
  await expect(page).toHaveURL(/\/reception/);
  await typeAt(page, 'reception-lookup', plate);

  // New vehicle: the plate is carried over and the VIN has focus; Enter walks the required fields.
  await expect(page.getByTestId('vehicle-plate')).toHaveValue(plate);
  await typeAt(page, 'vehicle-vin', vin);
  await typeAt(page, 'vehicle-brand-model', '大众朗逸 1.5L');
  await typeAt(page, 'owner-name', '林小雨');
  await typeAt(page, 'owner-phone', '13912345678');
  await expect.poll(() => focused(page)).toBe('vehicle-submit');
  await page.keyboard.press('Enter');

  // The order: sender fields first (optional, Enter passes them), then mileage, category, fault.
  await expect(page.getByTestId('reception-order-form')).toBeVisible();
  await pressTo(page, 'order-mileage', 'Enter');
  await typeAt(page, 'order-mileage', '61250');
  // The category select: typing filters and Enter picks (and moves on).
  await expect.poll(() => focused(page)).toBe('order-category');
  await page.keyboard.type('小修');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('order-category')).toContainText('小修');
  await pressTo(page, 'order-fault', 'Enter', 2);
  await typeAt(page, 'order-fault', '空调出风有异味', '');
  await pressTo(page, 'order-submit', 'Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('reception-created')).toBeVisible();

  // Labour: focus is already in the item field.
  await typeAt(page, 'labour-item', '更换空调滤芯');
  await typeAt(page, 'labour-hours', '0.3');
  await pressTo(page, 'labour-submit', 'Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('labour-row')).toHaveCount(1);

  // A part, as a scanner types it: the code then Enter picks it, the quantity, Enter adds.
  await pressTo(page, 'part-picker');
  await page.keyboard.type(part.code);
  await page.keyboard.press('Enter');
  await typeAt(page, 'part-qty', '2');
  await pressTo(page, 'part-submit', 'Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('part-row')).toHaveCount(1);
  await shot(page, 'keyboard-1-lines');

  // Open the work order, start, complete.
  await pressTo(page, 'reception-open-order', 'Shift+Tab', 60);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('wo-detail')).toBeVisible();
  await pressTo(page, 'action-start');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('wo-status')).toContainText('维修中');
  await pressTo(page, 'action-complete');
  await page.keyboard.press('Enter');
  await typeAt(page, 'complete-mileage', '61251');
  await expect(page.getByTestId('wo-status')).toContainText('完工待结算');

  // Ctrl+Enter: settle. Arrow keys choose payment; Enter settles.
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('settle-modal')).toBeVisible();
  await pressTo(page, 'settle-payment');
  await page.keyboard.press('ArrowRight');
  await shot(page, 'keyboard-2-settle');
  await pressTo(page, 'settle-old-parts');
  await page.keyboard.press('Enter');

  // The settlement sheet opens; the order is settled and its stock gone.
  await expect(page).toHaveURL(/\/print\/settlement\//);
  await expect(page.getByTestId('print-page')).toHaveAttribute('data-ready', 'true');
  const id = page.url().split('/').pop()!;
  const detail = await api(request, 'workOrders.get', { id });
  expect(detail.order.status).toBe('settled');
  expect(detail.vehicle.vin).toBe(vin);
  expect(detail.order.mileageInKm).toBe(61250);
  expect(detail.order.mileageOutKm).toBe(61251); // typed over the prefilled mileage in, not after it
  expect(detail.order.totalFen).toBe(Math.round(0.3 * 8000) + 2 * 5500);
  expect((await api(request, 'parts.get', { id: part.id })).onHand).toBe(1800); // hundredths: 20 → 18
  await shot(page, 'keyboard-3-sheet');
});

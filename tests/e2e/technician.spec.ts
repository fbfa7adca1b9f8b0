/** The technician's phone view at 375 px: their jobs, start and finish with notes, no sideways scrolling. */
import { expect, test } from '@playwright/test';
import { seedShop } from './seed.js';
import { api, horizontalOverflow, shot } from './support.js';

test.use({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });

test('a technician moves an assigned job to 维修中 and to 完工待结算 with notes', async ({ page, request }) => {
  const s = await seedShop(request);
  const wo = await api(request, 'workOrders.create', {
    vehicleId: s.vehicle.id,
    mileageInKm: 45300,
    faultDescription: '左前轮异响',
    repairCategory: 'minor_repair',
    technicianIds: [s.tech.id],
  });
  await page.goto('/tech');
  await page.getByTestId('tech-pick').getByText(s.tech.name).click();
  const card = page.locator(`[data-testid="tech-job"][data-order="${wo.order.number}"]`);
  await expect(card).toBeVisible();
  await expect(card.getByTestId('tech-start')).toBeEnabled(); // once the job's detail is in
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await shot(page, 'technician-jobs-375');

  await card.getByTestId('tech-start').click();
  await card.getByTestId('tech-note').fill('已拆检，刹车片磨损');
  await card.getByTestId('tech-confirm').click();
  await expect(card).toHaveAttribute('data-status', 'in_progress');

  await card.getByTestId('tech-complete').click();
  await card.getByTestId('tech-mileage-out').fill('45305');
  await card.getByTestId('tech-note').fill('已更换刹车片，试车正常');
  await card.getByTestId('tech-confirm').click();
  await expect(card).toHaveAttribute('data-status', 'completed');
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  await shot(page, 'technician-completed-375');

  const detail = await api(request, 'workOrders.get', { id: wo.order.id });
  expect(detail.order.status).toBe('completed');
  expect(detail.order.notes).toBe('已拆检，刹车片磨损\n已更换刹车片，试车正常');
});

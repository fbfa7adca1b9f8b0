/**
 * Users, PIN sign-in and LAN pairing through the real screens (docs/users-and-lan.md). Each test runs
 * on a core of its own (fresh.ts): multi-user mode and the LAN listener change the whole shop, and the
 * other flows rely on the shared server staying in single-user mode.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { expect, freePort, test } from './fresh.js';
import { shopWithVehicle } from './seed.js';
import { api, horizontalOverflow, shot } from './support.js';
import { untranslated } from './untranslated.js';

/** Nothing wider than the window, no raw string keys, and a picture for people to look at. */
async function look(page: Page, name: string) {
  expect(await horizontalOverflow(page), `${name} scrolls sideways`).toBeLessThanOrEqual(0);
  expect(await untranslated(page), `${name} shows raw keys`).toEqual([]);
  await shot(page, name);
}

const PINS = { 店长: '246810', 王前台: '1357', 李技师: '8642' } as const;

/** 设置 → 用户与角色 → 新增用户, as the clerk would fill it in. */
async function addUser(page: Page, name: string, role: '前台' | '技师') {
  await page.getByTestId('settings-user-add').click();
  const dialog = page.getByRole('dialog', { name: '新增用户' });
  await dialog.getByTestId('settings-user-name').fill(name);
  await dialog.getByTestId('settings-user-role').click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(role, { exact: true }).click();
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
  await expect(userRow(page, name)).toContainText(role);
}

const userRow = (page: Page, name: string) => page.getByTestId('settings-user-row').filter({ hasText: name });

async function setPin(page: Page, name: string, pin: string) {
  await userRow(page, name).getByTestId('settings-user-pin').click();
  const dialog = page.getByRole('dialog', { name: `设置「${name}」的 PIN` });
  await dialog.getByTestId('pin-new').fill(pin);
  await dialog.getByTestId('pin-again').fill(pin);
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await expect(dialog).toBeHidden();
  await expect(userRow(page, name)).toContainText('已设置');
}

/** A settled order (for the manager-only 冲红), seeded while the shop is still in single-user mode. */
async function settledOrder(request: APIRequestContext, technicianId: string) {
  const { vehicle } = await shopWithVehicle(request, '大众朗逸 1.5L', { name: '赵国强', phone: '13800138000' });
  const wo = await api(request, 'workOrders.create', {
    vehicleId: vehicle.id,
    mileageInKm: 30100,
    faultDescription: '更换空调滤芯',
    repairCategory: 'minor_repair',
    technicianIds: [technicianId],
  });
  const id = wo.order.id;
  await api(request, 'workOrders.addLabour', { workOrderId: id, item: '更换空调滤芯', hoursTenths: 3 });
  await api(request, 'workOrders.setStatus', { id, status: 'in_progress' });
  await api(request, 'workOrders.complete', { id, mileageOutKm: 30102 });
  await api(request, 'workOrders.settle', { id, paymentMethod: 'cash', oldPartsDisposition: 'customer_keeps' });
  return wo.order;
}

async function signIn(page: Page, name: keyof typeof PINS, pin: string = PINS[name]) {
  const card = page.getByTestId('sign-in');
  await card.getByTestId('sign-in-user').filter({ hasText: name }).click();
  await card.getByTestId('sign-in-pin').fill(pin);
  await card.getByTestId('sign-in-submit').click();
}

test('multi-user mode: PINs set in settings, sign-in by role, the clerk kept from manager-only acts', async ({
  page,
  request,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));

  // The owner, in single-user mode, adds a clerk and a technician and gives everyone a PIN.
  await page.goto('/settings?tab=users');
  await expect(userRow(page, '店长')).toBeVisible();
  await addUser(page, '王前台', '前台');
  await addUser(page, '李技师', '技师');
  for (const [name, pin] of Object.entries(PINS)) await setPin(page, name, pin);

  const tech = (await api(request, 'users.list', {})).find((u) => u.name === '李技师')!;
  const order = await settledOrder(request, tech.id);

  // 登录方式 → 多人模式, confirmed.
  await page.getByTestId('mode-multi').click();
  const confirm = page.getByRole('dialog').filter({ hasText: '开启多人模式' });
  await confirm.getByRole('button', { name: /确\s*定/ }).click();
  await page.reload();

  // The sign-in screen: everyone with a PIN; a wrong PIN is refused and says so.
  const card = page.getByTestId('sign-in');
  await expect(card).toBeVisible();
  await expect(card.getByTestId('sign-in-user')).toHaveCount(3);
  await look(page, 'access-sign-in');
  await signIn(page, '王前台', '0000');
  await expect(card.getByRole('alert')).toBeVisible();
  await look(page, 'access-sign-in-wrong-pin');

  await card.getByTestId('sign-in-pin').fill(PINS.王前台);
  await card.getByTestId('sign-in-submit').click();
  await expect(page.getByTestId('user-menu')).toContainText('王前台 · 前台');
  await page.getByTestId('user-menu').click();
  await look(page, 'access-user-menu');
  await page.keyboard.press('Escape');

  // The clerk is not offered what the core would refuse (manager only; the core's refusals of every
  // method by role are tested over HTTP and IPC in tests/http/access.test.ts): no 冲红 on a settled
  // order, no user management, no LAN tab, the shop profile read-only.
  await page.goto(`/work-orders/${order.id}`);
  await expect(page.getByText('已结算', { exact: true }).first()).toBeVisible();
  await expect(page.getByTestId('action-print-reception')).toBeVisible();
  await expect(page.getByTestId('action-reverse')).toHaveCount(0);
  await look(page, 'access-clerk-settled-order');
  await page.goto('/settings?tab=users');
  await expect(page.getByTestId('settings-user-row')).toHaveCount(3);
  await expect(page.getByTestId('settings-user-add')).toHaveCount(0);
  await expect(page.getByTestId('settings-user-pin')).toHaveCount(0);
  await expect(page.getByTestId('settings-tab-lan')).toHaveCount(0);
  await page.goto('/settings?tab=shop');
  await expect(page.getByTestId('settings-shop-save')).toBeDisabled();

  // 退出登录 → the sign-in screen; the technician signs in and lands on the technician view.
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(card).toBeVisible();
  await signIn(page, '李技师');
  await expect(page).toHaveURL(/\/tech$/);
  await expect(page.getByTestId('tech-me')).toHaveText('李技师');
  await look(page, 'access-technician-signed-in');
  // The shared PC must not stay signed in as the technician: the view has the same user menu.
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: '退出登录' }).click();
  await expect(card).toBeVisible();

  expect(errors).toEqual([]);
});

test('LAN access: a phone pairs with the code shown at the desk, is listed, and is cut off when revoked', async ({
  page,
  request,
  browser,
}) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // A technician with a job, so the phone has something to show and act on.
  const { vehicle } = await shopWithVehicle(request, '本田雅阁 2.0L', { name: '孙丽', phone: '13711112222' });
  const tech = await api(request, 'users.create', { name: '老李', role: 'technician' });
  const wo = await api(request, 'workOrders.create', {
    vehicleId: vehicle.id,
    mileageInKm: 52000,
    faultDescription: '刹车异响',
    repairCategory: 'minor_repair',
    technicianIds: [tech.id],
  });

  // The LAN listener on loopback and a free port: the tab offers only this machine's LAN interfaces,
  // so the address is set through the API; the port and the switch are the manager's, in the tab.
  const port = await freePort();
  await api(request, 'lan.configure', { enabled: false, host: '127.0.0.1' });
  await page.goto('/settings?tab=lan');
  await page.getByTestId('lan-port').fill(String(port));
  await page.getByTestId('lan-enabled').click();
  await expect(page.getByTestId('lan-enabled')).toBeChecked();
  await expect(page.getByText('正在监听', { exact: true })).toBeVisible();
  const lanUrl = `http://127.0.0.1:${port}`;

  // Unpaired, the LAN address answers nothing about the shop, not even /api/health.
  expect((await request.get(`${lanUrl}/api/health`)).status()).toBe(401);
  expect((await request.post(`${lanUrl}/api/workOrders.list`, { data: {} })).status()).toBe(401);

  // 生成配对码 for the technician (the default choice) and read it off the screen.
  await expect(page.getByTestId('lan-pair-user')).toContainText('老李 · 技师');
  await page.getByTestId('lan-generate').click();
  const code = (await page.getByTestId('lan-code').innerText()).trim();
  expect(code).toMatch(/^\d{6}$/);

  // The phone: its own browser, at the LAN address → the pairing page → the technician view.
  const phoneContext = await browser.newContext({
    viewport: { width: 375, height: 812 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const phone = await phoneContext.newPage();
  phone.on('pageerror', (e) => errors.push(`phone: ${String(e)}`));
  await phone.goto(`${lanUrl}/`);
  const pairing = phone.getByTestId('pair-device');
  await expect(pairing).toBeVisible();
  await look(phone, 'lan-phone-pairing-375');
  // A mistyped code is refused and says what to do.
  await pairing.getByTestId('pair-code').fill(code === '000000' ? '111111' : '000000');
  await pairing.getByTestId('pair-name').fill('老李的手机');
  await pairing.getByTestId('pair-submit').click();
  await expect(pairing.getByRole('alert')).toContainText('配对码错误、已过期或已使用');
  await look(phone, 'lan-phone-wrong-code-375');
  await pairing.getByTestId('pair-code').fill(code);
  await pairing.getByTestId('pair-submit').click();
  await expect(phone).toHaveURL(/\/tech$/);
  await expect(phone.getByTestId('tech-me')).toHaveText('老李');
  const job = phone.locator(`[data-testid="tech-job"][data-order="${wo.order.number}"]`);
  await expect(job).toBeVisible();
  await look(phone, 'lan-phone-tech-375');
  // Its user menu names the device (and offers to unpair it).
  await phone.getByTestId('user-menu').click();
  await expect(phone.getByRole('menuitem', { name: '设备：老李的手机' })).toBeVisible();
  await expect(phone.getByRole('menuitem', { name: '取消本设备配对' })).toBeVisible();
  await look(phone, 'lan-phone-user-menu-375');
  await phone.keyboard.press('Escape');
  await expect(phone.getByRole('menuitem', { name: '取消本设备配对' })).toBeHidden();
  const token = await phone.evaluate(() => localStorage.getItem('chedang.deviceToken'));
  expect(token).toBeTruthy();
  const withToken = { headers: { authorization: `Bearer ${token}` } };
  expect((await request.get(`${lanUrl}/api/health`, withToken)).status()).toBe(200);

  // The desk lists the device, with its user; 撤销 cuts it off.
  const device = page.getByTestId('lan-devices').locator('tbody tr').filter({ hasText: '老李的手机' });
  await expect(device).toContainText('老李 · 技师');
  await look(page, 'lan-tab-devices');
  await device.getByTestId('lan-revoke').click();
  await page
    .getByRole('dialog')
    .filter({ hasText: '老李的手机' })
    .getByRole('button', { name: /确\s*定/ })
    .click();
  await expect(device).toContainText('已撤销');
  expect((await request.get(`${lanUrl}/api/health`, withToken)).status()).toBe(401);

  // The phone's next action is refused (401) and it is back at the pairing page.
  await job.getByTestId('tech-start').click();
  await job.getByTestId('tech-confirm').click();
  await expect(phone.getByTestId('pair-device')).toBeVisible();
  await expect(phone.getByTestId('pair-ended')).toHaveText('本设备的配对已失效，请重新配对');
  await look(phone, 'lan-phone-revoked-375');
  expect(await phone.evaluate(() => localStorage.getItem('chedang.deviceToken'))).toBeNull();
  expect((await api(request, 'workOrders.get', { id: wo.order.id })).order.status).toBe('received');
  await phoneContext.close();
  expect(errors).toEqual([]);
});

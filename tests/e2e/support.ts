/**
 * Helpers for the browser tests: calls to the same core the page uses (to seed a shop quickly), valid
 * VINs and plates that never collide between tests, and screenshots saved where people look.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.js';
import { withCheckDigit } from '../../shared/domain/vin.js';

export const SCREENSHOTS = path.resolve('test-results/screenshots');

export async function api<M extends MethodName>(
  request: APIRequestContext,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const res = await request.post(`/api/${method}`, { data: input });
  const body = await res.json();
  if (!res.ok()) throw new Error(`${method} → ${res.status()} ${JSON.stringify(body)}`);
  return body as MethodOutput<M>;
}

let serial = Date.now() % 90_000;
/** A fresh valid VIN (correct check digit) and plate for each call. */
export function freshVehicle() {
  serial++;
  const vin = withCheckDigit(`LSVAU2180${String(serial).padStart(8, '0')}`);
  return { vin, plate: `粤B${String(serial % 100_000).padStart(5, '0')}` };
}

/** The shop profile a real shop enters first (records are held until the registered name exists). */
export async function ensureShop(request: APIRequestContext) {
  await api(request, 'shop.update', {
    name: '广州市天河区车档汽车维修有限公司',
    creditCode: '91430100MA4M76GY99',
    address: '广州市天河区中山大道西 100 号',
    phone: '020-88886666',
    labourRateFen: 8000,
  });
}

export async function shot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  // Let fades and slides finish (a table fading in after its first load), so the picture shows what
  // the clerk sees at rest; endless spinners are left running.
  await page.waitForFunction(() =>
    document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** Nothing wider than the window (front-desk.md: no horizontal scrolling at 1366×768). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** A shop with stock and a vehicle, made through the API the pages use — the starting point of several flows. */
import type { APIRequestContext } from '@playwright/test';
import { api, ensureShop, freshVehicle } from './support.js';

/** The shop profile, then a new vehicle (a fresh valid VIN and plate) with its private owner. */
export async function shopWithVehicle(
  request: APIRequestContext,
  brandModel: string,
  owner: { name: string; phone: string },
) {
  await ensureShop(request);
  const { vin, plate } = freshVehicle();
  const vehicle = await api(request, 'vehicles.create', {
    vin,
    plate,
    plateColor: 'blue',
    brandModel,
    owner: { kind: 'person', ...owner },
  });
  return { vehicle, vin, plate };
}

export async function seedShop(request: APIRequestContext) {
  const { vehicle, vin, plate } = await shopWithVehicle(request, '丰田凯美瑞 2.0G', {
    name: '陈立新',
    phone: '13912345678',
  });
  const code = `90915-${vin.slice(-5)}`;
  const filter = await api(request, 'parts.create', {
    code,
    name: '机油滤清器',
    salePriceFen: 6800,
    barcode: `69${vin.slice(-11)}`,
  });
  await api(request, 'stock.receive', { partId: filter.id, quantity: 1000, unitCostFen: 3500 });
  const tech = await api(request, 'users.create', { name: `技师${vin.slice(-4)}`, role: 'technician' });
  return { vehicle, filter, tech, vin, plate };
}

/** An order with one labour and one part line, worked and completed: ready to settle. */
export async function completedOrder(request: APIRequestContext, s: Awaited<ReturnType<typeof seedShop>>) {
  const wo = await api(request, 'workOrders.create', {
    vehicleId: s.vehicle.id,
    mileageInKm: 45210,
    faultDescription: '定期保养，更换机油机滤',
    repairCategory: 'level1_maintenance',
    technicianIds: [s.tech.id],
  });
  const id = wo.order.id;
  await api(request, 'workOrders.addLabour', { workOrderId: id, item: '更换机油机滤', hoursTenths: 5 });
  await api(request, 'workOrders.addPart', { workOrderId: id, partId: s.filter.id, quantity: 100 });
  await api(request, 'workOrders.setStatus', { id, status: 'in_progress' });
  await api(request, 'workOrders.complete', { id, mileageOutKm: 45212 });
  return id;
}

/**
 * One handler per method of the contract. The mapped type makes a missing or misspelt handler a
 * compile error; the dispatcher has already validated the input with the method's schema.
 */
import type { MethodName, MethodOutput, ParsedInput } from '../../../shared/api/contract.js';
import type { Ctx } from '../context.js';
import {
  archiveKpis,
  archiveLedger,
  archiveRecords,
  archiveStatus,
  configureArchive,
  exportLedger,
  requeueRecord,
  testConnection,
} from '../services/archive.js';
import { listAudit, verifyAudit } from '../services/audit.js';
import { configureBackups, createBackup, listBackups, restoreBackup } from '../services/backups.js';
import {
  createCustomer,
  customerToApi,
  getCustomer,
  mergeCustomers,
  searchCustomers,
  updateCustomer,
} from '../services/customers.js';
import { createPart, createSupplier, getPart, listSuppliers, searchParts, updatePart } from '../services/parts.js';
import {
  categoriesReport,
  partsUsageReport,
  remindersDue,
  takingsReport,
  technicianHoursReport,
} from '../services/reports.js';
import { globalSearch } from '../services/search.js';
import { reverseOrder, settleOrder } from '../services/settlement.js';
import { getShop, updateShop } from '../services/shop.js';
import { adjustStock, listMovements, receiveStock, stockTake } from '../services/stock.js';
import { exportEntity, importRows, previewImport } from '../services/transfer.js';
import { createUser, listUsers, updateUser } from '../services/users.js';
import { createVehicle, getVehicle, searchVehicles, updateVehicle, vehicleHistory } from '../services/vehicles.js';
import {
  addLabour,
  addPart,
  completeOrder,
  createOrder,
  listOrders,
  orderDetail,
  removeLine,
  setStatus,
  updateLine,
  updateOrder,
  voidOrder,
} from '../services/work-orders.js';

export type Handler<M extends MethodName> = (
  ctx: Ctx,
  input: ParsedInput<M>,
) => MethodOutput<M> | Promise<MethodOutput<M>>;
export type Handlers = { [M in MethodName]: Handler<M> };

export const coreHandlers: Handlers = {
  'shop.get': (ctx) => getShop(ctx),
  'shop.update': updateShop,

  'users.list': (ctx) => listUsers(ctx),
  'users.create': createUser,
  'users.update': updateUser,
  'users.setPin': (ctx, i) => ctx.core.access.setPin(ctx, i),

  'auth.me': (ctx) => ctx.core.access.me(ctx),
  'auth.users': (ctx) => ctx.core.access.signInUsers(),
  'auth.login': (ctx, i) => ctx.core.access.login(ctx, i),
  'auth.logout': (ctx) => ctx.core.access.logout(ctx),
  'auth.eventsTicket': (ctx) => ctx.core.access.eventsTicket(ctx),
  'auth.settings': (ctx) => ctx.core.access.settings(),
  'auth.setMode': (ctx, i) => ctx.core.access.setMode(ctx, i),

  'lan.status': (ctx) => ctx.core.access.lanStatus(),
  'lan.configure': (ctx, i) => ctx.core.access.configureLan(ctx, i),
  'lan.createPairingCode': (ctx, i) => ctx.core.access.createPairingCode(ctx, i),
  'lan.pair': (ctx, i) => ctx.core.access.pair(ctx, i),
  'lan.devices': (ctx) => ctx.core.access.listDevices(),
  'lan.revokeDevice': (ctx, i) => ctx.core.access.revokeDevice(ctx, i),

  'customers.create': (ctx, i) => customerToApi(createCustomer(ctx, i)),
  'customers.update': updateCustomer,
  'customers.get': (ctx, i) => getCustomer(ctx, i.id),
  'customers.search': searchCustomers,
  'customers.merge': mergeCustomers,

  'vehicles.create': createVehicle,
  'vehicles.update': updateVehicle,
  'vehicles.get': (ctx, i) => getVehicle(ctx, i.id),
  'vehicles.search': searchVehicles,
  'vehicles.history': (ctx, i) => vehicleHistory(ctx, i.id),

  'parts.create': createPart,
  'parts.update': updatePart,
  'parts.get': (ctx, i) => getPart(ctx, i.id),
  'parts.search': searchParts,
  'suppliers.list': (ctx) => listSuppliers(ctx),
  'suppliers.create': createSupplier,

  'stock.receive': receiveStock,
  'stock.adjust': adjustStock,
  'stock.stocktake': stockTake,
  'stock.movements': listMovements,

  'workOrders.create': createOrder,
  'workOrders.update': updateOrder,
  'workOrders.get': (ctx, i) => orderDetail(ctx, i.id),
  'workOrders.list': listOrders,
  'workOrders.addLabour': addLabour,
  'workOrders.addPart': addPart,
  'workOrders.updateLine': updateLine,
  'workOrders.removeLine': removeLine,
  'workOrders.setStatus': setStatus,
  'workOrders.complete': completeOrder,
  'workOrders.settle': settleOrder,
  'workOrders.void': voidOrder,
  'workOrders.reverse': reverseOrder,

  'search.global': globalSearch,
  'audit.list': listAudit,
  'audit.verify': (ctx) => verifyAudit(ctx),
  'archive.configure': configureArchive,
  'archive.testConnection': testConnection,
  'archive.status': (ctx) => archiveStatus(ctx),
  'archive.records': archiveRecords,
  'archive.ledger': (ctx, i) => archiveLedger(ctx, i.id),
  'archive.requeue': requeueRecord,
  'archive.exportLedger': exportLedger,
  'archive.kpis': archiveKpis,

  'reports.takings': takingsReport,
  'reports.categories': categoriesReport,
  'reports.technicianHours': technicianHoursReport,
  'reports.partsUsage': partsUsageReport,
  'reports.remindersDue': remindersDue,

  'backup.list': (ctx) => listBackups(ctx),
  'backup.create': (ctx) => createBackup(ctx.core, 'manual'),
  'backup.configure': configureBackups,
  'backup.restore': restoreBackup,
  'transfer.export': exportEntity,
  'transfer.preview': previewImport,
  'transfer.import': importRows,

  'system.ping': () => ({ ok: true as const }),
};

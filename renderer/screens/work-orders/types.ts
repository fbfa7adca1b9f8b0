/** The shapes this screen works with, straight from the contract. */
import type { MethodOutput } from '../../../shared/api/contract.js';

export type OrderDetail = MethodOutput<'workOrders.get'>;
export type Order = OrderDetail['order'];
export type LabourLine = OrderDetail['labour'][number];
export type PartLine = OrderDetail['parts'][number];
export type OrderSummary = MethodOutput<'workOrders.list'>['items'][number];

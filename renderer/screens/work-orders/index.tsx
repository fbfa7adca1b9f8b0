/** 工单: the list (/work-orders) and one order (/work-orders/:id). Names are imported by app/routes.tsx. */
export { WorkOrderDetail } from './Detail.js';
export { WorkOrdersScreen } from './List.js';

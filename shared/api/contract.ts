/**
 * THE API: every method the core serves, declared once. Names are stable — other shop tools and
 * scripts call them over `POST /api/<method>`; add methods, never rename them.
 */
import { z } from 'zod';
import { ALL_ROLES, DESK, MANAGER, method } from './define.js';
import {
  ArchiveConfigure,
  ArchiveExport,
  ArchiveExportLedger,
  ArchiveKpis,
  ArchiveKpisQuery,
  ArchiveLedger,
  ArchivePlatform,
  ArchiveRecordRow,
  ArchiveRecords,
  ArchiveRecordsQuery,
  ArchiveRequeue,
  ArchiveStatusView,
  ArchiveTestConnection,
  ArchiveTestResult,
} from './schemas/archive.js';
import { Id, Ok, paged } from './schemas/common.js';
import { Customer, CustomerCreate, CustomerMerge, CustomerSearch, CustomerUpdate } from './schemas/customers.js';
import {
  Part,
  PartCreate,
  PartSearch,
  PartUpdate,
  StockAdjust,
  StockMovement,
  StockMovementsQuery,
  StockReceive,
  StockTake,
  StockTakeResult,
  Supplier,
  SupplierCreate,
} from './schemas/parts.js';
import {
  CategoriesReport,
  PartsUsageReport,
  RangeQuery,
  RemindersQuery,
  RemindersReport,
  TakingsQuery,
  TakingsReport,
  TechnicianHoursReport,
} from './schemas/reports.js';
import { AuditEntry, AuditList, AuditVerifyResult, GlobalSearch, GlobalSearchResult } from './schemas/search.js';
import { Shop, ShopUpdate, User, UserCreate, UserUpdate } from './schemas/shop.js';
import {
  Vehicle,
  VehicleCreate,
  VehicleHistory,
  VehicleSearch,
  VehicleUpdate,
  VehicleWithOwner,
} from './schemas/vehicles.js';
import {
  AddLabour,
  AddPart,
  Complete,
  RemoveLine,
  Reverse,
  ReverseResult,
  SetStatus,
  Settle,
  UpdateLine,
  Void,
  WorkOrderCreate,
  WorkOrderDetail,
  WorkOrderGet,
  WorkOrderList,
  WorkOrderSummary,
  WorkOrderUpdate,
} from './schemas/work-orders.js';

const Empty = z.strictObject({});
const ById = z.strictObject({ id: Id });

export const contract = {
  'shop.get': method({
    input: Empty,
    output: Shop,
    roles: ALL_ROLES,
    writes: false,
    summary: '维修企业信息 / Shop profile',
  }),
  'shop.update': method({
    input: ShopUpdate,
    output: Shop,
    roles: MANAGER,
    writes: true,
    summary: '修改维修企业信息 / Update the shop profile',
  }),

  'users.list': method({
    input: Empty,
    output: z.array(User),
    roles: ALL_ROLES,
    writes: false,
    summary: '用户列表 / List users',
  }),
  'users.create': method({
    input: UserCreate,
    output: User,
    roles: MANAGER,
    writes: true,
    summary: '新增用户 / Add a user',
  }),
  'users.update': method({
    input: UserUpdate,
    output: User,
    roles: MANAGER,
    writes: true,
    summary: '修改用户 / Update a user',
  }),

  'customers.create': method({
    input: CustomerCreate,
    output: Customer,
    roles: DESK,
    writes: true,
    summary: '新增客户 / Create a customer',
  }),
  'customers.update': method({
    input: CustomerUpdate,
    output: Customer,
    roles: DESK,
    writes: true,
    summary: '修改客户 / Update a customer',
  }),
  'customers.get': method({
    input: ById,
    output: z.object({ customer: Customer, vehicles: z.array(Vehicle) }),
    roles: DESK,
    writes: false,
    summary: '客户详情及其车辆 / A customer with their vehicles',
  }),
  'customers.search': method({
    input: CustomerSearch,
    output: paged(Customer),
    roles: DESK,
    writes: false,
    summary: '搜索客户（姓名、拼音首字母、电话） / Search customers',
  }),
  'customers.merge': method({
    input: CustomerMerge,
    output: Customer,
    roles: DESK,
    writes: true,
    summary: '合并重复客户 / Merge a duplicate customer into another',
  }),

  'vehicles.create': method({
    input: VehicleCreate,
    output: VehicleWithOwner,
    roles: DESK,
    writes: true,
    summary: '新增车辆 / Create a vehicle',
  }),
  'vehicles.update': method({
    input: VehicleUpdate,
    output: VehicleWithOwner,
    roles: DESK,
    writes: true,
    summary: '修改车辆（车主变更留历史） / Update a vehicle',
  }),
  'vehicles.get': method({
    input: ById,
    output: VehicleWithOwner,
    roles: ALL_ROLES,
    writes: false,
    summary: '车辆详情 / A vehicle',
  }),
  'vehicles.search': method({
    input: VehicleSearch,
    output: paged(VehicleWithOwner),
    roles: DESK,
    writes: false,
    summary: '搜索车辆（车牌、VIN） / Search vehicles',
  }),
  'vehicles.history': method({
    input: ById,
    output: VehicleHistory,
    roles: DESK,
    writes: false,
    summary: '车辆维修档案 / The vehicle’s health record',
  }),

  'parts.create': method({
    input: PartCreate,
    output: Part,
    roles: DESK,
    writes: true,
    summary: '新增配件 / Create a part',
  }),
  'parts.update': method({
    input: PartUpdate,
    output: Part,
    roles: DESK,
    writes: true,
    summary: '修改配件 / Update a part',
  }),
  'parts.get': method({ input: ById, output: Part, roles: ALL_ROLES, writes: false, summary: '配件详情 / A part' }),
  'parts.search': method({
    input: PartSearch,
    output: paged(Part),
    roles: ALL_ROLES,
    writes: false,
    summary: '搜索配件（编码、名称、条码） / Search parts',
  }),
  'suppliers.list': method({
    input: Empty,
    output: z.array(Supplier),
    roles: DESK,
    writes: false,
    summary: '供应商列表 / List suppliers',
  }),
  'suppliers.create': method({
    input: SupplierCreate,
    output: Supplier,
    roles: DESK,
    writes: true,
    summary: '新增供应商 / Create a supplier',
  }),

  'stock.receive': method({
    input: StockReceive,
    output: StockMovement,
    roles: DESK,
    writes: true,
    summary: '采购入库 / Receive stock (purchase register)',
  }),
  'stock.adjust': method({
    input: StockAdjust,
    output: StockMovement,
    roles: DESK,
    writes: true,
    summary: '库存调整 / Adjust stock',
  }),
  'stock.stocktake': method({
    input: StockTake,
    output: StockTakeResult,
    roles: DESK,
    writes: true,
    summary: '盘点 / Stock-take',
  }),
  'stock.movements': method({
    input: StockMovementsQuery,
    output: paged(StockMovement),
    roles: DESK,
    writes: false,
    summary: '库存流水 / Stock movements',
  }),

  'workOrders.create': method({
    input: WorkOrderCreate,
    output: WorkOrderDetail,
    roles: DESK,
    writes: true,
    summary: '接车开单 / Open a work order',
  }),
  'workOrders.update': method({
    input: WorkOrderUpdate,
    output: WorkOrderDetail,
    roles: DESK,
    writes: true,
    summary: '修改工单 / Update a work order',
  }),
  'workOrders.get': method({
    input: WorkOrderGet,
    output: WorkOrderDetail,
    roles: ALL_ROLES,
    writes: false,
    summary: '工单详情 / A work order',
  }),
  'workOrders.list': method({
    input: WorkOrderList,
    output: paged(WorkOrderSummary),
    roles: ALL_ROLES,
    writes: false,
    summary: '工单列表 / List work orders',
  }),
  'workOrders.addLabour': method({
    input: AddLabour,
    output: WorkOrderDetail,
    roles: DESK,
    writes: true,
    summary: '添加维修项目 / Add a labour line',
  }),
  'workOrders.addPart': method({
    input: AddPart,
    output: WorkOrderDetail,
    roles: DESK,
    writes: true,
    summary: '添加配件 / Add a part line',
  }),
  'workOrders.updateLine': method({
    input: UpdateLine,
    output: WorkOrderDetail,
    roles: DESK,
    writes: true,
    summary: '修改工单明细 / Update a line',
  }),
  'workOrders.removeLine': method({
    input: RemoveLine,
    output: WorkOrderDetail,
    roles: DESK,
    writes: true,
    summary: '删除工单明细 / Remove a line',
  }),
  'workOrders.setStatus': method({
    input: SetStatus,
    output: WorkOrderDetail,
    roles: ALL_ROLES,
    writes: true,
    summary: '开始维修 / Start (or resume) repair',
  }),
  'workOrders.complete': method({
    input: Complete,
    output: WorkOrderDetail,
    roles: ALL_ROLES,
    writes: true,
    summary: '完工 / Complete the repair',
  }),
  'workOrders.settle': method({
    input: Settle,
    output: WorkOrderDetail,
    roles: DESK,
    writes: true,
    summary: '结算（生成结算清单与上传记录） / Settle',
  }),
  'workOrders.void': method({
    input: Void,
    output: WorkOrderDetail,
    roles: DESK,
    writes: true,
    summary: '作废 / Void an unsettled order',
  }),
  'workOrders.reverse': method({
    input: Reverse,
    output: ReverseResult,
    roles: MANAGER,
    writes: true,
    summary: '冲红 / Reverse a settled order',
  }),

  'search.global': method({
    input: GlobalSearch,
    output: GlobalSearchResult,
    roles: DESK,
    writes: false,
    summary: '全局搜索 / Global search',
  }),
  'audit.list': method({
    input: AuditList,
    output: paged(AuditEntry),
    roles: MANAGER,
    writes: false,
    summary: '审计日志 / Audit log',
  }),
  'audit.verify': method({
    input: Empty,
    output: AuditVerifyResult,
    roles: MANAGER,
    writes: false,
    summary: '校验审计日志哈希链 / Verify the audit hash chain',
  }),
  'archive.configure': method({
    input: ArchiveConfigure,
    output: ArchivePlatform,
    roles: MANAGER,
    // Saving the password is asynchronous (the OS keychain in the app), so the handler runs its own
    // transaction for the settings after the secret is stored; see services/archive.ts.
    writes: false,
    summary: '设置档案平台账号 / Configure the archive platform account',
  }),
  'archive.testConnection': method({
    input: ArchiveTestConnection,
    output: ArchiveTestResult,
    roles: MANAGER,
    writes: false,
    summary: '测试档案平台连接 / Test the archive platform connection',
  }),
  'archive.status': method({
    input: Empty,
    output: ArchiveStatusView,
    roles: DESK,
    writes: false,
    summary: '上传状态 / Upload status',
  }),
  'archive.records': method({
    input: ArchiveRecordsQuery,
    output: ArchiveRecords,
    roles: DESK,
    writes: false,
    summary: '上传记录 / Archive records by state and date',
  }),
  'archive.ledger': method({
    input: ById,
    output: ArchiveLedger,
    roles: DESK,
    writes: false,
    summary: '上传台账（请求与应答）/ One record’s requests and replies',
  }),
  'archive.requeue': method({
    input: ArchiveRequeue,
    output: ArchiveRecordRow,
    roles: DESK,
    writes: true,
    summary: '重新上传 / Re-check and requeue a held or rejected record',
  }),
  'archive.exportLedger': method({
    input: ArchiveExportLedger,
    output: ArchiveExport,
    roles: MANAGER,
    writes: false,
    summary: '导出上传台账 / Export the upload ledger (CSV, JSON)',
  }),
  'archive.kpis': method({
    input: ArchiveKpisQuery,
    output: ArchiveKpis,
    roles: DESK,
    writes: false,
    summary: '上传指标 / Upload KPIs and the quality score',
  }),
  'reports.takings': method({
    input: TakingsQuery,
    output: TakingsReport,
    roles: DESK,
    writes: false,
    summary: '营业额（按日/月、付款方式）/ Takings by day or month and payment method',
  }),
  'reports.categories': method({
    input: RangeQuery,
    output: CategoriesReport,
    roles: DESK,
    writes: false,
    summary: '按维修类别统计 / Orders and amounts by repair category',
  }),
  'reports.technicianHours': method({
    input: RangeQuery,
    output: TechnicianHoursReport,
    roles: DESK,
    writes: false,
    summary: '技师工时 / Labour hours per technician',
  }),
  'reports.partsUsage': method({
    input: RangeQuery,
    output: PartsUsageReport,
    roles: DESK,
    writes: false,
    summary: '配件用量与毛利 / Parts issued, revenue, cost and margin',
  }),
  'reports.remindersDue': method({
    input: RemindersQuery,
    output: RemindersReport,
    roles: DESK,
    writes: false,
    summary: '保养提醒（久未回厂车辆）/ Vehicles due back for service',
  }),
  'system.ping': method({ input: Empty, output: Ok, roles: ALL_ROLES, writes: false, summary: '连通检查 / Ping' }),
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];
export const isMethodName = (name: string): name is MethodName => Object.hasOwn(contract, name);

/**
 * The closed vocabularies of a repair shop's front desk. Stored values are stable English codes;
 * the Chinese labels are what the shop sees and what the settlement sheet prints.
 */
import type { Bilingual } from './issue.js';

const labels = <K extends string>(m: Record<K, Bilingual>) => m;

/** 工单状态 — see shared/domain/work-order-status.ts for the allowed transitions. */
export const WORK_ORDER_STATUSES = ['received', 'in_progress', 'completed', 'settled', 'voided', 'reversed'] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];
export const WORK_ORDER_STATUS_LABEL = labels<WorkOrderStatus>({
  received: { zh: '接车', en: 'Received' },
  in_progress: { zh: '维修中', en: 'In repair' },
  completed: { zh: '完工待结算', en: 'Completed, awaiting settlement' },
  settled: { zh: '已结算', en: 'Settled' },
  voided: { zh: '作废', en: 'Voided' },
  reversed: { zh: '冲红', en: 'Reversed' },
});

/** 维修类别 (archive-interface.md §6). */
export const REPAIR_CATEGORIES = [
  'vehicle_overhaul',
  'assembly_overhaul',
  'level2_maintenance',
  'level1_maintenance',
  'minor_repair',
  'special_repair',
] as const;
export type RepairCategory = (typeof REPAIR_CATEGORIES)[number];
export const REPAIR_CATEGORY_LABEL = labels<RepairCategory>({
  vehicle_overhaul: { zh: '整车修理', en: 'Complete vehicle overhaul' },
  assembly_overhaul: { zh: '总成修理', en: 'Assembly overhaul' },
  level2_maintenance: { zh: '二级维护', en: 'Level-2 maintenance' },
  level1_maintenance: { zh: '一级维护', en: 'Level-1 maintenance' },
  minor_repair: { zh: '小修', en: 'Minor repair' },
  special_repair: { zh: '专项修理', en: 'Specialist repair' },
});

/** 用户角色. */
export const ROLES = ['manager', 'clerk', 'technician'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABEL = labels<Role>({
  manager: { zh: '店长', en: 'Manager' },
  clerk: { zh: '前台', en: 'Front desk' },
  technician: { zh: '技师', en: 'Technician' },
});

/** 客户类型. */
export const CUSTOMER_KINDS = ['person', 'company'] as const;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];
export const CUSTOMER_KIND_LABEL = labels<CustomerKind>({
  person: { zh: '个人', en: 'Person' },
  company: { zh: '单位', en: 'Company' },
});

/** 付款方式. */
export const PAYMENT_METHODS = ['cash', 'wechat', 'alipay', 'bank_card', 'on_account'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const PAYMENT_METHOD_LABEL = labels<PaymentMethod>({
  cash: { zh: '现金', en: 'Cash' },
  wechat: { zh: '微信', en: 'WeChat Pay' },
  alipay: { zh: '支付宝', en: 'Alipay' },
  bank_card: { zh: '银行卡', en: 'Bank card' },
  on_account: { zh: '挂账', en: 'On account' },
});

/** 配件类型 (archive-interface.md §6); customer-supplied is a separate flag on the line. */
export const PART_TYPES = ['oem', 'equivalent', 'repaired', 'aftermarket', 'used'] as const;
export type PartType = (typeof PART_TYPES)[number];
export const PART_TYPE_LABEL = labels<PartType>({
  oem: { zh: '原厂配件', en: 'OEM' },
  equivalent: { zh: '同质配件', en: 'Equivalent quality' },
  repaired: { zh: '修复配件', en: 'Repaired' },
  aftermarket: { zh: '副厂配件', en: 'Aftermarket' },
  used: { zh: '旧件', en: 'Used' },
});

/** 旧件处理. */
export const OLD_PARTS_DISPOSITIONS = ['customer_keeps', 'shop_keeps', 'none'] as const;
export type OldPartsDisposition = (typeof OLD_PARTS_DISPOSITIONS)[number];
export const OLD_PARTS_DISPOSITION_LABEL = labels<OldPartsDisposition>({
  customer_keeps: { zh: '托修方收回', en: 'Returned to the customer' },
  shop_keeps: { zh: '承修方收回', en: 'Kept by the shop' },
  none: { zh: '无旧配件', en: 'No old parts' },
});

/** 车牌颜色 (used by the GET-form archive adapter). */
export const PLATE_COLORS = ['blue', 'yellow', 'green', 'gradient_green', 'yellow_green', 'white', 'black'] as const;
export type PlateColor = (typeof PLATE_COLORS)[number];
export const PLATE_COLOR_LABEL = labels<PlateColor>({
  blue: { zh: '蓝', en: 'Blue' },
  yellow: { zh: '黄', en: 'Yellow' },
  green: { zh: '绿', en: 'Green' },
  gradient_green: { zh: '渐变绿', en: 'Gradient green' },
  yellow_green: { zh: '黄绿', en: 'Yellow-green' },
  white: { zh: '白', en: 'White' },
  black: { zh: '黑', en: 'Black' },
});

/** 库存变动类型. */
export const STOCK_MOVEMENT_KINDS = ['receive', 'issue', 'return', 'adjust', 'stocktake'] as const;
export type StockMovementKind = (typeof STOCK_MOVEMENT_KINDS)[number];
export const STOCK_MOVEMENT_KIND_LABEL = labels<StockMovementKind>({
  receive: { zh: '采购入库', en: 'Received' },
  issue: { zh: '领料出库', en: 'Issued' },
  return: { zh: '退料入库', en: 'Returned' },
  adjust: { zh: '库存调整', en: 'Adjusted' },
  stocktake: { zh: '盘点', en: 'Stock-take' },
});

/** 企业类别 (archive-interface.md §6). */
export const SHOP_CLASSES = ['class1', 'class2', 'class3'] as const;
export type ShopClass = (typeof SHOP_CLASSES)[number];
export const SHOP_CLASS_LABEL = labels<ShopClass>({
  class1: { zh: '一类', en: 'Class 1' },
  class2: { zh: '二类', en: 'Class 2' },
  class3: { zh: '三类', en: 'Class 3 (specialist)' },
});

/** Outbox row states (architecture.md, sync rules). */
export const OUTBOX_STATES = ['pending', 'sending', 'accepted', 'rejected', 'held'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];
export const OUTBOX_STATE_LABEL = labels<OutboxState>({
  pending: { zh: '待上传', en: 'Pending' },
  sending: { zh: '上传中', en: 'Sending' },
  accepted: { zh: '已上传', en: 'Accepted' },
  rejected: { zh: '被退回', en: 'Rejected' },
  held: { zh: '需处理', en: 'Held' },
});

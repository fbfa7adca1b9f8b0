/**
 * The work-order status machine (front-desk.md "工单"; architecture.md "Data rules"):
 *
 *   received 接车 → in_progress 维修中 → completed 完工待结算 → settled 已结算 → reversed 冲红
 *                        ↑______________________|  (reopen for rework)
 *   received / in_progress / completed → voided 作废
 *
 * A settled order is a legal document that has been (or is being) uploaded to the archive, so it is
 * never voided or edited: a correction is a reversal (冲红) plus a new order. Voided and reversed are
 * terminal. Work, once started, is not "un-received" (in_progress → received): the clock-in of
 * technicians and issued parts would lose their meaning.
 */
import { WORK_ORDER_STATUS_LABEL, type WorkOrderStatus } from './enums.js';
import { type Issue, issue } from './issue.js';

/** Allowed next statuses of each status. */
export const TRANSITIONS: Readonly<Record<WorkOrderStatus, readonly WorkOrderStatus[]>> = {
  received: ['in_progress', 'voided'],
  in_progress: ['completed', 'voided'],
  completed: ['in_progress', 'settled', 'voided'],
  settled: ['reversed'],
  voided: [],
  reversed: [],
};

export const canTransition = (from: WorkOrderStatus, to: WorkOrderStatus): boolean => TRANSITIONS[from].includes(to);

/** Statuses whose labour and parts lines may still be changed. */
const EDITABLE: ReadonlySet<WorkOrderStatus> = new Set(['received', 'in_progress', 'completed']);

/** Lines are editable until settlement; settled, voided and reversed orders are read-only. */
export const isEditable = (status: WorkOrderStatus): boolean => EDITABLE.has(status);

const zh = (s: WorkOrderStatus) => `“${WORK_ORDER_STATUS_LABEL[s].zh}”`;
const en = (s: WorkOrderStatus) => `'${WORK_ORDER_STATUS_LABEL[s].en}'`;

/** What to do instead, for the refusals a clerk actually meets. */
const hint = (from: WorkOrderStatus, to: WorkOrderStatus): { zh: string; en: string } => {
  if (from === 'settled') {
    return {
      zh: '已结算的工单不能修改或作废；如需更正，请冲红后重新开单',
      en: 'A settled order cannot be changed or voided; reverse it and open a new order to correct it',
    };
  }
  if (from === 'voided' || from === 'reversed') {
    return {
      zh: `${zh(from)}的工单不能再更改状态；如需继续，请新开工单`,
      en: `A ${WORK_ORDER_STATUS_LABEL[from].en.toLowerCase()} order is final; open a new order instead`,
    };
  }
  if (to === 'reversed') {
    return {
      zh: '只有已结算的工单才能冲红；未结算的工单可直接修改或作废',
      en: 'Only settled orders can be reversed; an unsettled order can be edited or voided instead',
    };
  }
  const next = TRANSITIONS[from];
  return {
    zh: `当前可改为：${next.map(zh).join('、')}`,
    en: `It can move to: ${next.map(en).join(', ')}`,
  };
};

/**
 * Why `from → to` is refused, or undefined when it is allowed. Code `illegal_transition`; the
 * message names both statuses and what the clerk can do instead.
 */
export const transitionIssue = (from: WorkOrderStatus, to: WorkOrderStatus, field = 'status'): Issue | undefined => {
  if (canTransition(from, to)) return undefined;
  const h = hint(from, to);
  if (from === to) {
    return issue(
      'illegal_transition',
      `工单已是${zh(from)}状态；${h.zh}`,
      `The order is already ${en(from)}. ${h.en}`,
      field,
    );
  }
  return issue(
    'illegal_transition',
    `工单不能从${zh(from)}改为${zh(to)}；${h.zh}`,
    `An order cannot go from ${en(from)} to ${en(to)}. ${h.en}`,
    field,
  );
};

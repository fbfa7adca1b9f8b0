import { describe, expect, it } from 'vitest';
import { WORK_ORDER_STATUSES, type WorkOrderStatus } from './enums.js';
import { canTransition, isEditable, TRANSITIONS, transitionIssue } from './work-order-status.js';

/**
 * The expected machine, written out independently of TRANSITIONS: [from, to] pairs that are allowed.
 * Every other pair of the 6×6 grid must be refused.
 */
const ALLOWED = new Set<string>([
  'received>in_progress',
  'received>voided',
  'in_progress>completed',
  'in_progress>voided',
  'completed>in_progress', // reopen for rework
  'completed>settled',
  'completed>voided',
  'settled>reversed',
]);

const PAIRS = WORK_ORDER_STATUSES.flatMap((from) => WORK_ORDER_STATUSES.map((to) => [from, to] as const));

describe('work-order status machine', () => {
  it('tests all 36 pairs', () => {
    expect(PAIRS).toHaveLength(36);
  });

  it.each(PAIRS)('%s → %s', (from, to) => {
    const allowed = ALLOWED.has(`${from}>${to}`);
    expect(canTransition(from, to)).toBe(allowed);
    expect(TRANSITIONS[from].includes(to)).toBe(allowed);
    const i = transitionIssue(from, to);
    if (allowed) {
      expect(i).toBeUndefined();
    } else {
      expect(i).toMatchObject({ code: 'illegal_transition', severity: 'error', field: 'status' });
      expect(i?.message.zh.length).toBeGreaterThan(0);
      expect(i?.message.en.length).toBeGreaterThan(0);
    }
  });

  it('makes voided and reversed terminal', () => {
    expect(TRANSITIONS.voided).toEqual([]);
    expect(TRANSITIONS.reversed).toEqual([]);
  });

  it('names both statuses in Chinese and English', () => {
    const i = transitionIssue('in_progress', 'received');
    expect(i?.message.zh).toContain('工单不能从“维修中”改为“接车”');
    expect(i?.message.zh).toContain('当前可改为：“完工待结算”、“作废”');
    expect(i?.message.en).toContain("from 'In repair' to 'Received'");
  });

  it('points a settled order to 冲红', () => {
    const i = transitionIssue('settled', 'voided');
    expect(i?.message.zh).toBe('工单不能从“已结算”改为“作废”；已结算的工单不能修改或作废；如需更正，请冲红后重新开单');
    expect(i?.message.en).toContain('reverse it');
  });

  it('explains that only settled orders are reversed', () => {
    expect(transitionIssue('completed', 'reversed')?.message.zh).toContain('只有已结算的工单才能冲红');
  });

  it('says a terminal order is final', () => {
    expect(transitionIssue('voided', 'received')?.message.zh).toContain('“作废”的工单不能再更改状态');
    expect(transitionIssue('reversed', 'settled')?.message.en).toContain('A reversed order is final');
  });

  it('words a no-op transition as "already"', () => {
    expect(transitionIssue('completed', 'completed')?.message.zh).toMatch(/^工单已是“完工待结算”状态/);
  });

  it('uses the given field path', () => {
    expect(transitionIssue('settled', 'received', 'workOrder.status')?.field).toBe('workOrder.status');
  });
});

describe('isEditable', () => {
  it.each<[WorkOrderStatus, boolean]>([
    ['received', true],
    ['in_progress', true],
    ['completed', true],
    ['settled', false],
    ['voided', false],
    ['reversed', false],
  ])('%s → %s', (status, editable) => {
    expect(isEditable(status)).toBe(editable);
  });
});

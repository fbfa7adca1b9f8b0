import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../../../tests/support/core.js';

let t: TestCore;
beforeEach(async () => {
  t = await makeCore();
});
afterEach(() => t.close());

describe('stock ledger', () => {
  it('keeps a purchase register and a moving-average cost', async () => {
    const sup = await t.ok('suppliers.create', { name: '广州配件城', phone: '020-12345678' });
    const p = await t.ok('parts.create', { code: 'BP-001', name: '前刹车片' });
    await t.ok('stock.receive', {
      partId: p.id,
      quantity: 1000,
      unitCostFen: 10_000,
      supplierId: sup.id,
      manufacturer: '博世',
      docNo: 'FP001',
    });
    const m = await t.ok('stock.receive', { partId: p.id, quantity: 1000, unitCostFen: 12_000, docDate: '2026-11-20' });
    expect(m).toMatchObject({ kind: 'receive', onHandAfter: 2000, valueFen: 120_000, docDate: '2026-11-20' });
    expect(await t.ok('parts.get', { id: p.id })).toMatchObject({ onHand: 2000, avgCostFen: 11_000 });
    const list = await t.ok('stock.movements', { partId: p.id });
    expect(list.total).toBe(2);
    expect(list.items.find((i) => i.docNo === 'FP001')).toMatchObject({
      supplierName: '广州配件城',
      manufacturer: '博世',
    });
  });

  it('refuses to go below zero unless the shop allows it', async () => {
    const p = await t.ok('parts.create', { code: 'BP-001', name: '前刹车片' });
    await t.ok('stock.receive', { partId: p.id, quantity: 100, unitCostFen: 10_000 });
    const e = await t.err('stock.adjust', { partId: p.id, delta: -200, reason: '损坏' });
    expect(e.fields[0]).toMatchObject({ code: 'insufficient_stock', field: 'delta' });
    expect((await t.ok('parts.get', { id: p.id })).onHand).toBe(100);
    await t.ok('shop.update', { allowNegativeStock: true });
    await t.ok('stock.adjust', { partId: p.id, delta: -200, reason: '损坏' });
    expect((await t.ok('parts.get', { id: p.id })).onHand).toBe(-100);
  });

  it('posts only the differences of a stock-take', async () => {
    const a = await t.ok('parts.create', { code: 'A', name: '甲' });
    const b = await t.ok('parts.create', { code: 'B', name: '乙' });
    await t.ok('stock.receive', { partId: a.id, quantity: 500, unitCostFen: 100 });
    await t.ok('stock.receive', { partId: b.id, quantity: 500, unitCostFen: 100 });
    const r = await t.ok('stock.stocktake', {
      counts: [
        { partId: a.id, counted: 500 },
        { partId: b.id, counted: 450 },
      ],
      reason: '月末盘点',
    });
    expect(r.unchanged).toBe(1);
    expect(r.movements).toHaveLength(1);
    expect(r.movements[0]).toMatchObject({
      partId: b.id,
      kind: 'stocktake',
      quantity: -50,
      onHandAfter: 450,
      valueFen: -50,
    });
    const dup = await t.err('stock.stocktake', {
      counts: [
        { partId: a.id, counted: 1 },
        { partId: a.id, counted: 2 },
      ],
    });
    expect(dup.fields[0]!.field).toBe('counts[1].partId');
  });

  it('empties the stock value when the last unit leaves', async () => {
    const p = await t.ok('parts.create', { code: 'X', name: '丙' });
    await t.ok('stock.receive', { partId: p.id, quantity: 300, unitCostFen: 1000 });
    await t.ok('stock.receive', { partId: p.id, quantity: 100, unitCostFen: 1001 });
    await t.ok('stock.adjust', { partId: p.id, delta: -400, reason: '报废' });
    const row = t.app.core.sqlite.prepare('SELECT on_hand, stock_value_fen FROM parts WHERE id = ?').get(p.id);
    expect(row).toEqual({ on_hand: 0, stock_value_fen: 0 });
  });

  it('finds parts by code, name fragment and scanned barcode', async () => {
    await t.ok('parts.create', { code: '90915-YZZD1', name: '机油滤清器', barcode: '6901234567892' });
    await t.ok('parts.create', { code: '04465-33450', name: '前刹车片' });
    expect((await t.ok('parts.search', { q: 'YZZD' })).items.map((p) => p.code)).toEqual(['90915-YZZD1']);
    expect((await t.ok('parts.search', { q: '刹车片' })).items.map((p) => p.code)).toEqual(['04465-33450']);
    expect((await t.ok('parts.search', { q: '6901234567892' })).items.map((p) => p.code)).toEqual(['90915-YZZD1']);
    expect((await t.ok('parts.search', { q: '' })).total).toBe(2);
    const dup = await t.err('parts.create', { code: '90915-YZZD1', name: '重复' });
    expect(dup).toMatchObject({ code: 'duplicate', fields: [{ field: 'code' }] });
  });

  it('lists low-stock parts', async () => {
    const p = await t.ok('parts.create', { code: 'LOW', name: '火花塞', minStock: 400 });
    await t.ok('parts.create', { code: 'OK', name: '空滤', minStock: 0 });
    await t.ok('stock.receive', { partId: p.id, quantity: 200, unitCostFen: 2000 });
    expect((await t.ok('parts.search', { q: '', lowStockOnly: true })).items.map((x) => x.code)).toEqual(['LOW']);
  });
});

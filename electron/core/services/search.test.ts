import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { completedOrder, makeCore, seedBasics, type TestCore } from '../../../tests/support/core.js';

let t: TestCore;
beforeEach(async () => {
  t = await makeCore();
});
afterEach(() => t.close());

const kinds = async (q: string) => (await t.ok('search.global', { q })).hits.map((h) => `${h.kind}:${h.title}`);

describe('global search', () => {
  it('finds plates, VIN tails, phones, pinyin initials, parts and document numbers', async () => {
    const b = await seedBasics(t);
    const id = await completedOrder(t, b.vehicle.id, b.filter.id);
    await t.ok('workOrders.settle', { id, paymentMethod: 'cash', oldPartsDisposition: 'none' });
    expect(await kinds('粤A1')).toEqual(['vehicle:粤A12345']);
    expect(await kinds('粤a 123')).toEqual(['vehicle:粤A12345']);
    expect(await kinds('269225')).toEqual(['vehicle:粤A12345']);
    expect(await kinds('0013800')).toEqual(['customer:张三']);
    expect(await kinds('zs')).toEqual(['customer:张三']);
    // One and two Chinese characters are below the trigram index's reach: answered by name prefix.
    expect(await kinds('张三')).toEqual(['customer:张三']);
    expect(await kinds('张')).toEqual(['customer:张三']);
    expect(await kinds('机油')).toEqual(['part:机油滤清器']);
    expect(await t.ok('customers.search', { q: '张三' })).toMatchObject({ total: 1 });
    expect(await t.ok('parts.search', { q: '机油' })).toMatchObject({ total: 1 });
    expect(await kinds('滤清器')).toEqual(['part:机油滤清器']);
    expect(await kinds('YZZD1')).toEqual(['part:机油滤清器']);
    expect(await kinds('WO20261124')).toEqual(['workOrder:WO20261124-0001']);
    expect(await kinds('JS20261124-0001')).toEqual(['workOrder:WO20261124-0001']);
    expect(await kinds('   ')).toEqual([]);
  });

  it('treats FTS syntax in the query as plain text', async () => {
    await seedBasics(t);
    for (const q of ['"', 'a OR b', 'NEAR(x y)', '*', '粤A" OR "1', "'; DROP TABLE vehicles; --"])
      expect(Array.isArray((await t.ok('search.global', { q })).hits)).toBe(true);
  });

  it('answers an empty page when nothing matches', async () => {
    await seedBasics(t);
    for (const m of ['vehicles.search', 'customers.search', 'parts.search'] as const)
      expect(await t.ok(m, { q: 'nothing-here' })).toEqual({ total: 0, items: [] });
    expect(await t.ok('search.global', { q: 'nothing-here' })).toEqual({ hits: [] });
  });
});

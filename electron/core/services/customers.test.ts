import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeCore, type TestCore, VINS } from '../../../tests/support/core.js';

let t: TestCore;
beforeEach(async () => {
  t = await makeCore();
});
afterEach(() => t.close());

describe('customers', () => {
  it('derives pinyin initials, surname-aware', async () => {
    const c = await t.ok('customers.create', { kind: 'person', name: '单田芳', phone: '138 0013 8000' });
    expect(c.initials).toBe('stf');
    expect(c.phone).toBe('13800138000');
  });

  it('checks a company credit code (GB 32100)', async () => {
    const bad = await t.err('customers.create', {
      kind: 'company',
      name: '某物流公司',
      creditCode: '91430100MA4M76GY98',
    });
    expect(bad.fields[0]).toMatchObject({ field: 'creditCode', code: 'credit_code_check' });
    const ok = await t.ok('customers.create', {
      kind: 'company',
      name: '某物流公司',
      creditCode: '91430103macwd65h6h',
    });
    expect(ok.creditCode).toBe('91430103MACWD65H6H');
  });

  it('finds people by initials, name fragment and phone fragment', async () => {
    await t.ok('customers.create', { kind: 'person', name: '张三', phone: '13800138000' });
    await t.ok('customers.create', { kind: 'person', name: '李四', phone: '13900001111' });
    expect((await t.ok('customers.search', { q: 'zs' })).items.map((c) => c.name)).toEqual(['张三']);
    expect((await t.ok('customers.search', { q: '0013' })).items.map((c) => c.name)).toEqual(['张三']);
    expect((await t.ok('customers.search', { q: '00111' })).items.map((c) => c.name)).toEqual(['李四']);
    expect((await t.ok('customers.search', { q: 'zhangsan' })).items.map((c) => c.name)).toEqual(['张三']);
  });

  it('merges a duplicate: vehicles move, the source is kept but marked', async () => {
    const a = await t.ok('customers.create', { kind: 'person', name: '张三', phone: '13800138000' });
    const b = await t.ok('customers.create', { kind: 'person', name: '张三', phone: '13800138001' });
    const v = await t.ok('vehicles.create', { vin: VINS[0], plate: '粤A12345', ownerId: b.id });
    await t.ok('customers.merge', { sourceId: b.id, targetId: a.id });
    expect((await t.ok('vehicles.get', { id: v.id })).ownerId).toBe(a.id);
    const gone = await t.ok('customers.get', { id: b.id });
    expect(gone.customer.mergedInto).toBe(a.id);
    expect((await t.ok('customers.search', { q: 'zs' })).items.map((c) => c.id)).toEqual([a.id]);
    const again = await t.err('customers.merge', { sourceId: a.id, targetId: a.id });
    expect(again.fields[0]!.code).toBe('merge_same');
  });
});

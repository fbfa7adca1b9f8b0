import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeCore, type TestCore } from '../../../tests/support/core.js';

let t: TestCore;
beforeEach(async () => {
  t = await makeCore();
});
afterEach(() => t.close());

describe('audit log', () => {
  it('records who, which method and before/after of every write', async () => {
    const c = await t.ok('customers.create', { kind: 'person', name: '张三' });
    await t.ok('customers.update', { id: c.id, phone: '13800138000' });
    const log = await t.ok('audit.list', { entity: 'customer', entityId: c.id });
    expect(log.items.map((e) => e.method)).toEqual(['customers.update', 'customers.create']);
    expect(log.items[0]).toMatchObject({ userName: '店长', before: { phone: '' }, after: { phone: '13800138000' } });
  });

  it('does not record failed writes', async () => {
    await t.err('customers.create', { kind: 'company', name: '甲公司', creditCode: 'bad' });
    expect((await t.ok('audit.list', {})).total).toBe(0);
  });

  it('detects tampering through the hash chain', async () => {
    for (const name of ['甲', '乙', '丙']) await t.ok('customers.create', { kind: 'person', name });
    expect(await t.ok('audit.verify', {})).toEqual({ ok: true, checked: 3, brokenAt: null });
    const s = t.app.core.sqlite;
    // Someone with the file and an SQLite shell drops the guard and edits history.
    s.exec('DROP TRIGGER audit_log_no_update');
    s.prepare(`UPDATE audit_log SET user_name = '别人' WHERE seq = 2`).run();
    expect(await t.ok('audit.verify', {})).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('is readable only by a manager', async () => {
    const clerk = await t.ok('users.create', { name: '小李', role: 'clerk' });
    const e = await t.err('audit.list', {}, { id: clerk.id, name: clerk.name, role: 'clerk' });
    expect(e.status).toBe(403);
  });
});

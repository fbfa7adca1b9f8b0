/**
 * Migrations from the first schema with a shop's data in it, and the start-up refusals. The old
 * database is written with raw SQL against 0000_init only, exactly as the app of that version
 * would have left it, then opened by the current core.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/app.js';
import { newId } from '../../electron/core/db/ids.js';
import { DB_FILE, loadMigrations, openDatabase } from '../../electron/core/db/open.js';
import { StartupError } from '../../electron/core/db/startup-error.js';
import { resolveMigrationsDir } from '../../electron/core/paths.js';
import { pinyinKeys } from '../../electron/core/services/pinyin.js';
import { FakeClock, makeCore, type TestCore, tempDir, VINS } from '../support/core.js';
import { derivedCountProblems } from '../support/ledger.js';

const migrationsDir = resolveMigrationsDir();
const MIGRATIONS = loadMigrations(migrationsDir).length;
const T0 = Date.parse('2026-11-20T10:00:00+08:00');

const dirs: string[] = [];
const cores: TestCore[] = [];
const newDir = () => {
  const d = tempDir('chedang-migrate-');
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const c of cores.splice(0)) c.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const core = async (dir: string) => {
  const c = await makeCore({ dir, clock: new FakeClock() });
  cores.push(c);
  return c;
};

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

const triggersOf = (s: Database.Database) =>
  (s.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name`).all() as { name: string }[]).map(
    (r) => r.name,
  );

/** What the old app had written: ids to look the rows up by after the upgrade. */
interface OldShop {
  manager: string;
  zhang: string;
  company: string;
  camry: string;
  truck: string;
  filter: string;
  open: string;
  settled: string;
  openLabour: string;
}

/**
 * A shop in schema v1: profile, a manager, a person and a company with their pinyin keys (as
 * createCustomer fills them), two vehicles with ownership history, a stocked part with its ledger,
 * an order awaiting settlement and a settled one with its accepted archive record.
 */
function writeOldShop(s: Database.Database): OldShop {
  const ids: OldShop = {
    manager: newId(),
    zhang: newId(),
    company: newId(),
    camry: newId(),
    truck: newId(),
    filter: newId(),
    open: newId(),
    settled: newId(),
    openLabour: newId(),
  };
  const zhang = pinyinKeys('张三', true);
  const company = pinyinKeys('广州顺达物流有限公司', false);
  const run = (sql: string, ...args: unknown[]) => s.prepare(sql).run(...args);
  s.transaction(() => {
    run(
      `INSERT INTO shop (id, name, credit_code, city_code, labour_rate_fen, updated_at) VALUES (1, ?, ?, ?, ?, ?)`,
      '广州市示例汽车维修有限公司',
      '91430100MA4M76GY99',
      '440100',
      8000,
      T0,
    );
    run(
      `INSERT INTO users (id, name, role, phone, created_at, updated_at) VALUES (?, '王店长', 'manager', '13500000000', ?, ?)`,
      ids.manager,
      T0,
      T0,
    );
    run(
      `INSERT INTO customers (id, kind, name, phone, initials, pinyin, created_at, updated_at)
       VALUES (?, 'person', '张三', '13800138000', ?, ?, ?, ?)`,
      ids.zhang,
      zhang.initials,
      zhang.pinyin,
      T0,
      T0,
    );
    run(
      `INSERT INTO customers (id, kind, name, phone, initials, pinyin, credit_code, address, created_at, updated_at)
       VALUES (?, 'company', '广州顺达物流有限公司', '02087654321', ?, ?, '', '广州市白云区', ?, ?)`,
      ids.company,
      company.initials,
      company.pinyin,
      T0,
      T0,
    );
    const vehicle = (
      id: string,
      vin: string,
      plate: string,
      color: string,
      model: string,
      owner: string,
      km: number,
    ) => {
      run(
        `INSERT INTO vehicles (id, vin, plate, plate_color, brand_model, owner_id, last_mileage_km, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        id,
        vin,
        plate,
        color,
        model,
        owner,
        km,
        T0,
        T0,
      );
      run(
        `INSERT INTO vehicle_owners (id, vehicle_id, customer_id, from_at) VALUES (?, ?, ?, ?)`,
        newId(),
        id,
        owner,
        T0,
      );
    };
    vehicle(ids.camry, VINS[0], '粤A12345', 'blue', '丰田凯美瑞', ids.zhang, 35_210);
    vehicle(ids.truck, VINS[2], '粤B6789F', 'yellow', '解放J6', ids.company, 120_000);

    run(
      `INSERT INTO parts (id, code, name, unit, sale_price_fen, on_hand, stock_value_fen, created_at, updated_at)
       VALUES (?, '90915-YZZD1', '机油滤清器', '个', 6800, 900, 31500, ?, ?)`,
      ids.filter,
      T0,
      T0,
    );
    run(
      `INSERT INTO stock_movements (id, part_id, kind, quantity, unit_cost_fen, value_fen, on_hand_after, doc_date, doc_no, created_at)
       VALUES (?, ?, 'receive', 1000, 3500, 35000, 1000, '2026-11-20', 'CG-0001', ?)`,
      newId(),
      ids.filter,
      T0,
    );

    const order = (id: string, number: string, vehicleId: string, customerId: string, status: string, extra = {}) => {
      const row = {
        id,
        number,
        vehicle_id: vehicleId,
        customer_id: customerId,
        repair_date: '2026-11-20',
        mileage_in_km: 35_210,
        fault_description: '定期保养',
        repair_category: 'level1_maintenance',
        status,
        labour_total_fen: 4000,
        parts_total_fen: 6800,
        total_fen: 10_800,
        version: 5,
        created_by: ids.manager,
        created_at: T0,
        updated_at: T0,
        ...extra,
      };
      const cols = Object.keys(row);
      run(`INSERT INTO work_orders (${cols.join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`, row as never);
      const labourId = newId();
      run(
        `INSERT INTO labour_lines (id, work_order_id, seq, item, hours_tenths, rate_fen, amount_fen, created_at)
         VALUES (?, ?, 1, '更换机油机滤', 5, 8000, 4000, ?)`,
        labourId,
        id,
        T0,
      );
      run(
        `INSERT INTO part_lines (id, work_order_id, seq, part_id, name, code, quantity, unit_price_fen, amount_fen, part_type, created_at)
         VALUES (?, ?, 1, ?, '机油滤清器', '90915-YZZD1', 100, 6800, 6800, 'oem', ?)`,
        newId(),
        id,
        ids.filter,
        T0,
      );
      return labourId;
    };
    order(ids.settled, 'WO20261120-0001', ids.camry, ids.zhang, 'settled', {
      mileage_out_km: 35_212,
      completed_at: T0,
      settlement_no: 'JS20261120-0001',
      settled_at: T0,
      settle_date: '2026-11-20',
      payment_method: 'wechat',
      old_parts_disposition: 'customer_keeps',
      warranty_km: 2000,
      warranty_days: 10,
      settled_by: ids.manager,
    });
    run(
      `INSERT INTO stock_movements (id, part_id, kind, quantity, unit_cost_fen, value_fen, on_hand_after, doc_date, doc_no, work_order_id, created_at)
       VALUES (?, ?, 'issue', -100, 3500, -3500, 900, '2026-11-20', 'JS20261120-0001', ?, ?)`,
      newId(),
      ids.filter,
      ids.settled,
      T0,
    );
    const record = {
      basicInfo: { costlistcode: 'JS20261120-0001', vin: VINS[0], vehicleplatenumber: '粤A12345' },
      repairprojectlist: [{ repairproject: '更换机油机滤', workinghours: '0.5' }],
      vehiclepartslist: [{ partsname: '机油滤清器', partscode: '90915-YZZD1', partsquantity: '1.00' }],
    };
    run(
      `INSERT INTO outbox (id, seq, kind, work_order_id, settlement_no, state, record, attempts, accepted_at, created_at, updated_at)
       VALUES (?, 1, 'upload', ?, 'JS20261120-0001', 'accepted', ?, 1, ?, ?, ?)`,
      newId(),
      ids.settled,
      JSON.stringify(record),
      T0,
      T0,
      T0,
    );
    ids.openLabour = order(ids.open, 'WO20261120-0002', ids.truck, ids.company, 'completed', {
      mileage_in_km: 120_000,
      mileage_out_km: 120_005,
      completed_at: T0,
      repair_category: 'minor_repair',
      fault_description: '刹车异响',
    });
    run(`INSERT INTO counters (name, value) VALUES ('WO20261120', 2), ('JS20261120', 1)`);
  })();
  return ids;
}

/** Opens a data folder with only the first migration applied and fills it as the old app would have. */
async function oldDatabase(dir: string): Promise<OldShop> {
  const opened = await openDatabase({ dataDir: dir, migrationsDir, migrateUpTo: 1, now: () => T0 });
  try {
    expect(opened.schemaVersion).toBe(1);
    expect(triggersOf(opened.sqlite)).toEqual([]);
    return writeOldShop(opened.sqlite);
  } finally {
    opened.sqlite.close();
  }
}

describe('migrating from the first schema', () => {
  it('keeps every row, indexes the old rows for search and installs the guards', async () => {
    const dir = newDir();
    const old = await oldDatabase(dir);
    const t = await core(dir);
    const s = t.app.core.sqlite;

    expect(t.app.schemaVersion).toBe(MIGRATIONS);
    expect(s.pragma('user_version', { simple: true })).toBe(MIGRATIONS);
    expect(s.pragma('foreign_key_check')).toEqual([]);
    expect(s.pragma('integrity_check', { simple: true })).toBe('ok');

    // The old manager is still the one acting for local callers: no second default user appeared.
    expect(t.app.owner.id).toBe(old.manager);
    expect((await t.ok('users.list', {})).map((u) => u.name)).toEqual(['王店长']);
    expect(await t.ok('shop.get', {})).toMatchObject({ name: '广州市示例汽车维修有限公司', labourRateFen: 8000 });

    const zhang = await t.ok('customers.get', { id: old.zhang });
    expect(zhang.customer).toMatchObject({ name: '张三', initials: 'zs', phone: '13800138000' });
    expect(zhang.vehicles.map((v) => v.id)).toEqual([old.camry]);
    expect((await t.ok('parts.get', { id: old.filter })).onHand).toBe(900);

    const settled = await t.ok('workOrders.get', { id: old.settled });
    expect(settled.order).toMatchObject({ status: 'settled', settlementNo: 'JS20261120-0001', totalFen: 10_800 });
    expect(settled.labour).toMatchObject([{ item: '更换机油机滤', hoursTenths: 5, amountFen: 4000 }]);
    expect(settled.parts).toMatchObject([{ code: '90915-YZZD1', quantity: 100, amountFen: 6800 }]);
    expect(settled.archive).toMatchObject([{ state: 'accepted', kind: 'upload' }]);
    const history = await t.ok('vehicles.history', { id: old.camry });
    expect(history.visits.map((v) => v.number)).toEqual(['WO20261120-0001']);
    expect(history.owners.map((o) => o.customer.id)).toEqual([old.zhang]);

    // Search finds rows that existed before its index did.
    const search = async (q: string) => (await t.ok('search.global', { q })).hits.map((h) => `${h.kind}:${h.id}`);
    expect(await search('A123')).toContain(`vehicle:${old.camry}`);
    expect(await search('6789')).toContain(`vehicle:${old.truck}`);
    expect(await search(VINS[0].slice(-6))).toContain(`vehicle:${old.camry}`);
    expect(await search(VINS[2].slice(-8))).toContain(`vehicle:${old.truck}`);
    expect(await search('zs')).toContain(`customer:${old.zhang}`);
    expect(await search('zhangsan')).toContain(`customer:${old.zhang}`);
    expect(await search('gzsd')).toContain(`customer:${old.company}`);
    expect(await search('顺达物流')).toContain(`customer:${old.company}`);
    expect(await search('0013800')).toContain(`customer:${old.zhang}`);
    expect(await search('YZZD')).toContain(`part:${old.filter}`);
    expect(await search('WO20261120')).toEqual(
      expect.arrayContaining([`workOrder:${old.settled}`, `workOrder:${old.open}`]),
    );
    expect((await t.ok('vehicles.search', { q: '粤B67' })).items.map((v) => v.id)).toEqual([old.truck]);
    expect((await t.ok('customers.search', { q: 'zs' })).items.map((c) => c.id)).toEqual([old.zhang]);

    // 0003's derived tables start out filled from the old rows.
    expect(derivedCountProblems(s)).toEqual([]);
    expect(s.prepare(`SELECT n FROM state_counts WHERE entity = 'work_orders' AND state = 'settled'`).get()).toEqual({
      n: 1,
    });

    // The guards exist and hold for the old rows, whatever code runs.
    const triggers = triggersOf(s);
    for (const name of [
      'work_orders_settled_frozen',
      'work_orders_terminal_status',
      'work_orders_no_delete',
      'labour_lines_frozen_insert',
      'part_lines_frozen_update',
      'stock_movements_no_update',
      'audit_log_no_delete',
      'outbox_accepted_final',
      'outbox_no_delete',
      'customers_fts_ai',
      'vehicles_fts_au',
      'parts_fts_ad',
    ])
      expect(triggers).toContain(name);
    expect(() => s.prepare('UPDATE work_orders SET total_fen = 1 WHERE id = ?').run(old.settled)).toThrow(
      /settled_order_immutable/,
    );
    expect(() => s.prepare('DELETE FROM labour_lines WHERE work_order_id = ?').run(old.settled)).toThrow(
      /order_lines_frozen/,
    );
    expect(() => s.prepare(`UPDATE outbox SET state = 'pending'`).run()).toThrow(/accepted_record_is_final/);
    expect(() => s.prepare('DELETE FROM stock_movements').run()).toThrow(/append_only/);
    const e = await t.err('workOrders.addLabour', { workOrderId: old.settled, item: '补做', hoursTenths: 1 });
    expect(e.status).toBe(409);

    // And the shop carries on: the old completed order settles with the old stock and a new number.
    const d = await t.ok('workOrders.settle', {
      id: old.open,
      paymentMethod: 'cash',
      oldPartsDisposition: 'shop_keeps',
    });
    expect(d.order.settlementNo).toBe('JS20261124-0001');
    expect(d.archive[0]!.state).toBe('pending');
    expect((await t.ok('parts.get', { id: old.filter })).onHand).toBe(800);
    const fresh = await t.ok('customers.create', { kind: 'person', name: '李四' });
    expect(await search('ls')).toContain(`customer:${fresh.id}`);
    expect(await t.ok('audit.verify', {})).toMatchObject({ ok: true, brokenAt: null });
    expect(s.pragma('foreign_key_check')).toEqual([]);
  });

  it('gives the old users no PIN and an empty lockout, and adds the paired-devices table with its guards (0005)', async () => {
    const dir = newDir();
    const old = await oldDatabase(dir);
    const t = await core(dir);
    const s = t.app.core.sqlite;
    expect(
      s.prepare('SELECT pin_hash, pin_failures, pin_locked_until FROM users WHERE id = ?').get(old.manager),
    ).toEqual({
      pin_hash: '',
      pin_failures: 0,
      pin_locked_until: null,
    });
    expect((await t.ok('users.list', {}))[0]).toMatchObject({ id: old.manager, hasPin: false });
    // An upgraded shop stays in single-user mode with the LAN off: nothing changes until the manager acts.
    expect(await t.ok('auth.settings', {})).toEqual({ mode: 'single' });
    expect(await t.ok('lan.status', {})).toMatchObject({ enabled: false, listening: false });
    expect(triggersOf(s)).toEqual(expect.arrayContaining(['devices_no_delete', 'devices_identity_final']));
    const code = await t.ok('lan.createPairingCode', { userId: old.manager });
    const paired = await t.ok('lan.pair', { code: code.code, name: '店长手机' }, null);
    expect((await t.ok('lan.devices', {})).map((d) => d.id)).toEqual([paired.device.id]);
    expect(JSON.stringify(s.prepare('SELECT * FROM devices').all())).not.toContain(paired.token);
    expect(s.pragma('foreign_key_check')).toEqual([]);
  });

  it('backs the old file up before migrating, and the backup is the old schema with the old data', async () => {
    const dir = newDir();
    const old = await oldDatabase(dir);
    const t = await core(dir);
    const backup = t.app.backupFile;
    expect(backup).not.toBeNull();
    expect(path.dirname(backup!)).toBe(path.join(dir, 'backups'));
    expect(path.basename(backup!)).toMatch(/^pre-migration-v1-.+\.db$/);
    // Beside the copy: its metadata file (kind, versions, checksum; db/backup-file.ts).
    expect(fs.readdirSync(path.join(dir, 'backups')).sort()).toEqual([
      path.basename(backup!),
      `${path.basename(backup!)}.json`,
    ]);

    const b = new Database(backup!, { readonly: true, fileMustExist: true });
    try {
      expect(b.pragma('user_version', { simple: true })).toBe(1);
      expect(b.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual({ n: 1 });
      expect(b.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(triggersOf(b)).toEqual([]);
      expect(b.prepare(`SELECT name FROM sqlite_master WHERE name = 'customers_fts'`).get()).toBeUndefined();
      expect(b.prepare('SELECT name, initials FROM customers WHERE id = ?').get(old.zhang)).toEqual({
        name: '张三',
        initials: 'zs',
      });
      expect(b.prepare('SELECT status, settlement_no FROM work_orders WHERE id = ?').get(old.settled)).toEqual({
        status: 'settled',
        settlement_no: 'JS20261120-0001',
      });
      expect(b.prepare('SELECT count(*) AS n FROM labour_lines').get()).toEqual({ n: 2 });
    } finally {
      b.close();
    }
  });

  it('writes no backup when the database is already up to date', async () => {
    const dir = newDir();
    await oldDatabase(dir);
    const first = await core(dir);
    expect(first.app.backupFile).not.toBeNull();
    first.close();
    const again = await core(dir);
    expect(again.app.backupFile).toBeNull();
    expect(fs.readdirSync(path.join(dir, 'backups')).filter((n) => n.endsWith('.db'))).toHaveLength(1);
    again.close();

    // A brand-new database has nothing to lose: no backup either.
    const fresh = newDir();
    const t = await core(fresh);
    expect(t.app.backupFile).toBeNull();
    expect(fs.existsSync(path.join(fresh, 'backups'))).toBe(false);
  });
});

describe('start-up refusals', () => {
  const expectStartupError = async (p: Promise<unknown>, codes: string[]) => {
    const e = await p.then(
      () => undefined,
      (x: unknown) => x,
    );
    expect(e, 'the open should have been refused').toBeInstanceOf(StartupError);
    const se = e as StartupError;
    expect(codes).toContain(se.code);
    expect(se.bilingual.zh.length && se.bilingual.en.length).toBeGreaterThan(0);
    expect(se.action.zh.length && se.action.en.length).toBeGreaterThan(0);
    return se;
  };

  it('refuses a database newer than the app and leaves the file exactly as it was', async () => {
    const dir = newDir();
    const t = await core(dir);
    await t.ok('customers.create', { kind: 'person', name: '未来客户' });
    t.close();
    const file = path.join(dir, DB_FILE);
    const s = new Database(file);
    s.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run(
      'from-the-future',
      4_102_444_800_000,
    );
    s.close();
    const before = sha256(file);
    const filesBefore = fs.readdirSync(dir).sort();

    const e = await expectStartupError(createCore({ dataDir: dir, log: () => {} }), ['db_newer_than_app']);
    expect(e.action.en).toMatch(/not changed/);
    expect(sha256(file)).toBe(before);
    expect(fs.readdirSync(dir).sort()).toEqual(filesBefore);
    // The low-level open refuses too, even when asked for fewer migrations.
    await expectStartupError(openDatabase({ dataDir: dir, migrationsDir, migrateUpTo: 1 }), ['db_newer_than_app']);
    expect(sha256(file)).toBe(before);
  });

  it('refuses a database with more migrations than the app knows, even with old timestamps', async () => {
    const dir = newDir();
    (await core(dir)).close();
    const file = path.join(dir, DB_FILE);
    const s = new Database(file);
    s.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('sideways', 1);
    s.close();
    const before = sha256(file);
    await expectStartupError(createCore({ dataDir: dir, log: () => {} }), ['db_newer_than_app']);
    expect(sha256(file)).toBe(before);
  });

  it('refuses a data folder that cannot be created', async () => {
    const dir = newDir();
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, 'a file where the data folder should be');
    await expectStartupError(createCore({ dataDir: path.join(blocker, 'data'), log: () => {} }), [
      'data_dir_unwritable',
    ]);
    await expectStartupError(createCore({ dataDir: blocker, log: () => {} }), ['data_dir_unwritable']);
    expect(fs.readFileSync(blocker, 'utf8')).toBe('a file where the data folder should be');
  });

  it('refuses a file that is not a database, without crashing or overwriting it', async () => {
    const dir = newDir();
    const file = path.join(dir, DB_FILE);
    const garbage = Buffer.concat([Buffer.from('这不是数据库 this is not a database\n'), Buffer.alloc(8192, 0xa5)]);
    fs.writeFileSync(file, garbage);
    await expectStartupError(createCore({ dataDir: dir, log: () => {} }), ['db_corrupt', 'migration_failed']);
    expect(fs.readFileSync(file).equals(garbage)).toBe(true);
  });

  it('refuses a truncated database', async () => {
    const dir = newDir();
    const t = await core(dir);
    for (let i = 0; i < 50; i++)
      await t.ok('customers.create', { kind: 'person', name: `客户${i}`, note: 'x'.repeat(400) });
    t.close();
    const file = path.join(dir, DB_FILE);
    const size = fs.statSync(file).size;
    fs.truncateSync(file, Math.floor(size / 4096 / 2) * 4096);
    await expectStartupError(createCore({ dataDir: dir, log: () => {} }), ['db_corrupt', 'migration_failed']);
  });
});

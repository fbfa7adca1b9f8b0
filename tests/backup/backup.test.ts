/**
 * Backups on real SQLite files: the round trip through a restore, refusals that change nothing
 * (corrupt, truncated, not SQLite, newer schema), rotation over a month on a fake clock, a missing
 * USB folder, and the pre-migration backup.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { readMeta } from '../../electron/core/db/backup-file.js';
import { openDatabase } from '../../electron/core/db/open.js';
import { resolveMigrationsDir } from '../../electron/core/paths.js';
import { BackupScheduler, isoWeek, planRotation } from '../../electron/core/services/backups.js';
import { completedOrder, FakeClock, makeCore, seedBasics, type TestCore, tempDir } from '../support/core.js';

const open: TestCore[] = [];
const dirs: string[] = [];
afterEach(() => {
  for (const t of open.splice(0)) t.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const core = async (o: Parameters<typeof makeCore>[0] = {}) => {
  const t = await makeCore(o);
  open.push(t);
  dirs.push(t.dir);
  return t;
};

/** The shop's data as rows, for before/after comparisons. */
const snapshot = (t: TestCore) => {
  const s = t.app.core.sqlite;
  const all = (table: string) => s.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
  return {
    customers: all('customers'),
    vehicles: all('vehicles'),
    parts: all('parts'),
    workOrders: all('work_orders'),
    movements: all('stock_movements'),
  };
};

const backupPath = (t: TestCore, b: { name: string; location: string }) => path.join(t.dir, 'backups', b.name);

describe('backup and restore', () => {
  it('restores exactly the backed-up data, after taking a safety copy, and the core keeps working', async () => {
    const t = await core();
    const { vehicle, filter } = await seedBasics(t);
    const orderId = await completedOrder(t, vehicle.id, filter.id);
    await t.ok('workOrders.settle', { id: orderId, paymentMethod: 'cash', oldPartsDisposition: 'none' });
    const before = snapshot(t);
    const { backup, failure } = await t.ok('backup.create', {});
    expect(failure).toBeNull();
    expect(backup).toMatchObject({
      kind: 'manual',
      location: 'local',
      hasMetadata: true,
      schemaVersion: expect.any(Number),
    });
    const meta = readMeta(backupPath(t, backup))!;
    expect(meta).toMatchObject({
      kind: 'manual',
      appVersion: expect.any(String),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });

    // Change things after the backup.
    t.clock.advance(60_000);
    await t.ok('customers.create', { kind: 'person', name: '李四', phone: '13900000000' });
    await t.ok('vehicles.update', { id: vehicle.id, brandModel: '本田雅阁' });
    expect(snapshot(t)).not.toEqual(before);

    const r = await t.ok('backup.restore', { name: backup.name, location: 'local' });
    expect(r.restored.name).toBe(backup.name);
    expect(fs.existsSync(r.safetyCopy)).toBe(true);
    expect(path.basename(r.safetyCopy)).toMatch(/^safety-/);
    expect(snapshot(t)).toEqual(before);

    // The safety copy holds the data as it was just before the restore.
    const safety = new Database(r.safetyCopy, { readonly: true });
    expect(safety.prepare(`SELECT count(*) AS n FROM customers WHERE name = '李四'`).get()).toEqual({ n: 1 });
    safety.close();

    // The reopened core serves calls, writes and audits as before.
    await t.ok('customers.create', { kind: 'person', name: '王五', phone: '13700000000' });
    expect(await t.ok('audit.verify', {})).toMatchObject({ ok: true });
    const list = await t.ok('backup.list', {});
    expect(list.items.map((i) => i.kind).sort()).toEqual(['manual', 'safety']);
  });

  const refusedUnchanged = async (damage: (file: string) => void, code: string) => {
    const t = await core();
    await seedBasics(t);
    const { backup } = await t.ok('backup.create', {});
    await t.ok('customers.create', { kind: 'person', name: '李四', phone: '13900000000' });
    const before = snapshot(t);
    damage(backupPath(t, backup));
    const e = await t.err('backup.restore', { name: backup.name, location: 'local' });
    expect(e.code).toBe('validation_failed');
    expect(e.fields.map((f) => f.code)).toContain(code);
    expect(e.message.zh).toContain('当前数据未改动');
    expect(e.message.en).toContain('Nothing was changed');
    expect(snapshot(t)).toEqual(before);
    expect(fs.readdirSync(path.join(t.dir, 'backups')).filter((n) => n.startsWith('safety-'))).toEqual([]);
    expect(fs.existsSync(path.join(t.dir, 'restore-staging.db'))).toBe(false);
    await t.ok('customers.create', { kind: 'person', name: '王五' });
  };

  const overwriteMiddle = (file: string) => {
    const size = fs.statSync(file).size;
    const fd = fs.openSync(file, 'r+');
    // A whole page's worth of noise in the middle of the file: b-tree pages no longer parse.
    fs.writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, Math.floor(size / 2 / 4096) * 4096);
    fs.closeSync(fd);
  };

  it('refuses a backup whose bytes changed (checksum), changing nothing', () =>
    refusedUnchanged((f) => {
      const fd = fs.openSync(f, 'r+');
      fs.writeSync(fd, Buffer.from('X'), 0, 1, Math.floor(fs.statSync(f).size / 2));
      fs.closeSync(fd);
    }, 'backup_checksum_mismatch'));

  it('refuses a corrupt backup without metadata (integrity check)', () =>
    refusedUnchanged((f) => {
      overwriteMiddle(f);
      fs.rmSync(`${f}.json`);
    }, 'backup_corrupt'));

  it('refuses a truncated backup', () =>
    refusedUnchanged((f) => {
      fs.truncateSync(f, Math.floor(fs.statSync(f).size / 2));
      fs.rmSync(`${f}.json`);
    }, 'backup_truncated'));

  it('refuses a file that is not an SQLite database', () =>
    refusedUnchanged((f) => {
      fs.writeFileSync(f, '姓名,电话\n张三,13800138000\n'.repeat(100));
      fs.rmSync(`${f}.json`);
    }, 'backup_not_sqlite'));

  it('refuses a backup written by a newer schema', () =>
    refusedUnchanged((f) => {
      fs.rmSync(`${f}.json`);
      const db = new Database(f);
      db.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', 9_999_999_999_999);
      db.close();
    }, 'backup_newer_than_app'));

  it('refuses names that are paths', async () => {
    const t = await core();
    const e = await t.err('backup.restore', { name: '../chedang.db', location: 'local' });
    expect(e.code).toBe('invalid_input');
  });
});

describe('rotation', () => {
  it('computes ISO weeks', () => {
    expect(isoWeek('2026-11-24')).toBe('2026-W48');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
  });

  it('after 30 days of daily backups keeps 7 dailies and 4 weeklies', async () => {
    const clock = new FakeClock(Date.parse('2026-11-24T20:00:00+08:00'));
    const t = await core({ clock });
    const scheduler = new BackupScheduler(t.app.core);
    for (let day = 0; day < 30; day++) {
      expect(await scheduler.runDue()).not.toBeNull();
      // A second check the same day takes nothing.
      clock.advance(3_600_000);
      expect(await scheduler.runDue()).toBeNull();
      clock.advance(23 * 3_600_000);
    }
    const { items } = await t.ok('backup.list', {});
    const dailies = items.filter((i) => i.kind === 'daily');
    expect(dailies).toHaveLength(11);
    expect(dailies.filter((i) => i.weekly)).toHaveLength(4);
    // The newest seven are the last seven days.
    const days = dailies.map((i) => new Date(i.createdAt + 8 * 3_600_000).toISOString().slice(0, 10));
    expect(days.slice(0, 7)).toEqual([
      '2026-12-23',
      '2026-12-22',
      '2026-12-21',
      '2026-12-20',
      '2026-12-19',
      '2026-12-18',
      '2026-12-17',
    ]);
    // Weeklies: the first backup of each older ISO week (Mondays, and the first day, a Tuesday).
    expect(days.slice(7)).toEqual(['2026-12-14', '2026-12-07', '2026-11-30', '2026-11-24']);
    // Metadata files go with their backups.
    const files = fs.readdirSync(path.join(t.dir, 'backups'));
    expect(files.filter((n) => n.endsWith('.db.json'))).toHaveLength(11);
  });

  it('keeps manual, pre-migration and safety copies apart, each with its own limit', () => {
    const at = Date.parse('2026-11-24T00:00:00Z');
    const items = [
      ...Array.from({ length: 12 }, (_, i) => ({ name: `manual-${i}.db`, kind: 'manual' as const, createdAt: at + i })),
      ...Array.from({ length: 7 }, (_, i) => ({ name: `safety-${i}.db`, kind: 'safety' as const, createdAt: at + i })),
      { name: 'from-old-pc.db', kind: 'external' as const, createdAt: 0 },
    ];
    const { remove } = planRotation(items, 'Asia/Shanghai');
    expect(remove.sort()).toEqual(['manual-0.db', 'manual-1.db', 'safety-0.db', 'safety-1.db']);
  });

  it('never removes the backup just taken when many fall in the same millisecond', async () => {
    // The test clock is frozen: every name is `manual-<time>.db`, then `-2`, … `-12`; `-10` sorts
    // before `-2` as text, so rotation must read the suffix as a number.
    const t = await core();
    for (let i = 0; i < 12; i++) {
      const { backup } = await t.ok('backup.create', {});
      expect(fs.existsSync(path.join(t.dir, 'backups', backup.name))).toBe(true);
    }
    const { items } = await t.ok('backup.list', {});
    expect(items).toHaveLength(10);
    expect(items[0]!.name).toMatch(/-12\.db$/);
  });
});

describe('the backup folder (a USB disk)', () => {
  it('refuses a folder that is missing, with a bilingual reason', async () => {
    const t = await core();
    const e = await t.err('backup.configure', { folder: path.join(t.dir, 'no-such-usb') });
    expect(e.code).toBe('validation_failed');
    expect(e.fields[0]).toMatchObject({ code: 'backup_folder_unusable', field: 'folder' });
    expect(e.message.zh).toContain('找不到备份文件夹');
    expect(e.message.en).toContain('does not exist');
    expect((await t.err('backup.configure', { folder: 'relative/dir' })).fields[0]!.code).toBe(
      'backup_folder_unusable',
    );
  });

  it('writes to the chosen folder; when it is gone, keeps the backup locally and says so until it is back', async () => {
    const t = await core();
    await seedBasics(t);
    const usb = tempDir('chedang-usb-');
    dirs.push(usb);
    const set = await t.ok('backup.configure', { folder: usb });
    expect(set).toMatchObject({ folder: usb, folderAvailable: true });
    const first = await t.ok('backup.create', {});
    expect(first.backup.location).toBe('configured');
    expect(fs.existsSync(path.join(usb, first.backup.name))).toBe(true);
    expect(fs.existsSync(path.join(usb, `${first.backup.name}.json`))).toBe(true);

    fs.rmSync(usb, { recursive: true });
    t.clock.advance(1000);
    const second = await t.ok('backup.create', {});
    expect(second.backup.location).toBe('local');
    expect(second.failure).toMatchObject({ folder: usb, message: { zh: expect.stringContaining('U盘') } });
    expect(fs.existsSync(path.join(t.dir, 'backups', second.backup.name))).toBe(true);
    const list = await t.ok('backup.list', {});
    expect(list.settings).toMatchObject({ folderAvailable: false, lastFailure: { folder: usb } });
    expect(list.settings.lastFailure!.fallbackFile).toBe(path.join(t.dir, 'backups', second.backup.name));

    fs.mkdirSync(usb);
    t.clock.advance(1000);
    const third = await t.ok('backup.create', {});
    expect(third).toMatchObject({ backup: { location: 'configured' }, failure: null });
    expect((await t.ok('backup.list', {})).settings.lastFailure).toBeNull();
  });

  it('restores from the chosen folder on another PC (a new data folder)', async () => {
    const t = await core();
    await seedBasics(t);
    const usb = tempDir('chedang-usb-');
    dirs.push(usb);
    await t.ok('backup.configure', { folder: usb });
    const { backup } = await t.ok('backup.create', {});
    const before = snapshot(t);

    const fresh = await core();
    await fresh.ok('backup.configure', { folder: usb });
    const listed = await fresh.ok('backup.list', {});
    expect(listed.items.map((i) => i.name)).toContain(backup.name);
    await fresh.ok('backup.restore', { name: backup.name, location: 'configured' });
    expect(snapshot(fresh)).toEqual(before);
  });
});

describe('pre-migration backup', () => {
  it('is written, verified and described before a migration', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const old = await openDatabase({ dataDir: dir, migrationsDir: resolveMigrationsDir(), migrateUpTo: 1 });
    old.sqlite.close();
    const t = await makeCore({ dir });
    open.push(t);
    expect(t.app.backupFile).not.toBeNull();
    const meta = readMeta(t.app.backupFile!);
    expect(meta).toMatchObject({ kind: 'pre-migration', schemaVersion: 1 });
    const list = await t.ok('backup.list', {});
    expect(list.items).toEqual([
      expect.objectContaining({ kind: 'pre-migration', schemaVersion: 1, hasMetadata: true }),
    ]);
    // An older backup restores and is migrated up on reopen.
    const r = await t.ok('backup.restore', { name: list.items[0]!.name, location: 'local' });
    expect(r.migrated).toBeGreaterThan(0);
    expect(r.schemaVersion).toBe(t.app.schemaVersion);
  });
});

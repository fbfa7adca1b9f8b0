/**
 * Opening the shop database: the start-up sequence of architecture.md.
 *
 *   1. the data folder must be writable;
 *   2. WAL + synchronous=FULL (a power cut must not lose a settlement the screen showed as done);
 *   3. refuse a database whose schema is newer than this app (an older app must not touch it);
 *   4. back the file up (SQLite online backup) before applying any pending migration;
 *   5. foreign keys OFF outside any transaction, migrate in one transaction, then
 *      `foreign_key_check` and `quick_check`, then foreign keys ON.
 *
 * The two checks read every page of the file: ~4 s for a ten-year shop's 2.4 GB (docs/performance.md),
 * eight times the start-up budget. They guard what a migration may have broken, so they run after a
 * migration (and on a new file); an ordinary start checks instead that the file is as long as its own
 * header says (a truncated copy, the common damage) and leaves page-level faults to SQLite, which
 * reports them as SQLITE_CORRUPT on the page that is read.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { type MigrationMeta, readMigrationFiles } from 'drizzle-orm/migrator';
import { appVersion } from '../version.js';
import { writeBackup } from './backup-file.js';
import * as schema from './schema.js';
import { StartupError } from './startup-error.js';

export type Db = ReturnType<typeof drizzle<typeof schema>>;
export type Sqlite = Database.Database;

export const DB_FILE = 'chedang.db';

export interface OpenOptions {
  dataDir: string;
  migrationsDir: string;
  /** Apply only the first N migrations (tests that migrate from an older schema). */
  migrateUpTo?: number;
  now?: () => number;
}

export interface OpenedDatabase {
  sqlite: Sqlite;
  db: Db;
  file: string;
  /** Number of migrations applied to this database. */
  schemaVersion: number;
  /** Migrations applied during this open. */
  migrated: number;
  /** The pre-migration backup written during this open, if any. */
  backupFile: string | null;
}

const MIGRATIONS_TABLE = '__drizzle_migrations';

export const loadMigrations = (migrationsDir: string): MigrationMeta[] =>
  readMigrationFiles({ migrationsFolder: migrationsDir });

const ensureWritableDir = (dir: string): void => {
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (cause) {
    throw new StartupError(
      'data_dir_unwritable',
      { zh: `数据文件夹不可写：${dir}`, en: `The data folder is not writable: ${dir}` },
      {
        zh: '请检查磁盘空间和该文件夹的权限，或在启动参数中指定其他数据文件夹（--data-dir）。',
        en: 'Check free disk space and the folder permissions, or choose another data folder (--data-dir).',
      },
      cause,
    );
  }
};

/** created_at of every migration this database has applied (drizzle's own bookkeeping). */
const appliedMigrations = (sqlite: Sqlite): number[] => {
  const exists = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type='table' AND name=?`).get(MIGRATIONS_TABLE);
  if (!exists) return [];
  return (
    sqlite.prepare(`SELECT created_at FROM ${MIGRATIONS_TABLE} ORDER BY created_at`).all() as { created_at: number }[]
  ).map((r) => Number(r.created_at));
};

const backupName = (now: number, fromVersion: number) =>
  `pre-migration-v${fromVersion}-${new Date(now).toISOString().replace(/[:.]/g, '-')}.db`;

/**
 * 'ok' when the file holds at least as many pages as its header claims (SQLite file format §1.3.7:
 * the in-header size is valid when the version-valid-for number equals the change counter), else why
 * not. Reads 100 bytes, whatever the size of the database. Judges only a file whose WAL is empty.
 */
export function headerCheck(file: string): string {
  const header = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  try {
    if (fs.readSync(fd, header, 0, 100, 0) < 100) return 'database header is incomplete';
  } finally {
    fs.closeSync(fd);
  }
  // With frames in the WAL (a crash, a kill mid-checkpoint) page 1 may already carry the new size
  // while the pages themselves are still only in the WAL: legitimate, and SQLite recovers it.
  const wal = `${file}-wal`;
  if (fs.existsSync(wal) && fs.statSync(wal).size > 0) return 'ok';
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  const pages = header.readUInt32BE(28);
  if (header.readUInt32BE(92) !== header.readUInt32BE(24) || pages === 0) return 'ok';
  const size = fs.statSync(file).size;
  return size >= pages * pageSize ? 'ok' : `file is ${size} bytes, its header says ${pages * pageSize}`;
}

export async function openDatabase(opts: OpenOptions): Promise<OpenedDatabase> {
  const now = opts.now ?? Date.now;
  ensureWritableDir(opts.dataDir);
  const file = path.join(opts.dataDir, DB_FILE);

  let sqlite: Sqlite;
  try {
    sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 5000');
  } catch (cause) {
    throw new StartupError(
      'db_corrupt',
      { zh: `无法打开数据库文件：${file}`, en: `The database file cannot be opened: ${file}` },
      {
        zh: '文件可能已损坏或被其他程序占用。请关闭其他车档窗口后重试，或从备份恢复。',
        en: 'The file may be damaged or in use by another program. Close other Chedang windows and retry, or restore a backup.',
      },
      cause,
    );
  }

  try {
    const all = loadMigrations(opts.migrationsDir);
    const wanted = opts.migrateUpTo === undefined ? all : all.slice(0, opts.migrateUpTo);
    const applied = appliedMigrations(sqlite);
    const appLatest = all.at(-1)?.folderMillis ?? 0;
    const dbLatest = applied.at(-1) ?? 0;
    if (dbLatest > appLatest || applied.length > all.length) {
      throw new StartupError(
        'db_newer_than_app',
        {
          zh: '此数据库由更新版本的车档创建，当前程序不能打开它。',
          en: 'This database was written by a newer version of Chedang; this version cannot open it.',
        },
        {
          zh: '请将车档升级到最新版本。数据库未被改动。',
          en: 'Update Chedang to the latest version. The database was not changed.',
        },
      );
    }
    const pending = wanted.filter((m) => m.folderMillis > dbLatest);

    let backupFile: string | null = null;
    if (pending.length > 0 && applied.length > 0) {
      const dir = path.join(opts.dataDir, 'backups');
      fs.mkdirSync(dir, { recursive: true });
      // Verified and described like every other backup (db/backup-file.ts); kept apart from the
      // daily ones with its own limit (services/backups.ts).
      const written = await writeBackup(sqlite, dir, {
        kind: 'pre-migration',
        name: path.basename(backupName(now(), applied.length)),
        now: now(),
        appVersion: appVersion(),
      });
      backupFile = written.file;
    }

    const db = drizzle(sqlite, { schema });
    if (pending.length > 0) {
      sqlite.pragma('foreign_keys = OFF');
      try {
        // drizzle runs every pending migration inside one BEGIN … COMMIT.
        (
          db as unknown as {
            dialect: { migrate: (m: MigrationMeta[], s: unknown, c: object) => void };
            session: unknown;
          }
        ).dialect.migrate(wanted, (db as unknown as { session: unknown }).session, {});
      } catch (cause) {
        throw new StartupError(
          'migration_failed',
          { zh: '数据库升级失败，数据未被改动。', en: 'Upgrading the database failed; nothing was changed.' },
          {
            zh: `请联系技术支持。升级前的备份：${backupFile ?? '（新数据库，无需备份）'}`,
            en: `Contact support. Backup taken before the upgrade: ${backupFile ?? '(new database, none needed)'}`,
          },
          cause,
        );
      }
    }
    const thorough = pending.length > 0;
    const fkViolations = thorough ? (sqlite.pragma('foreign_key_check') as unknown[]) : [];
    const quick = thorough ? sqlite.pragma('quick_check', { simple: true }) : headerCheck(file);
    if (fkViolations.length > 0 || quick !== 'ok') {
      throw new StartupError(
        'db_corrupt',
        {
          zh: `数据库完整性检查未通过（${quick === 'ok' ? `${fkViolations.length} 处外键错误` : String(quick)}）。`,
          en: `The database failed its integrity check (${quick === 'ok' ? `${fkViolations.length} foreign-key violations` : String(quick)}).`,
        },
        {
          zh: `请从备份恢复。${backupFile ? `升级前的备份：${backupFile}` : ''}`,
          en: `Restore a backup. ${backupFile ? `Backup taken before the upgrade: ${backupFile}` : ''}`,
        },
      );
    }
    sqlite.pragma('foreign_keys = ON');
    // Query plans need statistics: without them SQLite may walk ten years of settled orders by status
    // where a vehicle's index finds its five. `optimize` (SQLite ≥ 3.46 semantics, 0x10002) analyses
    // only the tables whose size changed a lot since the last time, each from a bounded sample
    // (analysis_limit), so it costs milliseconds at start; close() runs it again (app.ts).
    sqlite.pragma('analysis_limit = 1000');
    sqlite.pragma('optimize = 0x10002');
    const schemaVersion = appliedMigrations(sqlite).length;
    // Written only when it changes: a write at every start is an fsync at every start.
    if (sqlite.pragma('user_version', { simple: true }) !== schemaVersion)
      sqlite.pragma(`user_version = ${schemaVersion}`);
    return { sqlite, db, file, schemaVersion, migrated: pending.length, backupFile };
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

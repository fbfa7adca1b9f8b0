/**
 * 备份与恢复: when backups are taken, where they go, how many are kept, and restoring one.
 *
 * - Kinds: `daily` (the scheduler, once per shop-local day), `manual` (backup.create), `pre-migration`
 *   (db/open.ts, always in the data folder), `safety` (the database as it was just before a restore).
 * - Where: the folder the shop chose (a USB disk) when it is there and writable, else the data folder's
 *   own `backups/`. A backup that could not go to the chosen folder is written locally and the
 *   failure is kept in the settings file and shown in the UI until a later backup reaches the folder.
 * - Rotation (per folder and kind): the 7 newest dailies, plus the first backup of each of the 4 most
 *   recent ISO weeks (shop-local calendar) among the older dailies; 10 manual, 5 pre-migration,
 *   5 safety copies. Files the app did not name (copied in by hand) are never deleted.
 * - Settings live in `<data folder>/backup-settings.json`, not in the database: restoring an old
 *   backup must not take the USB folder (or the record of a failed backup) back in time with it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { z } from 'zod';
import type { BackupInfo, BackupKind, BackupLocation } from '../../../shared/api/schemas/backup.js';
import { BACKUP_KINDS } from '../../../shared/api/schemas/backup.js';
import { localDate } from '../../../shared/domain/dates.js';
import type { Bilingual } from '../../../shared/domain/issue.js';
import { issue } from '../../../shared/domain/issue.js';
import type { Core, Ctx } from '../context.js';
import {
  BackupFileError,
  freeName,
  inspectDatabaseFile,
  metaFileOf,
  migrationsIn,
  readMeta,
  sha256File,
  stampOf,
  writeBackup,
} from '../db/backup-file.js';
import { DB_FILE, loadMigrations } from '../db/open.js';
import { fail } from '../errors.js';
import { resolveMigrationsDir } from '../paths.js';
import { appVersion } from '../version.js';
import { audit } from './audit.js';

export type BackupInfoRow = z.infer<typeof BackupInfo>;

export const RETENTION = { daily: 7, weekly: 4, manual: 10, preMigration: 5, safety: 5 } as const;
const SETTINGS_FILE = 'backup-settings.json';
export const localBackupDir = (dataDir: string) => path.join(dataDir, 'backups');

interface StoredSettings {
  folder: string | null;
  lastBackupAt: number | null;
  lastDailyAt: number | null;
  lastFailure: { at: number; folder: string; message: Bilingual; fallbackFile: string | null } | null;
}
const EMPTY: StoredSettings = { folder: null, lastBackupAt: null, lastDailyAt: null, lastFailure: null };

export const readBackupSettings = (dataDir: string): StoredSettings => {
  try {
    return { ...EMPTY, ...(JSON.parse(fs.readFileSync(path.join(dataDir, SETTINGS_FILE), 'utf8')) as object) };
  } catch {
    return { ...EMPTY };
  }
};
const writeSettings = (dataDir: string, s: StoredSettings) => {
  const file = path.join(dataDir, SETTINGS_FILE);
  fs.writeFileSync(`${file}.partial`, `${JSON.stringify(s, null, 2)}\n`);
  fs.renameSync(`${file}.partial`, file);
};

/**
 * What the core gives this service at start: how to swap the database file under a running core
 * (app.ts closes, swaps, reopens) and where the app's migrations are.
 */
export interface BackupHooks {
  migrationsDir: string;
  /** Close the database, run `swap`, reopen (migrating if needed); on failure run `undo` and reopen. */
  reopen(swap: () => void, undo: () => void): Promise<{ schemaVersion: number; migrated: number }>;
  log(msg: string): void;
}
const hooks = new WeakMap<Core, BackupHooks>();
export const attachBackupHooks = (core: Core, h: BackupHooks) => hooks.set(core, h);
const hooksOf = (core: Core): BackupHooks =>
  hooks.get(core) ?? {
    migrationsDir: resolveMigrationsDir(),
    reopen: () => Promise.reject(new Error('this core cannot reopen its database')),
    log: () => {},
  };

/** One backup or restore at a time: a restore must never swap the file under a running backup. */
const queues = new WeakMap<Core, Promise<unknown>>();
const exclusive = <T>(core: Core, job: () => Promise<T>): Promise<T> => {
  const prev = queues.get(core) ?? Promise.resolve();
  const next = prev.then(job, job);
  queues.set(
    core,
    next.catch(() => {}),
  );
  return next;
};

/** Why `folder` cannot take backups right now, or null when it can. Probes with a real write. */
export const folderProblem = (folder: string): Bilingual | null => {
  if (!path.isAbsolute(folder))
    return { zh: `请填写完整的文件夹路径：${folder}`, en: `Give the full path of the folder: ${folder}` };
  let st: fs.Stats;
  try {
    st = fs.statSync(folder);
  } catch {
    return {
      zh: `找不到备份文件夹：${folder}（U盘或移动硬盘是否已插好？）`,
      en: `The backup folder does not exist: ${folder} (is the USB disk plugged in?)`,
    };
  }
  if (!st.isDirectory()) return { zh: `这不是文件夹：${folder}`, en: `This is not a folder: ${folder}` };
  const probe = path.join(folder, `.chedang-write-test-${process.pid}`);
  try {
    fs.writeFileSync(probe, 'ok');
    fs.rmSync(probe, { force: true });
    return null;
  } catch {
    return {
      zh: `备份文件夹不可写：${folder}（磁盘已满、只读或没有权限）`,
      en: `The backup folder is not writable: ${folder} (disk full, read-only or no permission)`,
    };
  }
};

const kindOfName = (name: string): BackupKind => {
  for (const k of BACKUP_KINDS) if (k !== 'external' && name.startsWith(`${k}-`)) return k;
  return 'external';
};

/** The ISO week of a 'YYYY-MM-DD' day, as 'YYYY-Www'. */
export const isoWeek = (day: string): string => {
  const d = new Date(`${day}T00:00:00Z`);
  const dow = d.getUTCDay() || 7;
  d.setUTCDate(d.getUTCDate() + 4 - dow);
  const year = d.getUTCFullYear();
  const week = Math.ceil(((d.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${String(week).padStart(2, '0')}`;
};

/**
 * Newest first. Backups taken within the same millisecond (a frozen test clock, a fast double click)
 * carry a numeric suffix (`…-2.db`, `…-10.db`; the stamp itself ends in `Z`): the higher suffix is the
 * newer one.
 */
const suffixOf = (name: string) => Number(/-(\d+)\.db$/.exec(name)?.[1] ?? 1);
const newestFirst = (a: { name: string; createdAt: number }, b: { name: string; createdAt: number }) =>
  b.createdAt - a.createdAt || suffixOf(b.name) - suffixOf(a.name) || b.name.localeCompare(a.name);

/**
 * Which backups of one folder to keep. Dailies: the 7 newest, then — among the older ones — the first
 * backup of each ISO week, for the 4 most recent such weeks (so a month is covered with 11 files).
 * Manual, pre-migration and safety copies: the newest N of each. Unrecognised files: always kept.
 */
export function planRotation(
  items: readonly { name: string; kind: BackupKind; createdAt: number }[],
  timezone: string,
): { remove: string[]; weekly: Set<string> } {
  const byKind = (k: BackupKind) => items.filter((i) => i.kind === k).sort(newestFirst);
  const remove: string[] = [];
  const weekly = new Set<string>();
  const dailies = byKind('daily');
  const older = dailies.slice(RETENTION.daily);
  const firstOfWeek = new Map<string, { name: string; createdAt: number }>();
  for (const d of older) {
    const w = isoWeek(localDate(d.createdAt, timezone));
    const cur = firstOfWeek.get(w);
    if (!cur || d.createdAt < cur.createdAt) firstOfWeek.set(w, d);
  }
  const keptWeeks = [...firstOfWeek.keys()].sort().reverse().slice(0, RETENTION.weekly);
  for (const w of keptWeeks) weekly.add(firstOfWeek.get(w)!.name);
  for (const d of older) if (!weekly.has(d.name)) remove.push(d.name);
  const limits: [BackupKind, number][] = [
    ['manual', RETENTION.manual],
    ['pre-migration', RETENTION.preMigration],
    ['safety', RETENTION.safety],
  ];
  for (const [k, n] of limits)
    remove.push(
      ...byKind(k)
        .slice(n)
        .map((i) => i.name),
    );
  return { remove, weekly };
}

/** Migration count of a file without metadata (a copy brought in by hand); the full check runs at restore. */
const schemaOfFile = (file: string): number | null => {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return migrationsIn(db).count;
  } catch {
    return null;
  } finally {
    db?.close();
  }
};

/** The backups in one folder, newest first. */
export function listFolder(dir: string, location: BackupLocation, timezone: string): BackupInfoRow[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => n.endsWith('.db') && !n.startsWith('.'));
  } catch {
    return [];
  }
  const items = names.map((name): BackupInfoRow => {
    const file = path.join(dir, name);
    const meta = readMeta(file);
    const st = fs.statSync(file);
    return {
      name,
      location,
      kind: meta?.kind ?? kindOfName(name),
      createdAt: meta?.createdAt ?? Math.round(st.mtimeMs),
      sizeBytes: st.size,
      appVersion: meta?.appVersion ?? null,
      schemaVersion: meta ? meta.schemaVersion : schemaOfFile(file),
      hasMetadata: !!meta,
      weekly: false,
    };
  });
  const { weekly } = planRotation(items, timezone);
  for (const i of items) i.weekly = weekly.has(i.name);
  return items.sort(newestFirst);
}

const rotate = (core: Core, dir: string) => {
  const items = listFolder(dir, 'local', core.timezone);
  for (const name of planRotation(items, core.timezone).remove) {
    const file = path.join(dir, name);
    fs.rmSync(file, { force: true });
    fs.rmSync(metaFileOf(file), { force: true });
  }
};

export const backupSettingsView = (core: Core) => {
  const s = readBackupSettings(core.dataDir);
  return {
    folder: s.folder,
    localFolder: localBackupDir(core.dataDir),
    folderAvailable: s.folder ? folderProblem(s.folder) === null : null,
    lastBackupAt: s.lastBackupAt,
    lastDailyAt: s.lastDailyAt,
    lastFailure: s.lastFailure,
    retention: { ...RETENTION },
  };
};

export function listBackups(ctx: Ctx) {
  const core = ctx.core;
  const s = readBackupSettings(core.dataDir);
  const items = listFolder(localBackupDir(core.dataDir), 'local', core.timezone);
  if (s.folder && path.resolve(s.folder) !== path.resolve(localBackupDir(core.dataDir)) && !folderProblem(s.folder))
    items.push(...listFolder(s.folder, 'configured', core.timezone));
  items.sort(newestFirst);
  return { settings: backupSettingsView(core), items };
}

/**
 * Takes one backup now, to the chosen folder or — when it is missing or fails — to the data folder,
 * recording the failure so the shop sees it. Throws only when even the local copy fails.
 */
export function createBackup(core: Core, kind: 'daily' | 'manual') {
  return exclusive(core, async () => {
    const s = readBackupSettings(core.dataDir);
    const now = core.clock.now();
    const local = localBackupDir(core.dataDir);
    let failure: StoredSettings['lastFailure'] = null;
    let written: { file: string; location: BackupLocation } | null = null;
    const write = async (dir: string) =>
      writeBackup(core.sqlite, dir, {
        kind,
        name: freeName(dir, `${kind}-${stampOf(now)}`),
        now,
        appVersion: appVersion(),
      });
    if (s.folder) {
      const problem = folderProblem(s.folder);
      if (problem) failure = { at: now, folder: s.folder, message: problem, fallbackFile: null };
      else {
        try {
          written = { file: (await write(s.folder)).file, location: 'configured' };
          rotate(core, s.folder);
        } catch (e) {
          const msg = e instanceof BackupFileError ? e.reason : { zh: String(e), en: String(e) };
          failure = {
            at: now,
            folder: s.folder,
            message: { zh: `写入备份文件夹失败：${msg.zh}`, en: `Writing to the backup folder failed: ${msg.en}` },
            fallbackFile: null,
          };
        }
      }
    }
    if (!written) {
      written = { file: (await write(local)).file, location: 'local' };
      rotate(core, local);
    }
    if (failure) {
      failure.fallbackFile = written.file;
      hooksOf(core).log(
        `备份未能写入所选文件夹，已改存本机 / backup could not go to the chosen folder, kept locally: ${failure.message.en} -> ${written.file}`,
      );
    }
    const latest = readBackupSettings(core.dataDir);
    writeSettings(core.dataDir, {
      ...latest,
      lastBackupAt: now,
      lastDailyAt: kind === 'daily' ? now : latest.lastDailyAt,
      // A failure stays visible until a backup reaches the chosen folder again.
      lastFailure: failure ?? (written.location === 'configured' || !latest.folder ? null : latest.lastFailure),
    });
    const dir = path.dirname(written.file);
    const info = listFolder(dir, written.location, core.timezone).find((i) => i.name === path.basename(written.file))!;
    return { backup: info, failure };
  });
}

export function configureBackups(ctx: Ctx, input: { folder: string | null }) {
  const folder = input.folder?.trim() ? path.normalize(input.folder.trim()) : null;
  if (folder) {
    const problem = folderProblem(folder);
    if (problem)
      fail('validation_failed', problem.zh, problem.en, [
        { code: 'backup_folder_unusable', field: 'folder', message: problem, severity: 'error' },
      ]);
  }
  const before = readBackupSettings(ctx.core.dataDir);
  writeSettings(ctx.core.dataDir, {
    ...before,
    folder,
    lastFailure: folder === before.folder ? before.lastFailure : null,
  });
  ctx.core.sqlite.transaction(() => audit(ctx, 'backup_settings', 'folder', { folder: before.folder }, { folder }))();
  return backupSettingsView(ctx.core);
}

const refusal = (e: BackupFileError): never =>
  fail(
    'validation_failed',
    `无法恢复：${e.reason.zh}。当前数据未改动。`,
    `Cannot restore: ${e.reason.en}. Nothing was changed.`,
    [issue(e.code, e.reason.zh, e.reason.en, 'name')],
  );

/**
 * Restores a backup: copy it next to the database, check the copy (checksum, SQLite header and
 * length, integrity_check, a Chedang schema not newer than this app), take a safety copy of the
 * current database, then have the core close its database, swap the files and reopen — migrating an
 * older backup up. Anything refused before the swap leaves the current database untouched; a
 * failed reopen puts the safety copy back.
 */
export function restoreBackup(ctx: Ctx, input: { name: string; location: BackupLocation }) {
  const core = ctx.core;
  return exclusive(core, async () => {
    const s = readBackupSettings(core.dataDir);
    const dir = input.location === 'local' ? localBackupDir(core.dataDir) : s.folder;
    if (!dir)
      fail('not_found', '尚未设置备份文件夹', 'No backup folder has been chosen', [
        issue('backup_folder_unset', '尚未设置备份文件夹', 'no backup folder is set', 'location'),
      ]);
    const source = path.join(dir!, input.name);
    if (path.dirname(source) !== path.resolve(dir!) || !fs.existsSync(source))
      fail('not_found', `找不到备份文件：${input.name}`, `Backup ${input.name} was not found`, [
        issue('not_found', '备份文件不存在', 'no such backup', 'name'),
      ]);
    const h = hooksOf(core);
    const live = path.join(core.dataDir, DB_FILE);
    const staged = path.join(core.dataDir, 'restore-staging.db');
    const clean = () => {
      for (const f of [staged, `${staged}-wal`, `${staged}-shm`, `${staged}-journal`]) fs.rmSync(f, { force: true });
    };
    clean();
    try {
      await fs.promises.copyFile(source, staged);
      const meta = readMeta(source);
      if (meta && (await sha256File(staged)) !== meta.sha256)
        throw new BackupFileError(
          {
            zh: '备份文件内容与备份时记录的校验和不符，文件已损坏',
            en: 'The backup no longer matches the checksum recorded when it was made; the file is damaged',
          },
          'backup_checksum_mismatch',
        );
      const found = inspectDatabaseFile(staged);
      const app = loadMigrations(h.migrationsDir);
      const appLatest = app.at(-1)?.folderMillis ?? 0;
      if (found.latest > appLatest || found.count > app.length)
        throw new BackupFileError(
          {
            zh: `该备份来自更新版本的车档（数据库版本 ${found.count}，本程序 ${app.length}），请先升级车档再恢复`,
            en: `This backup was made by a newer Chedang (schema ${found.count}, this app ${app.length}); update Chedang first`,
          },
          'backup_newer_than_app',
        );
    } catch (e) {
      clean();
      if (e instanceof BackupFileError) refusal(e);
      throw e;
    }
    const restored = listFolder(dir!, input.location, core.timezone).find((i) => i.name === input.name)!;

    // The current database as it is now, verified, before anything is replaced.
    const now = core.clock.now();
    const local = localBackupDir(core.dataDir);
    const safety = await writeBackup(core.sqlite, local, {
      kind: 'safety',
      name: freeName(local, `safety-${stampOf(now)}`),
      now,
      appVersion: appVersion(),
    });
    rotate(core, local);

    let reopened: { schemaVersion: number; migrated: number };
    try {
      reopened = await h.reopen(
        () => {
          for (const f of [`${live}-wal`, `${live}-shm`]) fs.rmSync(f, { force: true });
          fs.renameSync(staged, live);
        },
        () => {
          for (const f of [`${live}-wal`, `${live}-shm`]) fs.rmSync(f, { force: true });
          fs.copyFileSync(safety.file, live);
        },
      );
    } catch (e) {
      clean();
      h.log(`恢复失败，已还原到恢复前的数据 / restore failed, the previous database is back: ${String(e)}`);
      return fail(
        'conflict',
        `恢复失败，已还原到恢复前的数据（${String((e as Error).message ?? e).slice(0, 200)}）`,
        `The restore failed; the previous database is back (${String((e as Error).message ?? e).slice(0, 200)})`,
      );
    }
    core.sqlite.transaction(() =>
      audit(ctx, 'backup', input.name, null, {
        restoredFrom: source,
        safetyCopy: safety.file,
        schemaVersion: reopened.schemaVersion,
      }),
    )();
    core.events.emit({
      type: 'changed',
      topics: ['shop', 'users', 'customers', 'vehicles', 'parts', 'stock', 'workOrders', 'archive', 'audit'],
      method: 'backup.restore',
      at: core.clock.now(),
    });
    return {
      restored,
      safetyCopy: safety.file,
      schemaVersion: reopened.schemaVersion,
      migrated: reopened.migrated,
    };
  });
}

/**
 * The daily backup: a check every `intervalMs` (and soon after start) takes one when none was taken
 * yet on the shop's current calendar day. Tests call `runDue()` with a fake clock instead of timers.
 */
export class BackupScheduler {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running = false;
  constructor(
    private readonly core: Core,
    private readonly o: { intervalMs?: number; firstDelayMs?: number; log?: (m: string) => void } = {},
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(this.o.firstDelayMs ?? 60_000);
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Takes today's daily backup if it is due; returns the file written, or null. */
  async runDue(): Promise<string | null> {
    const s = readBackupSettings(this.core.dataDir);
    const today = localDate(this.core.clock.now(), this.core.timezone);
    if (s.lastDailyAt !== null && localDate(s.lastDailyAt, this.core.timezone) === today) return null;
    const r = await createBackup(this.core, 'daily');
    return path.join(r.backup.location === 'local' ? localBackupDir(this.core.dataDir) : s.folder!, r.backup.name);
  }

  private schedule(ms: number) {
    this.timer = setTimeout(() => {
      this.runDue()
        .catch((e: unknown) => (this.o.log ?? console.error)(`每日备份失败 / daily backup failed: ${String(e)}`))
        .finally(() => {
          if (this.running) this.schedule(this.o.intervalMs ?? 15 * 60_000);
        });
    }, ms);
    (this.timer as { unref?: () => void }).unref?.();
  }
}

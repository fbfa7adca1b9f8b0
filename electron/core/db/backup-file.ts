/**
 * One backup file: an SQLite online backup of the live database (consistent while the shop keeps
 * working), turned into a self-contained single file, checked, and described by a metadata file
 * beside it. Used before every migration (open.ts) and by the backup service (services/backups.ts);
 * nothing here knows about settings or the API.
 *
 *   <name>.db        the copy, journal_mode=DELETE so it opens read-only anywhere (a write-protected USB disk)
 *   <name>.db.json   { format, kind, createdAt, appVersion, schemaVersion, latestMigration, sizeBytes, sha256 }
 *
 * `PRAGMA integrity_check` proves the b-trees are sound; the SHA-256 in the metadata also catches
 * bytes changed inside a record later (a failing USB stick), which no structural check can see.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BackupKind } from '../../../shared/api/schemas/backup.js';
import type { Bilingual } from '../../../shared/domain/issue.js';

export const BACKUP_FORMAT = 'chedang-backup/1';
const MIGRATIONS_TABLE = '__drizzle_migrations';
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export interface BackupMeta {
  format: typeof BACKUP_FORMAT;
  kind: BackupKind;
  createdAt: number;
  appVersion: string;
  schemaVersion: number;
  /** created_at (folderMillis) of the newest migration in the copy: compared with the app's. */
  latestMigration: number;
  sizeBytes: number;
  sha256: string;
}

export interface WrittenBackup {
  file: string;
  meta: BackupMeta;
}

/** A refusal with the reason in both languages (the service turns it into an API error). */
export class BackupFileError extends Error {
  constructor(
    readonly reason: Bilingual,
    readonly code: string,
  ) {
    super(reason.en);
    this.name = 'BackupFileError';
  }
}

const refuse = (code: string, zh: string, en: string): never => {
  throw new BackupFileError({ zh, en }, code);
};

export const metaFileOf = (file: string) => `${file}.json`;

export const stampOf = (at: number) => new Date(at).toISOString().replace(/[:.]/g, '-');

export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * A new name in `dir`: `base.db`, else one past the highest `base-N.db` there. Never a lower, freed
 * number: rotation removes the oldest of a millisecond's backups first, and a reused name would then
 * sort as the oldest and be the next to go.
 */
export const freeName = (dir: string, base: string): string => {
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    // A folder not made yet holds nothing.
  }
  let highest = 0;
  for (const n of names) {
    if (n === `${base}.db`) highest = Math.max(highest, 1);
    else if (n.startsWith(`${base}-`) && n.endsWith('.db')) {
      const k = Number(n.slice(base.length + 1, -3));
      if (Number.isSafeInteger(k)) highest = Math.max(highest, k);
    }
  }
  return highest === 0 ? `${base}.db` : `${base}-${highest + 1}.db`;
};

const removeQuietly = (file: string) => {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) fs.rmSync(f, { force: true });
};

/** Migrations applied in an SQLite database (count and newest created_at); 0/0 when it has none. */
export const migrationsIn = (db: Database.Database): { count: number; latest: number } => {
  const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type='table' AND name=?`).get(MIGRATIONS_TABLE);
  if (!exists) return { count: 0, latest: 0 };
  const r = db.prepare(`SELECT count(*) AS n, max(created_at) AS latest FROM ${MIGRATIONS_TABLE}`).get() as {
    n: number;
    latest: number | null;
  };
  return { count: Number(r.n), latest: Number(r.latest ?? 0) };
};

/**
 * Checks a file that claims to be a Chedang database, without changing it: SQLite's magic, the
 * length its header promises (a truncated copy), `integrity_check`, and the tables of a Chedang
 * database. Returns its migrations. Throws BackupFileError with the reason.
 */
export function inspectDatabaseFile(file: string): { count: number; latest: number } {
  let head: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      head = Buffer.alloc(100);
      const n = fs.readSync(fd, head, 0, 100, 0);
      if (n < 100) head = head.subarray(0, n);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return refuse('backup_unreadable', `无法读取备份文件：${file}`, `The backup file cannot be read: ${file}`);
  }
  if (head.length < 100 || !head.subarray(0, 16).equals(SQLITE_MAGIC))
    refuse(
      'backup_not_sqlite',
      '该文件不是车档数据库备份（不是 SQLite 文件）',
      'This file is not a Chedang backup (not an SQLite database)',
    );
  const rawPageSize = head.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65_536 : rawPageSize;
  const pages = head.readUInt32BE(28);
  const size = fs.statSync(file).size;
  if (head.readUInt32BE(92) === head.readUInt32BE(24) && pages > 0 && size < pages * pageSize)
    refuse(
      'backup_truncated',
      `备份文件不完整（${size} 字节，应为 ${pages * pageSize} 字节），可能复制中断`,
      `The backup file is incomplete (${size} bytes of ${pages * pageSize}); the copy may have been interrupted`,
    );
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok')
      refuse(
        'backup_corrupt',
        `备份文件已损坏，完整性检查未通过（${String(check).slice(0, 120)}）`,
        `The backup file is damaged: integrity check failed (${String(check).slice(0, 120)})`,
      );
    const hasShop = db.prepare(`SELECT 1 FROM sqlite_master WHERE type='table' AND name='shop'`).get();
    const m = migrationsIn(db);
    if (!hasShop || m.count === 0)
      refuse('backup_not_chedang', '该文件不是车档数据库备份', 'This file is not a Chedang database backup');
    return m;
  } catch (e) {
    if (e instanceof BackupFileError) throw e;
    return refuse(
      'backup_corrupt',
      `备份文件已损坏，无法打开（${(e as Error).message}）`,
      `The backup file is damaged and cannot be opened (${(e as Error).message})`,
    );
  } finally {
    db?.close();
  }
}

export const readMeta = (file: string): BackupMeta | null => {
  try {
    const m = JSON.parse(fs.readFileSync(metaFileOf(file), 'utf8')) as BackupMeta;
    return m && m.format === BACKUP_FORMAT && typeof m.sha256 === 'string' ? m : null;
  } catch {
    return null;
  }
};

/**
 * Copies the live database into `dir/name` and proves the copy: written under a temporary name,
 * switched to a single file, integrity-checked, hashed, then renamed into place with its metadata.
 * A copy that fails its check is deleted and the error thrown: never a backup that would not restore.
 */
export async function writeBackup(
  sqlite: Database.Database,
  dir: string,
  o: { kind: BackupKind; name: string; now: number; appVersion: string },
): Promise<WrittenBackup> {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, o.name);
  const tmp = path.join(dir, `.${o.name}.partial`);
  removeQuietly(tmp);
  try {
    await sqlite.backup(tmp);
    const copy = new Database(tmp, { fileMustExist: true });
    let m: { count: number; latest: number };
    try {
      copy.pragma('journal_mode = DELETE');
      const check = copy.pragma('integrity_check', { simple: true });
      if (check !== 'ok')
        refuse(
          'backup_verify_failed',
          `备份校验未通过：${String(check)}`,
          `The backup failed its check: ${String(check)}`,
        );
      m = migrationsIn(copy);
    } finally {
      copy.close();
    }
    const meta: BackupMeta = {
      format: BACKUP_FORMAT,
      kind: o.kind,
      createdAt: o.now,
      appVersion: o.appVersion,
      schemaVersion: m.count,
      latestMigration: m.latest,
      sizeBytes: fs.statSync(tmp).size,
      sha256: await sha256File(tmp),
    };
    fs.renameSync(tmp, file);
    const metaTmp = `${metaFileOf(file)}.partial`;
    fs.writeFileSync(metaTmp, `${JSON.stringify(meta, null, 2)}\n`);
    fs.renameSync(metaTmp, metaFileOf(file));
    return { file, meta };
  } catch (e) {
    removeQuietly(tmp);
    throw e;
  }
}

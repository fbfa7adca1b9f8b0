/**
 * 备份与恢复 (backups) and 导入导出 (import/export of customers, vehicles, parts): the API's shapes.
 * Files travel as base64 text inside the JSON body; see docs/backups-and-transfer.md for the limits.
 */
import { z } from 'zod';
import { IssueSchema } from '../errors.js';
import { Millis, Text } from './common.js';

export const BACKUP_KINDS = ['daily', 'manual', 'pre-migration', 'safety', 'external'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

/** Where a backup file lives: the folder the shop chose (a USB disk) or the data folder's own. */
export const BACKUP_LOCATIONS = ['configured', 'local'] as const;
export type BackupLocation = (typeof BACKUP_LOCATIONS)[number];

/** A backup's file name: a plain name inside a backup folder, never a path. */
export const BackupName = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.db$/, 'a backup file name ending in .db');

export const BackupInfo = z.object({
  name: z.string(),
  location: z.enum(BACKUP_LOCATIONS),
  kind: z.enum(BACKUP_KINDS),
  createdAt: Millis,
  sizeBytes: z.int().min(0),
  appVersion: z.string().nullable(),
  /** Migrations applied in the copied database; null when it could not be read. */
  schemaVersion: z.int().nullable(),
  /** Whether the metadata file (with the checksum) sits beside the copy. */
  hasMetadata: z.boolean(),
  /** Kept past the 7 newest dailies as the first backup of its ISO week. */
  weekly: z.boolean(),
});

export const BackupFailure = z.object({
  at: Millis,
  folder: z.string(),
  message: z.object({ zh: z.string(), en: z.string() }),
  /** Where the backup went instead (the data folder's own backups). */
  fallbackFile: z.string().nullable(),
});

export const BackupSettingsView = z.object({
  /** The folder chosen by the shop (a USB disk), or null: backups stay in the data folder. */
  folder: z.string().nullable(),
  localFolder: z.string(),
  /** Whether the chosen folder is there and writable right now. */
  folderAvailable: z.boolean().nullable(),
  lastBackupAt: Millis.nullable(),
  lastDailyAt: Millis.nullable(),
  /** The last backup that could not go to the chosen folder; cleared by the next one that could. */
  lastFailure: BackupFailure.nullable(),
  retention: z.object({ daily: z.int(), weekly: z.int(), manual: z.int(), preMigration: z.int(), safety: z.int() }),
});

export const BackupList = z.object({ settings: BackupSettingsView, items: z.array(BackupInfo) });
export const BackupCreate = z.strictObject({ note: Text(100).optional() });
export const BackupConfigure = z.strictObject({
  /** An absolute folder path; null or '' returns to the data folder's own backups. */
  folder: z.string().trim().max(500).nullable(),
});
export const BackupRestore = z.strictObject({
  name: BackupName,
  location: z.enum(BACKUP_LOCATIONS),
});
export const BackupRestoreResult = z.object({
  restored: BackupInfo,
  /** The copy of the database as it was just before the restore. */
  safetyCopy: z.string(),
  schemaVersion: z.int(),
  /** Migrations applied to bring an older backup up to this app. */
  migrated: z.int(),
});

export const TRANSFER_ENTITIES = ['customers', 'vehicles', 'parts'] as const;
export type TransferEntity = (typeof TRANSFER_ENTITIES)[number];
export const TRANSFER_FORMATS = ['xlsx', 'csv'] as const;

export const TransferExport = z.strictObject({
  entity: z.enum(TRANSFER_ENTITIES),
  format: z.enum(TRANSFER_FORMATS),
});
export const TransferFile = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  contentBase64: z.string(),
  rows: z.int(),
});

/** ~6 MB of file; the HTTP host accepts bigger bodies for these two methods only. */
export const IMPORT_MAX_BASE64 = 8_000_000;
export const TransferImport = z.strictObject({
  entity: z.enum(TRANSFER_ENTITIES),
  fileName: Text(255),
  contentBase64: z.string().min(1).max(IMPORT_MAX_BASE64),
  /** The clerk has seen the warnings of the preview (e.g. a VIN check digit) and imports anyway. */
  confirmWarnings: z.boolean().optional(),
});

export const TransferColumn = z.object({ key: z.string(), zh: z.string(), en: z.string(), required: z.boolean() });
export const TransferRow = z.object({
  /** The row number as the spreadsheet shows it (the header is row 1). */
  row: z.int(),
  action: z.enum(['create', 'update', 'unchanged', 'error']),
  /** The matching key (VIN, plate, phone, name, part code). */
  key: z.string(),
  values: z.record(z.string(), z.string()),
  issues: z.array(IssueSchema),
});
export const TransferPreview = z.object({
  entity: z.enum(TRANSFER_ENTITIES),
  format: z.enum(TRANSFER_FORMATS),
  encoding: z.string(),
  columns: z.array(TransferColumn),
  /** Headers in the file that are not imported (read-only or unknown). */
  ignoredHeaders: z.array(z.string()),
  counts: z.object({
    total: z.int(),
    create: z.int(),
    update: z.int(),
    unchanged: z.int(),
    error: z.int(),
    warning: z.int(),
  }),
  rows: z.array(TransferRow),
});
export const TransferImportResult = z.object({
  entity: z.enum(TRANSFER_ENTITIES),
  created: z.int(),
  updated: z.int(),
  unchanged: z.int(),
});

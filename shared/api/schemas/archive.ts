/** 档案上传: the archive platform account, the upload queue, its ledger and the figures regulators watch. */
import { z } from 'zod';
import { GUANGDONG_CITIES } from '../../domain/cities.js';
import { OUTBOX_STATES } from '../../domain/enums.js';
import { IssueSchema } from '../errors.js';
import { Confirm, Id, IsoDate, Millis, Page, paged } from './common.js';

/** Platform families of archive-interface.md §3 (docs/archive-protocol.md). */
export const ADAPTER_IDS = ['lcippro-nested', 'lcippro-stringified', 'chengdu', 'foshan'] as const;

const CityCode = z.enum(GUANGDONG_CITIES.map((c) => c.code) as [string, ...string[]]);

const BaseUrl = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .transform((u) => u.replace(/\/+$/, ''));

/** Company codes are digits and letters; platforms issue 15 digits beginning with the area code [I]. */
const CompanyCode = z
  .string()
  .trim()
  .regex(/^[0-9A-Za-z]{1,30}$/);

export const ArchiveConfigure = z.strictObject({
  adapter: z.enum(ADAPTER_IDS),
  baseUrl: BaseUrl,
  companyCode: CompanyCode,
  /** Omit to keep the saved password (changing only the URL, say). */
  password: z.string().min(1).max(200).optional(),
  cityCode: CityCode.nullable(),
});

export const ArchiveTestConnection = z.strictObject({
  /** Test these settings before saving them; omit to test the saved ones. */
  adapter: z.enum(ADAPTER_IDS).optional(),
  baseUrl: BaseUrl.optional(),
  companyCode: CompanyCode.optional(),
  password: z.string().min(1).max(200).optional(),
});

const Bilingual = z.object({ zh: z.string(), en: z.string() });

export const ArchivePlatform = z.object({
  adapter: z.enum(ADAPTER_IDS),
  adapterLabel: Bilingual,
  /** 演示平台 for the demo, else the city and the family. */
  label: Bilingual,
  baseUrl: z.string(),
  companyCode: z.string(),
  cityCode: z.string().nullable(),
  cityName: z.string().nullable(),
  demo: z.boolean(),
  hasPassword: z.boolean(),
  configuredAt: Millis,
});

export const ArchiveTestResult = z.object({
  ok: z.boolean(),
  /** The platform's code, or null when it could not be reached. */
  code: z.string().nullable(),
  message: Bilingual,
  latencyMs: z.int(),
});

export const ArchiveStatusView = z.object({
  platform: ArchivePlatform.nullable(),
  counts: z.object({
    pending: z.int(),
    sending: z.int(),
    accepted: z.int(),
    rejected: z.int(),
    held: z.int(),
  }),
  oldestPendingAt: Millis.nullable(),
  oldestPendingAgeMs: z.int().nullable(),
  lastSuccessAt: Millis.nullable(),
  lastError: z.object({ at: Millis, message: z.string() }).nullable(),
  nextAttemptAt: Millis.nullable(),
  /** The platform answered the last request (true), could not be reached (false), not tried yet (null). */
  online: z.boolean().nullable(),
  running: z.boolean(),
});

export const ArchiveRecordsQuery = z.strictObject({
  state: z.array(z.enum(OUTBOX_STATES)).max(5).optional(),
  kind: z.enum(['upload', 'correction']).optional(),
  /** Settlement date range, shop-local, inclusive. */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  settlementNo: z.string().trim().max(50).optional(),
  ...Page,
});

export const ArchiveRecordRow = z.object({
  id: Id,
  seq: z.int(),
  kind: z.enum(['upload', 'correction']),
  workOrderId: Id,
  settlementNo: z.string(),
  settleDate: z.string().nullable(),
  vin: z.string(),
  plate: z.string(),
  state: z.enum(OUTBOX_STATES),
  issues: z.array(IssueSchema),
  attempts: z.int(),
  nextAttemptAt: Millis.nullable(),
  lastError: z.string().nullable(),
  acceptedAt: Millis.nullable(),
  createdAt: Millis,
  updatedAt: Millis,
});

export const ArchiveRecords = paged(ArchiveRecordRow);

export const LedgerEntry = z.object({
  id: Id,
  attempt: z.int(),
  platform: z.string(),
  companyCode: z.string(),
  settlementNo: z.string(),
  /** `METHOD URL`, then the body; password and token shown as ***. */
  request: z.string(),
  response: z.string().nullable(),
  httpStatus: z.int().nullable(),
  outcome: z.string(),
  error: z.string().nullable(),
  startedAt: Millis,
  finishedAt: Millis.nullable(),
});

export const ArchiveLedger = z.object({
  record: ArchiveRecordRow.extend({ record: z.unknown() }),
  entries: z.array(LedgerEntry),
});

export const ArchiveRequeue = z.strictObject({
  id: Id,
  /** Warnings of the re-checked record the clerk accepts (e.g. `vin_check_digit`). */
  confirm: Confirm,
});

export const ArchiveExportLedger = z.strictObject({
  format: z.enum(['csv', 'json']),
  /** Request start, shop-local dates, inclusive. */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});

export const ArchiveExport = z.object({
  filename: z.string(),
  contentType: z.string(),
  rows: z.int(),
  content: z.string(),
});

export const ArchiveKpisQuery = z.strictObject({
  /** Settlement dates covered, shop-local, inclusive; default all. */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});

export const ArchiveKpis = z.object({
  settledOrders: z.int(),
  acceptedOrders: z.int(),
  /** acceptedOrders ÷ settledOrders, 0…1, null with no settled orders. */
  acceptedShare: z.number().nullable(),
  medianSettleToAcceptedMs: z.int().nullable(),
  uploadsLast7Days: z.int(),
  qualityScore: z.number().nullable(),
  qualityFormula: Bilingual,
  qualityChecks: z.object({ records: z.int(), vinValid: z.int(), plateValid: z.int(), timely: z.int() }),
});

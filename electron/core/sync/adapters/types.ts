/**
 * One small adapter per platform family (archive-interface.md §3, docs/archive-protocol.md): it turns
 * the one canonical record into the exact request a platform expects and reads that platform's reply.
 * Adapters are pure — no network, no clock, no database — so their wire formats are tested byte for
 * byte; the uploader owns sending, timing, retries and the ledger.
 */

import { ADAPTER_IDS } from '../../../../shared/api/schemas/archive.js';
import type { ArchiveRecord } from '../../../../shared/domain/archive-record.js';
import type { Bilingual, Issue } from '../../../../shared/domain/issue.js';

/** The families are declared once, with the API contract that lets a manager choose one. */
export { ADAPTER_IDS };
export type AdapterId = (typeof ADAPTER_IDS)[number];

/** One shop account on one platform. */
export interface PlatformAccount {
  /** Without a trailing slash, e.g. `https://archive.example.gov.cn/api`. */
  baseUrl: string;
  companyCode: string;
  password: string;
}

export interface WireRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  /** The exact body bytes as text (POST only). */
  body?: string;
}

export interface WireResponse {
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

/**
 * A well-formed platform reply: `code` '1' is success, anything else a failure with the platform's
 * message. `null` from a parser means the reply was not the expected JSON (a proxy's HTML page, a
 * truncated body): the uploader treats it as a transport failure.
 */
export interface PlatformReply {
  ok: boolean;
  code: string;
  message: string;
  /** The token, for a successful token call. */
  token?: string;
}

export interface PlatformAdapter {
  id: AdapterId;
  label: Bilingual;
  /** Chengdu stamps its headers with the platform's clock: the request that reads it. */
  timeRequest?(account: PlatformAccount): WireRequest;
  /** Epoch ms from the time reply, or null when unreadable. */
  parseTime?(res: WireResponse): number | null;
  /** `stampMs`: the clock for wrapper headers (platform time for Chengdu, local time otherwise). */
  tokenRequest(account: PlatformAccount, stampMs: number): WireRequest;
  parseToken(res: WireResponse): PlatformReply | null;
  uploadRequest(account: PlatformAccount, token: string, record: ArchiveRecord, stampMs: number): WireRequest;
  parseUpload(res: WireResponse): PlatformReply | null;
  /** Family-specific local checks (e.g. Foshan needs a known plate colour); errors hold the record. */
  localChecks(record: ArchiveRecord): Issue[];
}

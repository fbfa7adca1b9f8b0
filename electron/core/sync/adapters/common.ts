/**
 * What the four platform families share: the blocks of the canonical record in wire order, the
 * China Standard Time header stamp, request builders and a lenient reply reader.
 *
 * Exact in what we send: every block is rebuilt key by key in the order of docs/archive-protocol.md,
 * so the bytes never depend on how the record object happened to be assembled (a snapshot read back
 * from the database, a record built by a test). Lenient in what we read: codes as numbers or strings,
 * the message under `status`, `message` or `msg`.
 */
import type { ArchiveRecord } from '../../../../shared/domain/archive-record.js';
import type { PlatformReply, WireRequest, WireResponse } from './types.js';

/** `https://x/api/` and `https://x/api` name the same base; paths are appended to it. */
export const trimBase = (baseUrl: string): string => baseUrl.trim().replace(/\/+$/, '');

/** The POST headers of every JSON call (docs/archive-protocol.md, Common rules). */
export const JSON_POST_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'Content-Type': 'application/json; charset=utf-8',
  Accept: 'application/json',
});

/** GET calls send no body, so no Content-Type. */
export const GET_HEADERS: Readonly<Record<string, string>> = Object.freeze({ Accept: 'application/json' });

/** `JSON.stringify` as is: Chinese stays raw UTF-8, never `\uXXXX` (docs: Common rules). */
export const postJson = (url: string, body: unknown): WireRequest => ({
  method: 'POST',
  url,
  headers: { ...JSON_POST_HEADERS },
  body: JSON.stringify(body),
});

export const getUrl = (url: string): WireRequest => ({ method: 'GET', url, headers: { ...GET_HEADERS } });

export type BasicInfo = ArchiveRecord['basicInfo'];

/** The eight basic fields in the order of archive-interface.md §2. */
export const basicInfo = (r: ArchiveRecord): BasicInfo => {
  const b = r.basicInfo;
  return {
    vehicleplatenumber: b.vehicleplatenumber,
    companyname: b.companyname,
    vin: b.vin,
    repairdate: b.repairdate,
    repairmileage: b.repairmileage,
    settledate: b.settledate,
    faultdescription: b.faultdescription,
    costlistcode: b.costlistcode,
  };
};

export const repairProjects = (r: ArchiveRecord): ArchiveRecord['repairprojectlist'] =>
  r.repairprojectlist.map((p) => ({ repairproject: p.repairproject, workinghours: p.workinghours }));

export const vehicleParts = (r: ArchiveRecord): ArchiveRecord['vehiclepartslist'] =>
  r.vehiclepartslist.map((p) => ({ partsname: p.partsname, partscode: p.partscode, partsquantity: p.partsquantity }));

/** China Standard Time has been UTC+8 all year since 1992; a fixed offset needs no zone database. */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/**
 * The wrapper header `{"date":"yyyyMMdd","time":"HHmmss"}` for an instant, in China Standard Time
 * whatever the PC's own zone is. Throws RangeError on a non-finite instant: a header stamped with
 * "NaN" would only be rejected later as a time error, far from its cause.
 */
export const chinaStamp = (stampMs: number): { date: string; time: string } => {
  if (!Number.isFinite(stampMs)) throw new RangeError(`Invalid stamp: ${stampMs}`);
  const d = new Date(Math.floor(stampMs) + CST_OFFSET_MS);
  return {
    date: `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}`,
    time: `${pad(d.getUTCHours(), 2)}${pad(d.getUTCMinutes(), 2)}${pad(d.getUTCSeconds(), 2)}`,
  };
};

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The reply body as JSON, or undefined. A non-2xx status is a transport failure whatever its body
 * says (docs: Common rules), so it never reaches the reply reader.
 */
export const jsonBody = (res: WireResponse): unknown => {
  if (res.status < 200 || res.status > 299) return undefined;
  try {
    // Some platforms' frameworks put a UTF-8 byte-order mark before the JSON.
    return JSON.parse(res.body.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
};

/** `"1"`, `1` and `" 1 "` are the same code; anything else (booleans, `""`, NaN) is no code. */
const codeOf = (v: unknown): string | null => {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v === 'string' && v.trim() !== '') return v.trim();
  return null;
};

const firstText = (o: JsonObject, keys: readonly string[]): string => {
  for (const k of keys) {
    const v = o[k];
    if (typeof v === 'string' && v !== '') return v;
  }
  return '';
};

/** A reply object (top level, or `respInfo` for Chengdu) as a PlatformReply, or null without a code. */
export const readReply = (o: unknown): PlatformReply | null => {
  if (!isObject(o)) return null;
  const code = codeOf(o.code);
  if (code === null) return null;
  const reply: PlatformReply = { ok: code === '1', code, message: firstText(o, ['status', 'message', 'msg']) };
  const token = o.access_token;
  if (typeof token === 'string' && token !== '') reply.token = token;
  return reply;
};

/** lcippro and Foshan answer at the top level. */
export const parseTopLevel = (res: WireResponse): PlatformReply | null => readReply(jsonBody(res));

/** Chengdu answers `{"respInfo":{…}}`. */
export const parseRespInfo = (res: WireResponse): PlatformReply | null => {
  const o = jsonBody(res);
  return isObject(o) ? readReply(o.respInfo) : null;
};

const NUMERIC = /^\s*\d+(\.\d+)?\s*$/;

/** A finite, positive epoch-ms value from a number or a numeric string. */
const epochMs = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && NUMERIC.test(v) ? Number(v) : Number.NaN;
  return Number.isFinite(n) && n > 0 ? n : null;
};

const TIME_KEYS = ['time', 'timestamp', 'servertime'] as const;

const timeIn = (o: JsonObject): number | null => {
  for (const k of TIME_KEYS) {
    const t = epochMs(o[k]);
    if (t !== null) return t;
  }
  return null;
};

/**
 * The platform clock from a `GET /time` reply, in epoch milliseconds: a bare number, a numeric
 * string, or an object with `time`/`timestamp`/`servertime` (also inside `respInfo`). The protocol
 * says milliseconds, and we take it at its word: a value in seconds is not guessed at (a guess that
 * is wrong by a factor of 1000 would stamp every header decades off), it simply makes the platform
 * answer `-3`, which the uploader reports.
 */
export const parseTimeReply = (res: WireResponse): number | null => {
  const o = jsonBody(res);
  if (!isObject(o)) return epochMs(o);
  return timeIn(o) ?? (isObject(o.respInfo) ? timeIn(o.respInfo) : null);
};

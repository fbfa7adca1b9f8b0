/**
 * Sends one adapter-built request and reads the reply, nothing more: no retries, no parsing, no
 * opinion about HTTP status codes (docs/archive-protocol.md: a non-2xx status is the uploader's
 * transport failure to judge, and it needs the status and `Retry-After` to do so).
 *
 * Global fetch (undici) keeps connections alive between calls, which matters on the slow links of
 * small shops: a token call and an upload share one TLS handshake. Redirects are not followed — an
 * archive that moved must be re-configured, and a redirected POST may be replayed as a GET.
 *
 * Error messages never contain the URL: a Foshan URL carries the password or the token.
 */
import type { WireRequest, WireResponse } from './adapters/types.js';

export type TransportErrorKind = 'timeout' | 'network' | 'aborted' | 'too_large';

/** The request did not produce a complete reply. The record may or may not have arrived. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly kind: TransportErrorKind,
    message: string,
    /** The system error code when there is one (ECONNREFUSED, ENOTFOUND, ECONNRESET…). */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** Far above any archive reply (a few hundred bytes); a bigger body is a misconfigured endpoint. */
export const MAX_REPLY_BYTES = 1024 * 1024;

export interface SendOptions {
  timeoutMs: number;
  /** Cancels the request, e.g. when the core shuts down. */
  signal?: AbortSignal;
  maxBytes?: number;
}

const timeoutError = (ms: number) =>
  new TransportError('timeout', `平台在 ${ms} 毫秒内未应答 / The platform did not answer within ${ms} ms`);

const abortedError = () => new TransportError('aborted', '请求已取消 / The request was cancelled');

/** The deepest `code` in an error's cause chain: undici wraps the socket error in "fetch failed". */
const systemCode = (e: unknown): string | undefined => {
  let code: string | undefined;
  for (let c: unknown = e, depth = 0; c instanceof Object && depth < 5; c = (c as { cause?: unknown }).cause, depth++) {
    const v = (c as { code?: unknown }).code;
    if (typeof v === 'string') code = v;
  }
  return code;
};

const networkError = (e: unknown, host: string): TransportError => {
  const code = systemCode(e);
  const detail = code ? ` (${code})` : '';
  return new TransportError(
    'network',
    `无法连接档案平台 ${host}${detail}，请检查网络 / Cannot reach the archive platform ${host}${detail}; check the network`,
    code,
  );
};

/** Classify a failure by which signal fired: the caller's cancel wins over our own timeout. */
const failure = (e: unknown, opts: SendOptions, timeout: AbortSignal, host: string): TransportError => {
  if (e instanceof TransportError) return e;
  if (opts.signal?.aborted) return abortedError();
  if (timeout.aborted) return timeoutError(opts.timeoutMs);
  return networkError(e, host);
};

const parseUrl = (raw: string): URL => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TransportError(
      'network',
      '档案平台地址无效（应以 http:// 或 https:// 开头），请在设置中检查 / The archive address is invalid (it must start with http:// or https://); check Settings',
    );
  }
  return url;
};

/** The body as UTF-8 text, refusing to buffer more than `max` bytes. */
const readText = async (res: Response, max: number): Promise<string> => {
  const tooLarge = () =>
    new TransportError(
      'too_large',
      `平台的应答超过 ${max} 字节，不是档案接口的应答，请检查平台地址 / The reply is larger than ${max} bytes, so it is not an archive reply; check the platform address`,
    );
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > max) {
    await res.body?.cancel().catch(() => {});
    throw tooLarge();
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge();
    }
    chunks.push(value);
  }
  // Non-fatal decoding: a stray invalid byte must not hide a readable `code`; a BOM is dropped.
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks));
};

/**
 * Send `req` and return the complete reply, whatever its status. Throws TransportError when there is
 * no complete reply: `timeout` (no complete reply within `timeoutMs`, body included), `aborted`
 * (`opts.signal` fired), `network` (refused, reset, DNS, bad address) or `too_large`.
 */
export async function sendWire(req: WireRequest, opts: SendOptions): Promise<WireResponse> {
  const url = parseUrl(req.url);
  if (opts.signal?.aborted) throw abortedError();
  const timeout = AbortSignal.timeout(opts.timeoutMs);
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
  try {
    const res = await fetch(url, {
      method: req.method,
      headers: req.headers,
      ...(req.body === undefined ? {} : { body: req.body }),
      redirect: 'manual',
      signal,
    });
    const body = await readText(res, opts.maxBytes ?? MAX_REPLY_BYTES);
    const headers: Record<string, string> = {};
    res.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    return { status: res.status, headers, body };
  } catch (e) {
    throw failure(e, opts, timeout, url.host);
  }
}

// `Retry-After` HTTP-dates (RFC 9110 §5.6.7): the preferred IMF-fixdate and the two obsolete forms.
const IMF_FIXDATE = /^[A-Za-z]{3}, \d{2} [A-Za-z]{3} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC850_DATE = /^[A-Za-z]+, \d{2}-[A-Za-z]{3}-\d{2} \d{2}:\d{2}:\d{2} GMT$/;
const ASCTIME_DATE = /^[A-Za-z]{3} [A-Za-z]{3} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/;

const httpDateMs = (v: string): number => {
  // Date.parse reads asctime as local time; the RFC says it is GMT.
  if (ASCTIME_DATE.test(v)) return Date.parse(`${v} GMT`);
  if (IMF_FIXDATE.test(v) || RFC850_DATE.test(v)) return Date.parse(v);
  return Number.NaN;
};

/**
 * How long the platform asks us to wait, from `Retry-After` as delta-seconds or an HTTP-date; 0 for
 * a date in the past (or a negative delay), null when the header is absent or unreadable.
 * `headers` are WireResponse headers (lower-case names).
 */
export const retryAfterMs = (headers: Record<string, string>, nowMs: number): number | null => {
  const raw = headers['retry-after'];
  if (raw === undefined) return null;
  const v = raw.trim();
  if (/^-?\d+$/.test(v)) {
    const ms = Number(v) * 1000;
    return Number.isFinite(ms) ? Math.max(0, ms) : null;
  }
  const at = httpDateMs(v);
  return Number.isFinite(at) ? Math.max(0, at - nowMs) : null;
};

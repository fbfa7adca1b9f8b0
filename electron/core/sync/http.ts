/**
 * Sends one adapter-built request and reads the reply, nothing more: no retries, no parsing, no
 * opinion about HTTP status codes (docs/archive-protocol.md: a non-2xx status is the uploader's
 * transport failure to judge, and it needs the status and `Retry-After` to do so).
 *
 * node:http(s) with keep-alive agents: the token call and the uploads of a queue share connections
 * (one TCP and TLS handshake instead of one per record — on a small shop's slow line each costs a
 * round trip or more). An idle connection is closed after IDLE_SOCKET_MS, before the servers
 * commonly drop theirs (Node 5 s, nginx 75 s, IIS 120 s), so a request rarely meets a connection the
 * server is just closing; if it does, it fails as a network error and the uploader retries later.
 * node:http rather than fetch: per request it costs a fraction of the CPU (no web streams), which
 * counts when a long queue drains. Redirects are not followed — an archive that moved must be
 * re-configured, and a redirected POST may be replayed as a GET.
 *
 * Error messages never contain the URL: a Foshan URL carries the password or the token.
 */
import http from 'node:http';
import https from 'node:https';
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

/** An idle kept-alive connection is closed after this long (below common server keep-alive timeouts). */
export const IDLE_SOCKET_MS = 4_000;

/** Far above the uploader's window: connections are never the limit, the window is. */
const MAX_SOCKETS_PER_HOST = 32;

const agentOptions = { keepAlive: true, timeout: IDLE_SOCKET_MS, maxSockets: MAX_SOCKETS_PER_HOST, scheduling: 'lifo' };
const agents = {
  'http:': new http.Agent(agentOptions as http.AgentOptions),
  'https:': new https.Agent(agentOptions as https.AgentOptions),
};

export interface SendOptions {
  timeoutMs: number;
  /** Cancels the request, e.g. when the core shuts down. */
  signal?: AbortSignal;
  maxBytes?: number;
}

const timeoutError = (ms: number) =>
  new TransportError('timeout', `平台在 ${ms} 毫秒内未应答 / The platform did not answer within ${ms} ms`);

const abortedError = () => new TransportError('aborted', '请求已取消 / The request was cancelled');

const tooLargeError = (max: number) =>
  new TransportError(
    'too_large',
    `平台的应答超过 ${max} 字节，不是档案接口的应答，请检查平台地址 / The reply is larger than ${max} bytes, so it is not an archive reply; check the platform address`,
  );

const networkError = (e: unknown, host: string): TransportError => {
  const raw = (e as { code?: unknown } | null)?.code;
  const code = typeof raw === 'string' ? raw : undefined;
  const detail = code ? ` (${code})` : '';
  return new TransportError(
    'network',
    `无法连接档案平台 ${host}${detail}，请检查网络 / Cannot reach the archive platform ${host}${detail}; check the network`,
    code,
  );
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

/** Reply headers as WireResponse wants them: lower-case names, repeated values joined. */
const headersOf = (res: http.IncomingMessage): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(res.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
};

/**
 * Send `req` and return the complete reply, whatever its status. Throws TransportError when there is
 * no complete reply: `timeout` (no complete reply within `timeoutMs`, body included), `aborted`
 * (`opts.signal` fired), `network` (refused, reset, DNS, bad address) or `too_large`.
 */
export function sendWire(req: WireRequest, opts: SendOptions): Promise<WireResponse> {
  let url: URL;
  try {
    url = parseUrl(req.url);
  } catch (e) {
    return Promise.reject(e);
  }
  if (opts.signal?.aborted) return Promise.reject(abortedError());
  const max = opts.maxBytes ?? MAX_REPLY_BYTES;
  const body = req.body === undefined ? undefined : Buffer.from(req.body, 'utf8');
  const client = url.protocol === 'https:' ? https : http;

  return new Promise<WireResponse>((resolve, reject) => {
    let done = false;
    const finish = (error: TransportError | null, res?: WireResponse) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      if (error) {
        // A connection with an unread or unfinished exchange cannot be reused: close it.
        request.destroy();
        reject(error);
      } else resolve(res!);
    };
    const onAbort = () => finish(abortedError());
    const timer = setTimeout(() => finish(timeoutError(opts.timeoutMs)), opts.timeoutMs);
    opts.signal?.addEventListener('abort', onAbort, { once: true });

    const request = client.request(
      url,
      {
        method: req.method,
        agent: agents[url.protocol as keyof typeof agents],
        headers: { ...req.headers, ...(body ? { 'Content-Length': String(body.length) } : {}) },
      },
      (res) => {
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > max) return finish(tooLargeError(max));
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > max) finish(tooLargeError(max));
          else chunks.push(c);
        });
        res.on('end', () => {
          // Non-fatal decoding: a stray invalid byte must not hide a readable `code`; a BOM is dropped.
          const text = new TextDecoder('utf-8').decode(Buffer.concat(chunks));
          finish(null, { status: res.statusCode ?? 0, headers: headersOf(res), body: text });
        });
        res.on('error', (e) => finish(networkError(e, url.host)));
        res.on('aborted', () => finish(networkError({ code: 'ECONNRESET' }, url.host)));
      },
    );
    request.on('error', (e) => finish(networkError(e, url.host)));
    request.end(body);
  });
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

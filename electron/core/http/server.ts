/**
 * The HTTP host: the same API as the Electron IPC path, for `npm run serve`, browsers on the shop
 * LAN, scripts and tests.
 *
 *   POST /api/<method>     JSON in, JSON out (the output itself on 200, `{error}` otherwise)
 *   GET  /api/health       liveness and versions
 *   GET  /api/openapi.json generated from the contract
 *   GET  /api/events       server-sent change events
 *   GET  /updates/<file>   the shop's update feed: latest.yml and installers copied into the data
 *                          folder's `updates/` (docs/installer-and-updates.md); public, read-only
 *   GET  /*                the renderer (static files, SPA fallback)
 *
 * Who a request acts for (docs/users-and-lan.md): on a loopback listener, the shop's manager in
 * single-user mode or the session of `Authorization: Bearer <token>`; on the LAN listener, only a
 * paired device's token — without one, nothing but the static renderer and `lan.pair`, and every
 * request is rate-limited per address. The event stream takes `?ticket=` from `auth.eventsTicket`.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { isMethodName } from '../../../shared/api/contract.js';
import { type ApiErrorBody, ERROR_STATUS, type ErrorCode } from '../../../shared/api/errors.js';
import { buildOpenApi } from '../../../shared/api/openapi.js';
import type { CoreApp } from '../app.js';
import type { Caller } from '../context.js';
import { type BucketSpec, LAN_PAIRING, LAN_REQUESTS, RateLimiter } from './rate-limit.js';

export const MAX_BODY_BYTES = 1024 * 1024;
/** Imports carry a whole spreadsheet as base64 (docs/backups-and-transfer.md); only they get more room. */
export const IMPORT_MAX_BODY_BYTES = 9 * 1024 * 1024;
const bodyLimit = (method: string) =>
  method === 'transfer.preview' || method === 'transfer.import' ? IMPORT_MAX_BODY_BYTES : MAX_BODY_BYTES;

export interface HttpHostOptions {
  app: CoreApp;
  host: string;
  port: number;
  version: string;
  rendererDir?: string | undefined;
  log?: (msg: string) => void;
  /**
   * `lan`: every request is a LAN request (authenticated, rate-limited) — the LAN listener, also when
   * tests bind it to 127.0.0.1. Default: `local` on a loopback address; on any other address a request
   * is local only when it comes from this machine to a loopback name, otherwise it is a LAN request.
   */
  exposure?: 'local' | 'lan';
  rateLimit?: BucketSpec;
  pairingLimit?: BucketSpec;
}

export interface HttpHost {
  server: http.Server;
  url: string;
  close(): Promise<void>;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const FALLBACK_PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>车档 Chedang</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, 'Microsoft YaHei', sans-serif; margin: 3rem; color: #1f2937">
<h1>车档 Chedang</h1>
<p>核心服务正在运行。界面尚未构建：运行 <code>npm run build</code> 后刷新本页。</p>
<p>The core is running. The interface has not been built: run <code>npm run build</code> and reload.</p>
<p><a href="/api/health">/api/health</a> · <a href="/api/openapi.json">/api/openapi.json</a></p>
</body></html>`;

const sendJson = (res: http.ServerResponse, status: number, body: unknown) => {
  const data = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(data),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(data);
};

const sendError = (
  res: http.ServerResponse,
  code: ErrorCode,
  zh: string,
  en: string,
  fields: ApiErrorBody['fields'] = [],
) => sendJson(res, ERROR_STATUS[code], { error: { code, message: { zh, en }, fields } });

/** Reads the body up to the limit; resolves undefined (after answering 413) when it is too large. */
const readBody = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  limit = MAX_BODY_BYTES,
): Promise<Buffer | undefined> =>
  new Promise((resolve) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    const tooLarge = () => {
      sendError(
        res,
        'payload_too_large',
        `请求内容超过 ${limit / 1024} KB 上限`,
        `The request body exceeds the ${limit / 1024} KB limit`,
      );
      // Stop reading; the connection is closed once the answer is sent.
      res.once('finish', () => req.destroy());
      resolve(undefined);
    };
    if (declared > limit) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (c: Buffer) => {
      if (done) return;
      size += c.length;
      if (size > limit) {
        done = true;
        tooLarge();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (!done) {
        done = true;
        resolve(Buffer.concat(chunks));
      }
    });
    req.on('error', () => {
      if (!done) {
        done = true;
        resolve(undefined);
      }
    });
  });

/** Loopback hosts only answer requests addressed to loopback names (no DNS-rebinding from web pages). */
const isLoopbackHost = (host: string) => ['127.0.0.1', 'localhost', '::1'].includes(host);
const hostHeaderIsLoopback = (hostHeader: string | undefined): boolean => {
  if (!hostHeader) return false;
  const name = hostHeader.startsWith('[') ? hostHeader.slice(1, hostHeader.indexOf(']')) : hostHeader.split(':')[0]!;
  return isLoopbackHost(name);
};
const hostAllowed = (listenHost: string, hostHeader: string | undefined): boolean =>
  !isLoopbackHost(listenHost) || hostHeaderIsLoopback(hostHeader);
const isLoopbackAddress = (a: string | undefined) =>
  !!a && (a === '::1' || a.startsWith('127.') || a.startsWith('::ffff:127.'));

/** `Authorization: Bearer <token>`; anything else presented as a token is a wrong token, not none. */
const bearerOf = (req: http.IncomingMessage): string | undefined => {
  const h = req.headers.authorization;
  if (h === undefined) return undefined;
  const m = /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(h.trim());
  return m ? m[1]! : 'invalid';
};

export async function startHttpHost(opts: HttpHostOptions): Promise<HttpHost> {
  const { app } = opts;
  let openapi: string | undefined;
  /** Open event streams, with the paired device each belongs to (closed when it is revoked). */
  const sseClients = new Map<http.ServerResponse, string | undefined>();
  const unsubscribe = app.core.events.on((e) => {
    const frame = `event: changed\ndata: ${JSON.stringify(e)}\n\n`;
    for (const c of sseClients.keys()) c.write(frame);
  });
  const unsubscribeRevoke = app.core.access.onRevoke((deviceId) => {
    for (const [c, d] of sseClients) if (d === deviceId) c.end();
  });
  const exposure = opts.exposure ?? (isLoopbackHost(opts.host) ? 'local' : 'auto');
  const requests = new RateLimiter(opts.rateLimit ?? LAN_REQUESTS);
  const pairings = new RateLimiter(opts.pairingLimit ?? LAN_PAIRING);
  const isLanRequest = (req: http.IncomingMessage) =>
    exposure === 'lan' ||
    (exposure === 'auto' && !(isLoopbackAddress(req.socket.remoteAddress) && hostHeaderIsLoopback(req.headers.host)));
  const callerOf = (req: http.IncomingMessage): Caller => {
    const token = bearerOf(req);
    return {
      via: isLanRequest(req) ? 'lan' : 'local',
      ip: req.socket.remoteAddress ?? '',
      ...(token ? { token } : {}),
    };
  };
  const tooMany = (res: http.ServerResponse, seconds: number) => {
    res.setHeader('retry-after', String(seconds));
    sendError(
      res,
      'rate_limited',
      `请求过于频繁，请 ${seconds} 秒后再试`,
      `Too many requests; try again in ${seconds} s`,
    );
  };

  const handleApi = async (req: http.IncomingMessage, res: http.ServerResponse, route: string, url: URL) => {
    if ((route === 'health' || route === 'openapi.json') && isLanRequest(req)) {
      // Nothing about the core (not even its version) for an unpaired client on the LAN.
      const c = callerOf(req);
      if (!app.core.access.resolve(c.token, 'lan', c.ip).ok)
        return sendError(res, 'unauthenticated', '需要先配对本设备', 'This device must be paired first');
    }
    if (route === 'health' && req.method === 'GET')
      return sendJson(res, 200, {
        ok: true,
        app: 'chedang',
        version: opts.version,
        schemaVersion: app.schemaVersion,
        time: app.core.clock.now(),
      });
    if (route === 'openapi.json' && req.method === 'GET') {
      openapi ??= JSON.stringify(buildOpenApi(opts.version));
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(openapi);
    }
    if (route === 'events' && req.method === 'GET') {
      // EventSource cannot send headers: a browser brings a one-minute, one-use ticket instead of its token.
      const caller = callerOf(req);
      const ticket = url.searchParams.get('ticket');
      const who = ticket
        ? app.core.access.redeemTicket(ticket, caller.via, caller.ip)
        : app.core.access.resolve(caller.token, caller.via, caller.ip);
      if (!who.ok || !who.actor)
        return sendError(res, 'unauthenticated', '请先登录或配对', 'Sign in or pair this device first');
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write('retry: 2000\n\n');
      sseClients.set(res, who.deviceId);
      req.on('close', () => sseClients.delete(res));
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return sendError(res, 'method_not_allowed', '接口只接受 POST 请求', 'API methods accept POST only');
    }
    let method: string;
    try {
      method = decodeURIComponent(route);
    } catch {
      method = route;
    }
    if (!isMethodName(method))
      return sendError(
        res,
        'unknown_method',
        `没有名为「${method.slice(0, 80)}」的接口`,
        `There is no method named "${method.slice(0, 80)}"`,
      );
    const caller = callerOf(req);
    if (caller.via === 'lan' && method === 'lan.pair') {
      const wait = pairings.take(caller.ip ?? '');
      if (wait > 0) return tooMany(res, wait);
    }
    const type = req.headers['content-type'] ?? '';
    const body = await readBody(req, res, bodyLimit(method));
    if (body === undefined) return;
    let input: unknown = {};
    if (body.length > 0) {
      if (!/^application\/json\b/i.test(type))
        return sendError(
          res,
          'unsupported_media_type',
          '请求内容须为 JSON（Content-Type: application/json）',
          'The body must be JSON (Content-Type: application/json)',
        );
      try {
        input = JSON.parse(body.toString('utf8'));
      } catch {
        return sendError(res, 'invalid_input', '请求内容不是有效的 JSON', 'The body is not valid JSON');
      }
    }
    const result = await app.callFrom(method, input, caller);
    if (result.ok) sendJson(res, 200, result.value ?? null);
    else {
      if (result.retryAfterSec !== undefined) res.setHeader('retry-after', String(result.retryAfterSec));
      sendJson(res, result.status, { error: result.error });
    }
  };

  const serveStatic = (req: http.IncomingMessage, res: http.ServerResponse, pathname: string) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      return res.end();
    }
    const headers = {
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    };
    const root = opts.rendererDir;
    if (root) {
      let decoded: string;
      try {
        decoded = decodeURIComponent(pathname);
      } catch {
        // Runs synchronously in the request listener: a throw here would crash the whole core.
        return sendError(res, 'invalid_input', '无效的地址', 'Invalid URL');
      }
      // Resolve inside the renderer folder only: `..` segments can never climb out of it.
      let file = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
      const inside = file.startsWith(path.resolve(root) + path.sep);
      if (!inside || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
      if (fs.existsSync(file)) {
        const ext = path.extname(file);
        res.writeHead(200, {
          ...headers,
          'content-type': MIME[ext] ?? 'application/octet-stream',
          // Hashed assets never change; index.html must always be fresh after an update.
          'cache-control': ext === '.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
        });
        if (req.method === 'HEAD') return res.end();
        return fs.createReadStream(file).pipe(res);
      }
    }
    res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
    res.end(req.method === 'HEAD' ? undefined : FALLBACK_PAGE);
  };

  /**
   * The shop's update feed, so the other PCs (and this one) can update from the front desk when the
   * shop has no internet: the files of a release copied from a USB stick into `<data>/updates/`. A flat
   * folder of release files only — no listing, no sub-folders, no other names — and public: an
   * installer is no secret, and electron-updater checks its checksum and signature.
   */
  const serveUpdates = (req: http.IncomingMessage, res: http.ServerResponse, name: string) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      return res.end();
    }
    let file: string | null = null;
    try {
      const n = decodeURIComponent(name);
      if (/^[A-Za-z0-9][A-Za-z0-9._-]*\.(yml|exe|blockmap)$/.test(n)) file = path.join(app.core.dataDir, 'updates', n);
    } catch {
      // A malformed escape names no release file.
    }
    if (!file || !fs.existsSync(file) || !fs.statSync(file).isFile())
      return sendError(res, 'not_found', '更新文件夹中没有这个文件', 'No such file in the update folder');
    res.writeHead(200, {
      'content-type': file.endsWith('.yml') ? 'text/yaml; charset=utf-8' : 'application/octet-stream',
      'content-length': fs.statSync(file).size,
      // latest.yml changes with each release copied in; the installers never change under one name.
      'cache-control': file.endsWith('.yml') ? 'no-cache' : 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file).pipe(res);
  };

  const server = http.createServer((req, res) => {
    if (!hostAllowed(opts.host, req.headers.host))
      return sendError(res, 'forbidden', '不允许的主机名', 'Host not allowed');
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://x');
    } catch {
      return sendError(res, 'invalid_input', '无效的地址', 'Invalid URL');
    }
    const pathname = url.pathname;
    if (isLanRequest(req)) {
      const wait = requests.take(req.socket.remoteAddress ?? '');
      if (wait > 0) return tooMany(res, wait);
    }
    // Whatever a request does, it must never take the core down with it: synchronous throws and
    // rejected promises both end in an answer for that request alone.
    const failed = (e: unknown) => {
      opts.log?.(`http: ${String(e)}`);
      if (!res.headersSent) sendError(res, 'internal', '内部错误', 'Internal error');
      else res.destroy();
    };
    try {
      const done = pathname.startsWith('/api/')
        ? handleApi(req, res, pathname.slice(5), url)
        : pathname.startsWith('/updates/')
          ? serveUpdates(req, res, pathname.slice('/updates/'.length))
          : serveStatic(req, res, pathname);
      Promise.resolve(done).catch(failed);
    } catch (e) {
      failed(e);
    }
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 70_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  const hostForUrl = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
  return {
    server,
    url: `http://${hostForUrl}:${addr.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        unsubscribeRevoke();
        for (const c of sseClients.keys()) c.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

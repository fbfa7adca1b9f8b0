/**
 * The reference archive: a stand-in for a city's 汽车维修电子健康档案系统 that speaks all four platform
 * families exactly as docs/archive-protocol.md pins them, stores records in SQLite exactly once per
 * (company, costlistcode), serves the owner's and the regulator's views, and injects faults on demand.
 * An independent program: it imports from shared/ only, never from electron/.
 *
 *   protocol   lcippro token/upload/register, Chengdu /time + carhealth/*, Foshan *.ashx (faults apply)
 *   GET  /owner/vehicles/:vin/records     the owner's history of one vehicle
 *   GET  /admin/metrics[?company=CODE]    per company and per city: uploads, connectivity, quality
 *   GET  /admin/records[?company=CODE]    stored records, for tests and demos
 *   GET|POST /admin/faults                read / change fault injection
 *   POST /admin/companies                 seed a company account
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { GroupCommit } from '../shared/sqlite/group-commit.js';
import { createArchiveCore, type Outcome, type SeedCompany, SeedError } from './archive.js';
import { checkFaults, FaultError, FaultInjector, type Faults } from './faults.js';
import { type Handled, type ProtocolRoute, protocolRoutes } from './protocols.js';
import { badFormat, FAILURE, invalid } from './replies.js';
import { openArchiveDb, type Sqlite, statements } from './store.js';
import { type ArchiveMetrics, computeMetrics, ownerRecords } from './views.js';

export type { SeedCompany } from './archive.js';
export type { Faults } from './faults.js';
export type { ArchiveMetrics } from './views.js';

export const DEFAULT_TOKEN_TTL_MS = 2 * 3600_000;
export const MAX_BODY_BYTES = 1024 * 1024;

export interface ArchiveServerOptions {
  dataDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Token lifetime, default 2 h. */
  tokenTtlMs?: number;
  faults?: Partial<Faults>;
  /** The server's clock (epoch ms); tests inject one to expire tokens or move "today". */
  now?: () => number;
  log?: (msg: string) => void;
}

export interface ArchiveServer {
  url: string;
  port: number;
  /** Stops listening, destroys open (keep-alive) connections and closes the database. */
  close(): Promise<void>;
  setFaults(f: Partial<Faults>): Faults;
  faults(): Faults;
  /** Create or replace a company account. Throws SeedError on bad input. */
  seedCompany(c: SeedCompany): void;
  metrics(company?: string): ArchiveMetrics;
  db: Sqlite;
}

const JSON_TYPE = 'application/json; charset=utf-8';

const send = (res: http.ServerResponse, status: number, text: string, type = JSON_TYPE, extra = {}) => {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(text);
};
const sendJson = (res: http.ServerResponse, status: number, body: unknown) => send(res, status, JSON.stringify(body));
const sendError = (res: http.ServerResponse, status: number, code: string, zh: string, en: string) =>
  sendJson(res, status, { error: { code, message: { zh, en } } });

/** What a misbehaving proxy in front of a platform answers. */
const HTML_PAGE =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';

type Body = { ok: true; text: string } | { ok: false };

/** The body as UTF-8 text, or `ok: false` once it passes the limit (the rest is not read). */
const readBody = (req: http.IncomingMessage): Promise<Body> =>
  new Promise((resolve) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return resolve({ ok: false });
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (b: Body) => {
      if (done) return;
      done = true;
      resolve(b);
    };
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) finish({ ok: false });
      else if (!done) chunks.push(c);
    });
    req.on('end', () => finish({ ok: true, text: Buffer.concat(chunks).toString('utf8') }));
    req.on('error', () => finish({ ok: false }));
  });

export async function startArchiveServer(opts: ArchiveServerOptions): Promise<ArchiveServer> {
  const now = opts.now ?? Date.now;
  const log = opts.log ?? (() => {});
  const injector = new FaultInjector(opts.faults ?? {});
  const db = openArchiveDb(opts.dataDir);
  const sql = statements(db);
  // Stored records and the request log share commits: one fsync for every request that arrived
  // during the same turn of the event loop, instead of two per request.
  const commits = new GroupCommit(db);
  const core = createArchiveCore({ db, sql, commits, now, tokenTtlMs: opts.tokenTtlMs ?? DEFAULT_TOKEN_TTL_MS });
  const routes = protocolRoutes(core, now);

  let closed = false;
  const timers = new Set<NodeJS.Timeout>();
  /** A delay that simply never ends once the server closes (its request is gone with its socket). */
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });

  type LoggedResult = { httpStatus: number | null; handled?: Handled; fault?: string | null };

  /** One row of the request log. A failed log write is reported, never turned into a failed request. */
  const writeLog = (
    req: http.IncomingMessage,
    route: ProtocolRoute,
    started: number,
    at: number,
    result: LoggedResult,
  ): void => {
    const o = result.handled?.outcome;
    try {
      sql.logRequest.run(
        at,
        req.method ?? '',
        // The path only: Foshan's query string carries the company password.
        new URL(req.url ?? '/', 'http://archive').pathname,
        route.endpoint,
        o?.companycode ?? null,
        o?.costlistcode ?? null,
        result.httpStatus,
        o?.reply.code ?? null,
        o?.reply.status ?? null,
        result.fault ?? o?.fault ?? null,
        Date.now() - started,
      );
    } catch (e) {
      log(`archive: request log failed: ${String(e)}`);
    }
  };

  /**
   * Logs a request that stored nothing, committed before the reply goes out (whoever reads the log
   * after a reply finds the entry) in the group commit of whatever else is being written. An upload
   * that reaches the store logs inside the write that stores it instead (`journal`): one commit.
   */
  const logRequest = async (
    req: http.IncomingMessage,
    route: ProtocolRoute,
    started: number,
    at: number,
    result: LoggedResult,
  ): Promise<void> => {
    if (closed) return;
    await commits
      .run(() => writeLog(req, route, started, at, result))
      .catch((e: unknown) => {
        log(`archive: request log failed: ${String(e)}`);
      });
  };

  const handleProtocol = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    route: ProtocolRoute,
  ) => {
    const started = Date.now();
    const at = now();
    if (req.method !== route.method) {
      const reply = invalid(`该接口只接受 ${route.method} 请求`);
      await logRequest(req, route, started, at, { httpStatus: 405, handled: { text: '', outcome: { reply } } });
      if (closed) return;
      return send(res, 405, route.wrap(reply), JSON_TYPE, { allow: route.method });
    }
    const body: Body = route.method === 'POST' ? await readBody(req) : { ok: true, text: '' };
    if (!body.ok) {
      const reply = badFormat([`请求内容超过 ${MAX_BODY_BYTES / 1024} KB 上限`]);
      await logRequest(req, route, started, at, { httpStatus: 200, handled: { text: '', outcome: { reply } } });
      if (closed) return;
      return send(res, 200, route.wrap(reply), JSON_TYPE, { connection: 'close' });
    }

    const draw = injector.draw();
    if (draw.latencyMs > 0) await sleep(draw.latencyMs);
    if (closed) return;
    if (draw.error) {
      const retryAfter = injector.get().retryAfterSeconds;
      await logRequest(req, route, started, at, { httpStatus: 503, fault: 'error' });
      if (closed) return;
      return send(res, 503, '503 Service Unavailable 服务暂不可用', 'text/plain; charset=utf-8', {
        'retry-after': String(retryAfter),
      });
    }
    if (draw.dropBeforeCommit) {
      await logRequest(req, route, started, at, { httpStatus: null, fault: 'drop_before_commit' });
      req.socket.destroy();
      return;
    }

    // What the log will say of this request once handled, whatever the handler answers.
    const logged = (handled: Handled): LoggedResult =>
      draw.dropAfterCommit
        ? { httpStatus: null, handled, fault: 'drop_after_commit' }
        : draw.malformed
          ? { httpStatus: 200, handled, fault: `malformed_${draw.malformed}` }
          : { httpStatus: 200, handled };
    let journaled = false;
    const journal = (outcome: Outcome) => {
      writeLog(req, route, started, at, logged({ text: '', outcome }));
      journaled = true;
    };
    let handled: Handled;
    try {
      handled = await route.handle({ url, body: body.text, tokenExpired: draw.tokenExpired, journal });
    } catch (e) {
      // A bug must cost one request a -99, never the server or an HTTP 500.
      log(`archive: ${route.endpoint} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      handled = { text: route.wrap(FAILURE), outcome: { reply: FAILURE } };
      // A failed commit took the journaled entry with it.
      journaled = false;
    }
    if (closed) return;
    // Everything the handler stored is committed by now (the handler resolves after the commit).
    if (!journaled) await logRequest(req, route, started, at, logged(handled));
    if (closed) return;
    if (draw.dropAfterCommit) {
      req.socket.destroy();
      return;
    }
    if (draw.malformed) {
      const json = handled.text.startsWith('{') || handled.text.startsWith('[');
      if (draw.malformed === 'truncated' && json)
        send(res, 200, handled.text.slice(0, Math.max(1, Math.floor(handled.text.length / 2))));
      else send(res, 200, HTML_PAGE, 'text/html; charset=utf-8');
      return;
    }
    send(res, 200, handled.text);
  };

  const readAdminJson = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<unknown> => {
    const body = await readBody(req);
    if (!body.ok) {
      sendError(res, 413, 'payload_too_large', '请求内容过大', 'The request body is too large');
      return undefined;
    }
    try {
      return JSON.parse(body.text);
    } catch {
      sendError(res, 400, 'invalid_json', '请求内容不是有效的 JSON', 'The body is not valid JSON');
      return undefined;
    }
  };

  const handleAdmin = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    const route = `${req.method} ${url.pathname}`;
    const company = url.searchParams.get('company') ?? undefined;
    switch (route) {
      case 'GET /admin/metrics':
        return sendJson(res, 200, computeMetrics(sql, now(), company));
      case 'GET /admin/records': {
        const rows = company === undefined ? sql.allRecords.all() : sql.recordsOfCompany.all(company);
        return sendJson(res, 200, {
          records: rows.map((r) => ({
            companycode: r.companycode,
            costlistcode: r.costlistcode,
            vin: r.vin,
            settledate: r.settledate,
            receivedAt: r.received_at,
            resends: r.resends,
            protocol: r.protocol,
            form: r.form,
            quality: { vinValid: r.vin_valid === 1, plateValid: r.plate_valid === 1, timely: r.timely === 1 },
            warnings: JSON.parse(r.warnings) as string[],
          })),
        });
      }
      case 'GET /admin/faults':
        return sendJson(res, 200, injector.get());
      case 'POST /admin/faults': {
        const input = await readAdminJson(req, res);
        if (input === undefined) return;
        try {
          return sendJson(res, 200, injector.set(checkFaults(input)));
        } catch (e) {
          if (!(e instanceof FaultError)) throw e;
          return sendError(res, 400, 'invalid_faults', e.bilingual.zh, e.bilingual.en);
        }
      }
      case 'POST /admin/companies': {
        const input = await readAdminJson(req, res);
        if (input === undefined) return;
        try {
          core.seedCompany(input as SeedCompany);
          return sendJson(res, 200, { ok: true, companycode: (input as SeedCompany).companycode });
        } catch (e) {
          if (!(e instanceof SeedError)) throw e;
          return sendError(res, 400, 'invalid_company', e.zh, e.en);
        }
      }
      default:
        return sendError(res, 404, 'not_found', `没有这个管理接口：${route}`, `No such admin endpoint: ${route}`);
    }
  };

  const OWNER_PATH = /^\/owner\/vehicles\/([^/]+)\/records$/;

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://archive');
    } catch {
      return sendError(res, 400, 'bad_url', '无效的地址', 'Invalid URL');
    }
    const route = routes[url.pathname];
    if (route) return handleProtocol(req, res, url, route);
    if (url.pathname.startsWith('/admin/')) return handleAdmin(req, res, url);
    const owner = OWNER_PATH.exec(url.pathname);
    if (owner && req.method === 'GET') {
      let vin: string;
      try {
        vin = decodeURIComponent(owner[1]!).trim().toUpperCase();
      } catch {
        return sendError(res, 400, 'bad_url', '无效的车辆识别代号', 'Invalid VIN in the URL');
      }
      const records = ownerRecords(sql, vin);
      return sendJson(res, 200, { vin, count: records.length, records });
    }
    return sendError(res, 404, 'not_found', `没有这个地址：${url.pathname}`, `Not found: ${url.pathname}`);
  };

  const server = http.createServer({ maxHeaderSize: 256 * 1024 }, (req, res) => {
    handle(req, res).catch((e: unknown) => {
      log(
        `archive: ${req.method} ${req.url?.split('?')[0]} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
      );
      if (closed) return;
      if (!res.headersSent) sendError(res, 500, 'internal', '内部错误', 'Internal error');
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  }).catch((e: unknown) => {
    db.close();
    throw e;
  });
  const addr = server.address() as AddressInfo;
  const hostForUrl = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;

  return {
    url: `http://${hostForUrl}:${addr.port}`,
    port: addr.port,
    db,
    close: () =>
      new Promise<void>((resolve) => {
        if (closed) return resolve();
        closed = true;
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => {
          // Writes still queued belong to requests whose connections are gone; commit them anyway.
          commits.flush();
          db.close();
          // Two turns of the event loop (the client reads the EOF in one, closes its socket in the
          // next), so an in-process client such as a test has dropped its pooled keep-alive sockets
          // before it sends anything to a server restarted on this port.
          setImmediate(() => setImmediate(resolve));
        });
        server.closeAllConnections();
      }),
    setFaults: (f) => injector.set(f),
    faults: () => injector.get(),
    seedCompany: (c) => core.seedCompany(c),
    metrics: (company) => computeMetrics(sql, now(), company),
  };
}

/**
 * A scripted lcippro platform on loopback for the uploader's logic tests: a real HTTP server whose
 * next replies a test queues ("503 with Retry-After", "-30 with this message", "hang"), answering
 * token OK and upload OK otherwise. Protocol behaviour is tested against the reference archive
 * (archive/); this exists to put the uploader in exact situations.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Scripted {
  status?: number;
  headers?: Record<string, string>;
  /** JSON to send (stringified), or a raw string. */
  body?: unknown;
  /** Destroy the socket without replying. */
  drop?: boolean;
  /** Wait this long before replying (real time). */
  delayMs?: number;
}

export interface SeenRequest {
  path: string;
  body: Record<string, unknown>;
}

export interface ScriptedPlatform {
  url: string;
  seen: SeenRequest[];
  uploads(): SeenRequest[];
  tokens(): SeenRequest[];
  /** Queue replies for the next requests to a path ending in `token` or `upload`. */
  script(kind: 'token' | 'upload', ...replies: Scripted[]): void;
  /** Requests being answered right now, and the most there ever were at once. */
  concurrent: { now: number; max: number };
  close(): Promise<void>;
}

const TOKEN_PATH = '/restservices/lcipprodatarest/lcipprogetaccesstoken/query';
const UPLOAD_PATH = '/restservices/lcipprodatarest/lcipprocarfixrecordadd/query';

export async function startScriptedPlatform(): Promise<ScriptedPlatform> {
  const queues: Record<'token' | 'upload', Scripted[]> = { token: [], upload: [] };
  const seen: SeenRequest[] = [];
  const concurrent = { now: 0, max: 0 };
  let tokens = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      concurrent.now++;
      concurrent.max = Math.max(concurrent.max, concurrent.now);
      const path = req.url ?? '';
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {}
      seen.push({ path, body });
      const kind = path === TOKEN_PATH ? 'token' : path === UPLOAD_PATH ? 'upload' : null;
      const s: Scripted =
        (kind && queues[kind].shift()) ??
        (kind === 'token'
          ? { body: { code: '1', status: '获取成功', access_token: `tok-${++tokens}` } }
          : kind === 'upload'
            ? { body: { code: '1', status: '上传成功' } }
            : { status: 404, body: 'not found' });
      if (s.delayMs) await new Promise((r) => setTimeout(r, s.delayMs));
      concurrent.now--;
      if (s.drop) {
        req.socket.destroy();
        return;
      }
      res.writeHead(s.status ?? 200, { 'content-type': 'application/json; charset=utf-8', ...s.headers });
      res.end(typeof s.body === 'string' ? s.body : JSON.stringify(s.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    uploads: () => seen.filter((s) => s.path === UPLOAD_PATH),
    tokens: () => seen.filter((s) => s.path === TOKEN_PATH),
    script: (kind, ...replies) => queues[kind].push(...replies),
    concurrent,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Timers the test fires by hand, so back-off is checked without waiting. */
export class ManualTimers {
  pending: { fn: () => void; ms: number } | null = null;
  setTimeout = (fn: () => void, ms: number) => {
    const t = { fn, ms };
    this.pending = t;
    return t;
  };
  clearTimeout = (h: unknown) => {
    if (this.pending === h) this.pending = null;
  };
  /** Run the armed timer (as if its time had come). */
  fire(): void {
    const t = this.pending;
    this.pending = null;
    t?.fn();
  }
}

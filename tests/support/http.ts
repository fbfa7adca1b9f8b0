/**
 * HTTP helpers for tests that talk to the core the way other programs do: over the wire, against
 * either an in-process `startHttpHost` or a real `node dist/core/serve.js` child process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** `POST /api/<method>` with a JSON body (any value; `undefined` sends no body). */
export async function callApi(
  base: string,
  method: string,
  input?: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
  const body = input === undefined ? undefined : JSON.stringify(input);
  return rawRequest(base, {
    method: 'POST',
    path: `/api/${method}`,
    headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body }),
  });
}

export interface RawRequest {
  method: string;
  /** Sent exactly as given: no URL parsing or normalisation on the way. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  timeoutMs?: number;
}

/**
 * One request through node:http rather than fetch: fetch normalises paths and will not send some
 * headers (Host), and these tests need to send exactly the bytes a hostile client would.
 */
export function rawRequest(base: string, r: RawRequest): Promise<Reply> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        method: r.method,
        path: r.path,
        headers: r.headers ?? {},
        // A fresh connection per request: a 413 closes its socket, and that must not bleed into the next call.
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: parse(text) });
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(r.timeoutMs ?? 30_000, () => req.destroy(new Error(`${r.method} ${r.path.slice(0, 80)} timed out`)));
    req.on('error', reject);
    req.end(r.body);
  });
}

/** A port nobody listens on right now (the OS picks it; a tiny race with other processes remains). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface ServeProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process wrote so far, for failure messages. */
  output(): string;
  /** SIGTERM (the graceful path) and wait for the exit; resolves the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `node dist/core/serve.js` (build it first) and waits until /api/health answers. */
export async function startServe(
  dataDir: string,
  port: number,
  opts: { timeoutMs?: number; args?: string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<ServeProcess> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const child = spawn(
    process.execPath,
    ['dist/core/serve.js', '--data-dir', dataDir, '--port', String(port), ...(opts.args ?? [])],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } },
  );
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString('utf8');
  });
  child.stderr?.on('data', (c: Buffer) => {
    out += c.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  let alive = true;
  void exited.then(() => {
    alive = false;
  });
  for (;;) {
    if (!alive) throw new Error(`serve exited before answering (code ${child.exitCode}):\n${out}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`serve did not answer within ${timeoutMs} ms:\n${out}`);
    }
    try {
      const r = await rawRequest(url, { method: 'GET', path: '/api/health', timeoutMs: 2000 });
      if (r.status === 200) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    child,
    url,
    output: () => out,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

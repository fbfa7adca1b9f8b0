/**
 * A core of its own for a test that changes the whole shop (multi-user mode, LAN access on, imports):
 * `dist/core/serve.js` on a brand-new data folder and a free port, started before the test and stopped
 * (folder removed) after it, so the shared server of playwright.config.ts stays in single-user mode for
 * the other flows. `page` and `request` point at it through `baseURL`.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';

export interface FreshServer {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startFreshServer(): Promise<FreshServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chedang-e2e-fresh-'));
  // No demo archive: these flows never upload, and it would only slow the start.
  const child = spawn(process.execPath, ['dist/core/serve.js', '--data-dir', dataDir, '--port', '0', '--no-demo'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (c: Buffer) => {
    log = (log + c.toString()).slice(-4000);
  };
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start in 30 s:\n${log}`)), 30_000);
    child.stdout.on('data', (c: Buffer) => {
      keep(c);
      out += c.toString();
      const m = /running: (http:\/\/[^\s]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`serve exited before starting:\n${log}`));
    });
  });
  return {
    url,
    dataDir,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A port nobody listens on right now (for the LAN listener). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** `test` with its own fresh core: `fresh.url` is also the `baseURL` of `page` and `request`. */
export const test = base.extend<{ fresh: FreshServer }>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a fixture uses from this pattern.
  fresh: async ({}, use) => {
    const server = await startFreshServer();
    await use(server);
    await server.stop();
  },
  baseURL: async ({ fresh }, use) => {
    await use(fresh.url);
  },
});

export { expect } from '@playwright/test';

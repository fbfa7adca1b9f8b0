import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HttpHost, startHttpHost } from '../../electron/core/http/server.js';
import { makeCore, type TestCore, tempDir } from '../support/core.js';
import { rawRequest } from '../support/http.js';

let t: TestCore;
let host: HttpHost;
let root: string;

beforeAll(async () => {
  t = await makeCore();
  // A renderer folder with a neighbour whose name starts the same way: a prefix check is not enough.
  const parent = tempDir('chedang-static-');
  root = path.join(parent, 'renderer');
  fs.mkdirSync(root);
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>index</title>');
  fs.writeFileSync(path.join(root, 'app.js'), 'export {}');
  fs.mkdirSync(path.join(parent, 'renderer-secret'));
  fs.writeFileSync(path.join(parent, 'renderer-secret', 'key.txt'), 'SECRET');
  fs.writeFileSync(path.join(parent, 'secret.txt'), 'SECRET');
  host = await startHttpHost({ app: t.app, host: '127.0.0.1', port: 0, version: 'test', rendererDir: root });
});
afterAll(async () => {
  await host.close();
  t.close();
});

describe('the renderer’s static files', () => {
  it('serves files with their types and a strict CSP, and index.html for app routes', async () => {
    const js = await rawRequest(host.url, { method: 'GET', path: '/app.js' });
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/javascript/);
    const route = await rawRequest(host.url, { method: 'GET', path: '/vehicles/123' });
    expect(route.text).toContain('<title>index</title>');
    expect(route.headers['content-security-policy']).toMatch(/script-src 'self'/);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const p of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/../renderer-secret/key.txt',
      '/%2e%2e%2frenderer-secret%2fkey.txt',
      '/..\\secret.txt',
      '/%5c..%5csecret.txt',
    ]) {
      const r = await rawRequest(host.url, { method: 'GET', path: p });
      expect(r.text, p).not.toContain('SECRET');
    }
  });
});

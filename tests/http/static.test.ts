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

describe('the update feed folder (<data>/updates)', () => {
  it('serves release files, fresh latest.yml, and nothing else', async () => {
    const dir = path.join(t.dir, 'updates');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'latest.yml'), 'version: 0.2.0\n');
    fs.writeFileSync(path.join(dir, 'Chedang-Setup-0.2.0.exe'), Buffer.alloc(1000, 7));
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'not a release file');
    fs.writeFileSync(path.join(t.dir, 'chedang.key'), 'SECRET');

    const yml = await rawRequest(host.url, { method: 'GET', path: '/updates/latest.yml' });
    expect(yml.status).toBe(200);
    expect(yml.text).toBe('version: 0.2.0\n');
    expect(yml.headers['cache-control']).toBe('no-cache');
    const exe = await rawRequest(host.url, { method: 'GET', path: '/updates/Chedang-Setup-0.2.0.exe' });
    expect(exe.status).toBe(200);
    expect(exe.headers['content-length']).toBe('1000');
    expect((await rawRequest(host.url, { method: 'HEAD', path: '/updates/latest.yml' })).status).toBe(200);

    for (const bad of [
      '/updates/notes.txt',
      '/updates/missing.yml',
      '/updates/',
      '/updates/..%2Fchedang.key',
      '/updates/sub/latest.yml',
      '/updates/%E0%A4%A',
    ]) {
      const r = await rawRequest(host.url, { method: 'GET', path: bad });
      expect(r.status, bad).toBe(404);
      expect(r.text).not.toContain('SECRET');
    }
    // `%2e%2e` is `..` to the URL parser: the path leaves /updates/ and gets the app's page, never the file.
    expect((await rawRequest(host.url, { method: 'GET', path: '/updates/%2e%2e/chedang.key' })).text).not.toContain(
      'SECRET',
    );
    expect((await rawRequest(host.url, { method: 'POST', path: '/updates/latest.yml' })).status).toBe(405);
  });
});

/**
 * The archive settings of `npm run serve` as a shop or a newcomer meets them: the demo platform
 * (演示平台) on a fresh data folder and its switch-off, --no-demo, and the account given by flags
 * with the password only from the environment.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type ArchiveServer, startArchiveServer } from '../../archive/server.js';
import { tempDir } from '../support/core.js';
import { callApi, freePort, rawRequest, type ServeProcess, startServe } from '../support/http.js';

const COMPANY = { companycode: '440300000000042', password: 'futian-2026', areacode: '440300', companyname: null };

let serve: ServeProcess | undefined;
let archive: ArchiveServer | undefined;

afterEach(async () => {
  await serve?.stop('SIGKILL');
  serve = undefined;
  await archive?.close();
  archive = undefined;
});

const status = async (s: ServeProcess) =>
  (await callApi(s.url, 'archive.status', {})).json as {
    platform: { demo: boolean; label: { zh: string }; baseUrl: string; companyCode: string } | null;
  };

const reachable = async (url: string) => {
  try {
    await rawRequest(url, { method: 'GET', path: '/time', timeoutMs: 1000 });
    return true;
  } catch {
    return false;
  }
};

describe('serve and the archive platform', () => {
  it('runs the demo platform on a fresh data folder, and turns it off for good when a real one is saved', async () => {
    const dir = tempDir('chedang-demo-');
    serve = await startServe(dir, await freePort());
    const demo = (await status(serve)).platform!;
    expect(demo).toMatchObject({ demo: true, label: { zh: '演示平台' }, companyCode: '440100900000001' });
    expect(serve.output()).toContain('演示平台');
    expect(await reachable(demo.baseUrl)).toBe(true);

    archive = await startArchiveServer({ dataDir: tempDir('chedang-arch-'), port: 0 });
    archive.seedCompany(COMPANY);
    const saved = await callApi(serve.url, 'archive.configure', {
      adapter: 'lcippro-stringified',
      baseUrl: archive.url,
      companyCode: COMPANY.companycode,
      password: COMPANY.password,
      cityCode: '440300',
    });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ demo: false, label: { zh: '深圳市 · lcippro 标准接口（字符串化）' } });
    for (let i = 0; i < 50 && (await reachable(demo.baseUrl)); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await reachable(demo.baseUrl)).toBe(false);

    await serve.stop('SIGTERM');
    serve = await startServe(dir, await freePort());
    expect((await status(serve)).platform).toMatchObject({ demo: false, baseUrl: archive.url });
    expect(serve.output()).not.toContain('演示平台');
  });

  it('starts no demo with --no-demo', async () => {
    serve = await startServe(tempDir('chedang-nodemo-'), await freePort(), { args: ['--no-demo'] });
    expect((await status(serve)).platform).toBeNull();
  });

  it('takes the account from flags with the password from the environment', async () => {
    archive = await startArchiveServer({ dataDir: tempDir('chedang-arch-'), port: 0 });
    archive.seedCompany(COMPANY);
    const dir = tempDir('chedang-flags-');
    const args = [
      '--archive-url',
      archive.url,
      '--archive-adapter',
      'chengdu',
      '--company-code',
      COMPANY.companycode,
      '--city-code',
      '440300',
    ];
    // The first time, a password is required.
    await expect(startServe(dir, await freePort(), { args, timeoutMs: 15_000 })).rejects.toThrow(
      /CHEDANG_ARCHIVE_PASSWORD/,
    );
    serve = await startServe(dir, await freePort(), { args, env: { CHEDANG_ARCHIVE_PASSWORD: COMPANY.password } });
    expect((await status(serve)).platform).toMatchObject({ demo: false, baseUrl: archive.url });
    const test = await callApi(serve.url, 'archive.testConnection', {});
    expect(test.json).toMatchObject({ ok: true });
    expect(serve.output()).not.toContain(COMPANY.password);
    // Later starts keep the stored password.
    await serve.stop('SIGTERM');
    serve = await startServe(dir, await freePort(), { args });
    expect((await callApi(serve.url, 'archive.testConnection', {})).json).toMatchObject({ ok: true });
  });
});

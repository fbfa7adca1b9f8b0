/**
 * Auto-update against a real generic feed on 127.0.0.1 (node:http serving latest.yml and an
 * installer with its true sha512), driving the REAL electron-updater: NsisUpdater (the class the
 * Windows app gets), its GenericProvider, feed parsing, ElectronHttpExecutor's download with the
 * checksum check, the download cache and the install-on-quit hook (as on Windows, through its own
 * `_testOnlyOptions.platform`; differential downloads are skipped, they need a real old installer). What is mocked is only what needs the Electron binary:
 *   - electron.app: version, paths, whenReady, quit, the 'quit' event (an EventEmitter);
 *   - electron.net.request: Node's http.request in place of Chromium's (same request/response API);
 *   - electron.session / electron.autoUpdater: empty stand-ins;
 *   - NsisUpdater.doInstall: would spawn the downloaded .exe; spied to see that (and how) it runs.
 */
import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BusyReason, UpdateStatus } from '../../shared/api/bridge.js';
import { type AppUpdaterLike, AutoUpdate, nextDelay, resolveFeedUrl, UPDATE_TIMING } from './updater.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chedang-updater-'));

// electron-updater is CommonJS and calls require('electron') itself, outside vitest's module graph,
// so the stand-in goes into Node's require cache under the path that require resolves to.
const fakeApp = Object.assign(new EventEmitter(), {
  isPackaged: true,
  getVersion: () => '1.0.0',
  getName: () => 'chedang',
  getAppPath: () => '/nonexistent/app.asar',
  getPath: () => path.join(tmp, 'userdata'),
  whenReady: () => Promise.resolve(),
  quit: vi.fn(),
  relaunch: vi.fn(),
});
const fakeElectron = {
  app: fakeApp,
  // Chromium's net.request and Node's http.request take the same options and emit the same
  // 'response' events; the electron-only keys are dropped.
  net: {
    request: ({ session: _s, redirect: _r, ...options }: Record<string, unknown>) =>
      http.request({ ...(options as http.RequestOptions), agent: false }),
  },
  session: { fromPartition: () => ({}) },
  autoUpdater: new EventEmitter(),
};
const require = createRequire(import.meta.url);
const electronPath = require.resolve('electron');
require.cache[electronPath] = {
  id: electronPath,
  filename: electronPath,
  loaded: true,
  exports: fakeElectron,
} as never;
const { NsisUpdater } = require('electron-updater') as typeof import('electron-updater');

// The feed: what latest.yml says is configurable per test; the installer is 64 KiB of bytes.
const installer = crypto.randomBytes(64 * 1024);
const sha512 = (b: Buffer) => crypto.createHash('sha512').update(b).digest('base64');
let latestYml = '';
let served: Buffer = installer;
const requests: string[] = [];
const server = http.createServer((req, res) => {
  requests.push(req.url ?? '');
  const p = new URL(req.url ?? '/', 'http://x').pathname;
  if (p === '/feed/latest.yml') return res.end(latestYml);
  if (p === '/feed/Chedang-Setup-1.1.0.exe') return res.end(served);
  res.statusCode = 404;
  res.end();
});
let feed = '';

const latest = (version: string, fileSha = sha512(installer)) =>
  [
    `version: ${version}`,
    'files:',
    `  - url: Chedang-Setup-${version}.exe`,
    `    sha512: ${fileSha}`,
    `    size: ${installer.length}`,
    `path: Chedang-Setup-${version}.exe`,
    `sha512: ${fileSha}`,
    `releaseDate: '2026-11-24T08:00:00.000Z'`,
  ].join('\n');

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  feed = `http://127.0.0.1:${(server.address() as AddressInfo).port}/feed/`;
  // What electron-builder writes into the packaged app (compare installer.test.ts).
  const resources = path.join(tmp, 'resources');
  fs.mkdirSync(resources, { recursive: true });
  fs.writeFileSync(
    path.join(resources, 'app-update.yml'),
    `provider: generic\nurl: ${feed}\nchannel: latest\nupdaterCacheDirName: chedang-updater\n`,
  );
  (process as { resourcesPath?: string }).resourcesPath = resources;
  process.env.XDG_CACHE_HOME = path.join(tmp, 'cache');
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  fs.rmSync(tmp, { recursive: true, force: true });
});

interface Harness {
  auto: AutoUpdate;
  updater: InstanceType<typeof NsisUpdater>;
  doInstall: ReturnType<typeof vi.fn>;
  published: UpdateStatus[];
  logs: string[];
  busy: { local: BusyReason[]; uploading: boolean; changed: () => void };
}

function harness(o: { feedUrl?: string | null } = {}): Harness {
  const updater = new NsisUpdater();
  // electron-updater's own test switch: act as on Windows (latest.yml, the .exe) on this Linux
  // machine. It also skips the differential download, which needs the previous installer's blockmap.
  (updater as unknown as { _testOnlyOptions: object })._testOnlyOptions = {
    platform: 'win32',
    isUseDifferentialDownload: false,
  };
  // The one thing that cannot run here: launching the downloaded installer.
  const doInstall = vi.fn(() => true);
  (updater as unknown as { doInstall: typeof doInstall }).doInstall = doInstall;
  const published: UpdateStatus[] = [];
  const logs: string[] = [];
  const busy = { local: [] as BusyReason[], uploading: false, changed: () => {} };
  const auto = new AutoUpdate({
    updater: () => updater as unknown as AppUpdaterLike,
    isPackaged: true,
    isOnline: () => true,
    localBusy: () => busy.local,
    onBusyChange: (l) => {
      busy.changed = l;
      return () => {};
    },
    uploading: async () => busy.uploading,
    publish: (s) => published.push(s),
    feedUrl: o.feedUrl === undefined ? null : o.feedUrl,
    log: (m) => logs.push(m),
  });
  return { auto, updater, doInstall, published, logs, busy };
}

const cacheDir = () => path.join(tmp, 'cache', 'chedang-updater');

beforeEach(() => {
  requests.length = 0;
  served = installer;
  fs.rmSync(cacheDir(), { recursive: true, force: true });
  vi.mocked(fakeApp.quit).mockClear();
  fakeApp.removeAllListeners('quit');
});

describe('auto-update against a local generic feed (real electron-updater)', () => {
  it('finds a newer version, downloads it with its sha512 checked, and offers it', async () => {
    latestYml = latest('1.1.0');
    const h = harness();
    await h.auto.check();
    expect(h.published).toEqual([{ state: 'ready', version: '1.1.0', busy: [] }]);
    const downloaded = path.join(cacheDir(), 'pending', 'Chedang-Setup-1.1.0.exe');
    expect(fs.readFileSync(downloaded).equals(installer)).toBe(true);
    // The built-in feed (resources/app-update.yml) was used; the no-cache query keeps proxies honest.
    expect(requests.some((r) => r.startsWith('/feed/latest.yml'))).toBe(true);
    // Never restarted by itself: the prompt is the page's, the install waits for a click or quit.
    expect(h.doInstall).not.toHaveBeenCalled();
    expect(fakeApp.quit).not.toHaveBeenCalled();
    h.auto.stop();
  });

  it('does nothing when the feed has the running version', async () => {
    latestYml = latest('1.0.0');
    const h = harness();
    await h.auto.check();
    expect(h.published).toEqual([]);
    expect(h.auto.status).toEqual({ state: 'none' });
    expect(requests.some((r) => r.includes('.exe'))).toBe(false);
    expect(await h.auto.install()).toEqual({ ok: false, busy: [] });
    h.auto.stop();
  });

  it('logs a feed that is down (connection refused) and carries on', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const h = harness({ feedUrl: `http://127.0.0.1:${port}/feed/` });
    // electron-updater retries a refused connection three times (0 + 1 + 2 s) before giving up.
    await expect(h.auto.check()).resolves.toBeUndefined();
    expect(h.logs.join('\n')).toMatch(/update check failed: .*ECONNREFUSED/);
    expect(h.published).toEqual([]);
    h.auto.stop();
  }, 20_000);

  it('logs a malformed feed (garbage YAML, or YAML without a version) and carries on', async () => {
    latestYml = 'version: [1.1.0\nfiles: {{{';
    const h = harness();
    await h.auto.check();
    expect(h.logs.join('\n')).toMatch(/ERR_UPDATER_INVALID_UPDATE_INFO/);
    latestYml = '<html>502 Bad Gateway</html>';
    await h.auto.check();
    expect(h.logs.join('\n')).toMatch(/ERR_UPDATER_INVALID_VERSION/);
    expect(h.published).toEqual([]);
    h.auto.stop();
  });

  it('refuses an installer whose sha512 does not match the feed', async () => {
    latestYml = latest('1.1.0');
    served = Buffer.concat([installer.subarray(1), Buffer.from([0])]);
    const h = harness();
    await h.auto.check();
    expect(h.logs.join('\n')).toMatch(/sha512 checksum mismatch/);
    expect(h.published).toEqual([]);
    expect(fs.existsSync(path.join(cacheDir(), 'pending', 'Chedang-Setup-1.1.0.exe'))).toBe(false);
    h.auto.stop();
  });

  it('while busy: downloads, never restarts, offers once idle, then installs on request', async () => {
    latestYml = latest('1.1.0');
    const h = harness({ feedUrl: feed });
    h.busy.local = ['order-edits'];
    await h.auto.check();
    expect(h.published).toEqual([{ state: 'ready', version: '1.1.0', busy: ['order-edits'] }]);
    expect(await h.auto.install()).toEqual({ ok: false, busy: ['order-edits'] });
    // The core is uploading too: still no.
    h.busy.local = [];
    h.busy.uploading = true;
    h.busy.changed();
    expect(h.published.at(-1)).toEqual({ state: 'ready', version: '1.1.0', busy: [] });
    expect(await h.auto.install()).toEqual({ ok: false, busy: ['uploading'] });
    expect(h.doInstall).not.toHaveBeenCalled();
    // Idle: the click installs silently into the same folder and starts the new version.
    h.busy.uploading = false;
    expect(await h.auto.install()).toEqual({ ok: true });
    expect(h.doInstall).toHaveBeenCalledWith({ isSilent: true, isForceRunAfter: true, isAdminRightsRequired: false });
    await new Promise((r) => setImmediate(r));
    expect(fakeApp.quit).toHaveBeenCalledTimes(1);
    h.auto.stop();
  });

  it('while busy until quit: electron-updater installs on quit (silently, without relaunch)', async () => {
    latestYml = latest('1.1.0');
    const h = harness();
    h.busy.local = ['settling'];
    await h.auto.check();
    expect(h.updater.autoInstallOnAppQuit).toBe(true);
    expect(h.doInstall).not.toHaveBeenCalled();
    fakeApp.emit('quit', {}, 0);
    expect(h.doInstall).toHaveBeenCalledWith({ isSilent: true, isForceRunAfter: false, isAdminRightsRequired: false });
    h.auto.stop();
  });
});

describe('auto-update schedule and switches (no network)', () => {
  const fakeUpdater = () => {
    const u = {
      autoDownload: false,
      autoInstallOnAppQuit: false,
      logger: null,
      setFeedURL: vi.fn(),
      checkForUpdates: vi.fn(async () => null),
      quitAndInstall: vi.fn(),
      on: vi.fn(),
    };
    return u;
  };
  const options = (u: ReturnType<typeof fakeUpdater>, over: Partial<ConstructorParameters<typeof AutoUpdate>[0]>) => ({
    updater: () => u as unknown as AppUpdaterLike,
    isPackaged: true,
    isOnline: () => true,
    localBusy: () => [] as BusyReason[],
    onBusyChange: () => () => {},
    uploading: async () => false,
    publish: () => {},
    feedUrl: null,
    log: () => {},
    ...over,
  });

  it('checks after start, then every 4 h ± 30 min; never when not packaged; not while offline', async () => {
    vi.useFakeTimers();
    try {
      const u = fakeUpdater();
      const auto = new AutoUpdate(options(u, { random: () => 0.75 }));
      auto.start();
      await vi.advanceTimersByTimeAsync(UPDATE_TIMING.firstCheckDelayMs);
      expect(u.checkForUpdates).toHaveBeenCalledTimes(1);
      expect(u.autoDownload && u.autoInstallOnAppQuit).toBe(true);
      await vi.advanceTimersByTimeAsync(4 * 3600_000 + 15 * 60_000 - 1);
      expect(u.checkForUpdates).toHaveBeenCalledTimes(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(u.checkForUpdates).toHaveBeenCalledTimes(2);
      auto.stop();

      const dev = fakeUpdater();
      const created = vi.fn(() => dev as unknown as AppUpdaterLike);
      new AutoUpdate(options(dev, { isPackaged: false, updater: created })).start();
      await vi.advanceTimersByTimeAsync(10 * 3600_000);
      expect(created).not.toHaveBeenCalled();

      let online = false;
      const off = fakeUpdater();
      const offline = new AutoUpdate(options(off, { isOnline: () => online }));
      offline.start();
      await vi.advanceTimersByTimeAsync(UPDATE_TIMING.firstCheckDelayMs);
      expect(off.checkForUpdates).not.toHaveBeenCalled();
      online = true;
      await vi.advanceTimersByTimeAsync(UPDATE_TIMING.offlineRetryMs);
      expect(off.checkForUpdates).toHaveBeenCalledTimes(1);
      offline.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('jitter stays within ±30 min', () => {
    expect(nextDelay(4 * 3600_000, 30 * 60_000, () => 0)).toBe(3.5 * 3600_000);
    expect(nextDelay(4 * 3600_000, 30 * 60_000, () => 0.5)).toBe(4 * 3600_000);
    expect(nextDelay(4 * 3600_000, 30 * 60_000, () => 0.999999)).toBeLessThanOrEqual(4.5 * 3600_000);
  });

  it('a check that throws is logged, not thrown', async () => {
    const u = fakeUpdater();
    u.checkForUpdates.mockRejectedValue(new Error('boom'));
    const logs: string[] = [];
    const auto = new AutoUpdate(options(u, { log: (m) => logs.push(m) }));
    await expect(auto.check()).resolves.toBeUndefined();
    expect(logs.join('\n')).toMatch(/update check failed: boom/);
    auto.stop();
  });

  it('uses a LAN feed override when one is set', async () => {
    const u = fakeUpdater();
    const auto = new AutoUpdate(options(u, { feedUrl: 'http://192.168.1.10:8080/chedang/' }));
    await auto.check();
    expect(u.setFeedURL).toHaveBeenCalledWith({ provider: 'generic', url: 'http://192.168.1.10:8080/chedang/' });
    auto.stop();
  });
});

describe('resolveFeedUrl', () => {
  it('takes CHEDANG_UPDATE_URL, else update.json, http(s) only', () => {
    expect(resolveFeedUrl({}, null)).toEqual({ url: null });
    expect(resolveFeedUrl({ CHEDANG_UPDATE_URL: 'http://10.0.0.2/upd' }, '{"feedUrl":"http://x/"}')).toEqual({
      url: 'http://10.0.0.2/upd/',
    });
    expect(resolveFeedUrl({}, '{"feedUrl":"https://nas.local/chedang/"}')).toEqual({
      url: 'https://nas.local/chedang/',
    });
    expect(resolveFeedUrl({}, '{"feedUrl":"file:///Z:/chedang/"}').url).toBeNull();
    expect(resolveFeedUrl({}, '{"feedUrl":"\\\\\\\\server\\\\chedang"}').url).toBeNull();
    expect(resolveFeedUrl({}, '{nope').url).toBeNull();
    expect(resolveFeedUrl({}, '{nope')).toHaveProperty('problem');
  });
});

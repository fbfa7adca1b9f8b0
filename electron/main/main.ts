/**
 * Electron main process: start the core in a utilityProcess and show its UI in a window.
 * Thin on purpose — everything of substance lives in the core, which runs and is tested without
 * Electron; what the shell does itself lives in small modules next to this one, each tested with
 * electron mocked:
 *   core-process  the core's life: start, IPC port, restart with back-off, give up, stop
 *   core-relay    renderer calls → the core's MessagePort → results; core events → windows
 *   ipc           ipcMain handlers behind the sender check; pushes to app windows
 *   security      navigation, new windows, permissions, CSP, sender check
 *   window        the hardened window and what it shows for each core state
 *   window-state  remembered bounds, clamped to a visible display
 *   status-page   the local starting / failure page (never a blank window)
 *   menu          the Chinese application menu
 *   print         print dialog and PDF, A4 and the 241 mm continuous form
 *   updater       electron-updater: periodic checks, never a restart while busy (busy, update-ipc)
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  MessageChannelMain,
  net,
  session,
  shell,
  utilityProcess,
  type WebContents,
  webContents,
} from 'electron';
import type { CoreState } from '../../shared/api/bridge.js';
import { CH } from '../preload/channels.js';
import { BusyRegistry, coreUploading } from './busy.js';
import { type CoreChild, CoreSupervisor } from './core-process.js';
import { CoreRelay } from './core-relay.js';
import { registerIpc, sendToApp } from './ipc.js';
import { buildMenuTemplate } from './menu.js';
import { forwardOnline } from './network.js';
import { SafeStorageSecretStore, serveSecrets } from './secret-store.js';
import { AppOrigin, guardSession, guardWebContents, isExternalUrl } from './security.js';
import { statusPageUrl } from './status-page.js';
import { registerUpdateIpc } from './update-ipc.js';
import { type AppUpdaterLike, AutoUpdate, resolveFeedUrl } from './updater.js';
import { createMainWindow, keepVisible, pageFor } from './window.js';
import { WINDOW_STATE_FILE } from './window-state.js';

const dataDir = (): string => process.env.CHEDANG_DATA_DIR ?? path.join(app.getPath('userData'), 'data');

/**
 * The core asks this process for platform passwords (`--secrets parent`): only here is safeStorage.
 * A packaged app never starts the demo archive on its own (`--no-demo`): a shop must not upload to it
 * by accident.
 */
const coreArgs = (port: number): string[] => [
  '--port',
  String(port),
  '--secrets',
  'parent',
  ...(app.isPackaged ? ['--no-demo'] : []),
];

const openExternal = async (url: string): Promise<void> => {
  if (isExternalUrl(url)) await shell.openExternal(url);
};

function spawnCore(port: number): CoreChild {
  const child = utilityProcess.fork(path.join(__dirname, '..', 'core', 'serve.js'), coreArgs(port), {
    serviceName: 'chedang-core',
    // stderr is kept (its end goes on the failure page) and still echoed.
    stdio: ['ignore', 'inherit', 'pipe'],
    env: { ...process.env, CHEDANG_DATA_DIR: dataDir() },
  });
  child.stderr?.pipe(process.stderr);
  serveSecrets(child, new SafeStorageSecretStore(app.getPath('userData'), (m) => console.error(m)));
  const stopForwarding = forwardOnline(child, () => net.isOnline());
  child.on('exit', stopForwarding);
  return child;
}

/** electron-updater, loaded on the first check only (a packaged app, some minutes after start). */
const loadUpdater = (): AppUpdaterLike => (require('electron-updater') as { autoUpdater: AppUpdaterLike }).autoUpdater;

const readUpdateJson = (): string | null => {
  try {
    return fs.readFileSync(path.join(app.getPath('userData'), 'update.json'), 'utf8');
  } catch {
    return null;
  }
};

function startUpdates(busy: BusyRegistry, relay: CoreRelay, appContents: () => WebContents[]): AutoUpdate {
  const log = (m: string) => console.error(m);
  const feed = resolveFeedUrl(process.env, readUpdateJson());
  if ('problem' in feed && feed.problem) log(`更新地址被忽略 / update feed override ignored: ${feed.problem}`);
  const updates = new AutoUpdate({
    updater: loadUpdater,
    isPackaged: app.isPackaged,
    isOnline: () => net.isOnline(),
    localBusy: () => busy.localReasons(),
    onBusyChange: (l) => busy.onChange(l),
    uploading: () => coreUploading((m, i) => relay.call(m, i)),
    publish: (s) => sendToApp(appContents(), origin, CH.update, s),
    feedUrl: feed.url,
    log,
  });
  updates.start();
  return updates;
}

/** The app's origin (the core's HTTP host), shared by the session, navigation and IPC rules. */
const origin = new AppOrigin();

function start(): void {
  let win: BrowserWindow | null = null;
  const appContents = () => webContents.getAllWebContents();

  const relay = new CoreRelay((e) => sendToApp(appContents(), origin, CH.event, e));
  const supervisor: CoreSupervisor = new CoreSupervisor({
    spawn: spawnCore,
    createChannel: () => new MessageChannelMain(),
    relay,
    onState: (s) => onCoreState(s),
  });
  const statusInfo = () => ({ dataDir: dataDir(), details: supervisor.output });

  function onCoreState(s: CoreState): void {
    if (s.state === 'ready' && supervisor.url) origin.set(supervisor.url);
    sendToApp(appContents(), origin, CH.coreState, s);
    if (!win || win.isDestroyed()) return;
    const next = pageFor(win.webContents.getURL(), s, supervisor.url, origin, statusInfo());
    if (next) win.loadURL(next).catch(() => {});
  }

  guardSession(session.defaultSession, origin);
  // Settles in flight are seen here on their way to the core; they hold back an update's restart.
  const busy = new BusyRegistry();
  const trackedRelay = { call: (m: string, i: unknown) => busy.track(m, () => relay.call(m, i)) };
  registerIpc(ipcMain, { origin, relay: trackedRelay, coreState: () => supervisor.state, openExternal });
  const updates = startUpdates(busy, relay, appContents);
  registerUpdateIpc(ipcMain, { origin, busy, status: () => updates.status, install: () => updates.install() });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        dev: !app.isPackaged,
        sendShortcut: ({ keyCode, modifiers }) => {
          const wc = BrowserWindow.getFocusedWindow()?.webContents;
          if (!wc || !origin.has(wc.getURL())) return;
          wc.sendInputEvent({ type: 'keyDown', keyCode, modifiers });
          wc.sendInputEvent({ type: 'keyUp', keyCode, modifiers });
        },
        openDataFolder: () => void shell.openPath(dataDir()),
        showAbout: () =>
          void dialog.showMessageBox({
            type: 'info',
            title: '关于车档',
            message: `车档 Chedang ${app.getVersion()}`,
            detail: `汽车维修企业前台管理\n数据文件夹：${dataDir()}`,
          }),
      }),
    ),
  );

  win = createMainWindow({
    preload: path.join(__dirname, 'preload.cjs'),
    version: app.getVersion(),
    stateFile: path.join(app.getPath('userData'), WINDOW_STATE_FILE),
    devTools: !app.isPackaged,
  });
  // If the app's page fails to load while the core is up, show the status page and try again soon.
  keepVisible(win.webContents, () => {
    const s = supervisor.state;
    if (s.state !== 'ready') return statusPageUrl(s, statusInfo());
    setTimeout(() => {
      if (win && !win.isDestroyed() && supervisor.url && supervisor.state.state === 'ready')
        win.loadURL(supervisor.url).catch(() => {});
    }, 2_000);
    return statusPageUrl({ state: 'starting' }, statusInfo());
  });
  win.on('closed', () => {
    win = null;
  });
  onCoreState(supervisor.state);
  supervisor.start();

  // Quit: let the core close its database cleanly first (it is killed if it takes too long).
  let stopping = false;
  let stopped = false;
  app.on('before-quit', (e) => {
    if (stopped) return;
    e.preventDefault();
    if (stopping) return;
    stopping = true;
    supervisor.stop().finally(() => {
      stopped = true;
      app.quit();
    });
  });
}

if (!app.requestSingleInstanceLock()) {
  // Another Chedang is running on this PC: it has the database; it brings its window forward.
  app.quit();
} else {
  app.on('second-instance', () => {
    const w = BrowserWindow.getAllWindows()[0];
    if (!w) return;
    if (w.isMinimized()) w.restore();
    w.show();
    w.focus();
  });
  // Every webContents (windows, DevTools) gets the navigation and new-window rules.
  app.on('web-contents-created', (_e, wc) => guardWebContents(wc, origin, openExternal));
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start);
}

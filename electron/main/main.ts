/**
 * Electron main process: start the core in a utilityProcess and show its UI in a window.
 * Thin on purpose — everything of substance lives in the core, which runs and is tested without
 * Electron.
 */
import path from 'node:path';
import { app, BrowserWindow, net, utilityProcess } from 'electron';
import { forwardOnline } from './network.js';
import { SafeStorageSecretStore, serveSecrets } from './secret-store.js';

/**
 * The core asks this process for platform passwords (`--secrets parent`): only here is safeStorage.
 * A packaged app never starts the demo archive on its own (`--no-demo`): a shop must not upload to it
 * by accident.
 */
const coreArgs = (): string[] => ['--port', '0', '--secrets', 'parent', ...(app.isPackaged ? ['--no-demo'] : [])];

const startCore = (): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = utilityProcess.fork(path.join(__dirname, '..', 'core', 'serve.js'), coreArgs(), {
      serviceName: 'chedang-core',
      env: {
        ...process.env,
        CHEDANG_DATA_DIR: process.env.CHEDANG_DATA_DIR ?? path.join(app.getPath('userData'), 'data'),
      },
    });
    serveSecrets(child, new SafeStorageSecretStore(app.getPath('userData'), (m) => console.error(m)));
    const stopForwarding = forwardOnline(child, () => net.isOnline());
    child.on('message', (m: { type?: string; url?: string }) => {
      if (m?.type === 'ready' && m.url) resolve(m.url);
    });
    child.on('exit', (code) => {
      stopForwarding();
      reject(new Error(`core exited with code ${code}`));
    });
  });

app.whenReady().then(async () => {
  const url = await startCore();
  const win = new BrowserWindow({
    width: 1366,
    height: 768,
    title: '车档 Chedang',
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  await win.loadURL(url);
});

app.on('window-all-closed', () => app.quit());

/**
 * The main window: hardened web preferences, remembered bounds, and what it shows for each state of
 * the core — the app once the core is ready, a local status page before that and after a failure.
 */
import { BrowserWindow, type BrowserWindowConstructorOptions, screen } from 'electron';
import type { CoreState } from '../../shared/api/bridge.js';
import { VERSION_ARG } from '../preload/channels.js';
import type { AppOrigin } from './security.js';
import { type StatusPageInfo, statusPageUrl } from './status-page.js';
import { MIN_SIZE, readWindowState, restoreBounds, trackWindowState } from './window-state.js';

export interface MainWindowOptions {
  preload: string;
  version: string;
  stateFile: string;
  /** DevTools only in development: the front desk has no use for them. */
  devTools: boolean;
}

export const webPreferences = (o: MainWindowOptions): BrowserWindowConstructorOptions['webPreferences'] => ({
  preload: o.preload,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  devTools: o.devTools,
  additionalArguments: [`${VERSION_ARG}${o.version}`],
});

export function createMainWindow(o: MainWindowOptions): BrowserWindow {
  const bounds = restoreBounds(readWindowState(o.stateFile), screen);
  const win = new BrowserWindow({
    ...(bounds.x !== undefined && bounds.y !== undefined ? { x: bounds.x, y: bounds.y } : {}),
    width: bounds.width,
    height: bounds.height,
    minWidth: Math.min(MIN_SIZE.width, bounds.width),
    minHeight: Math.min(MIN_SIZE.height, bounds.height),
    show: false,
    title: '车档 Chedang',
    backgroundColor: '#f5f7fa',
    webPreferences: webPreferences(o),
  });
  trackWindowState(win, o.stateFile);
  win.once('ready-to-show', () => {
    if (bounds.maximized) win.maximize();
    win.show();
  });
  return win;
}

/**
 * What the window should load when the core's state changes, or null to leave it as it is:
 *  - ready: the app, unless it already shows it (after a restart on the same port the renderer,
 *    with whatever is on screen, carries on);
 *  - starting / restarting: the status page, unless the app is on screen (it shows the state
 *    itself through `onCoreState`);
 *  - failed: the failure page, always.
 */
export function pageFor(
  currentUrl: string,
  s: CoreState,
  appUrl: string | null,
  origin: AppOrigin,
  info: StatusPageInfo,
): string | null {
  if (s.state === 'ready') return appUrl && !origin.has(currentUrl) ? appUrl : null;
  if (s.state === 'failed') return statusPageUrl(s, info);
  return origin.has(currentUrl) ? null : statusPageUrl(s, info);
}

/** The part of WebContents used to keep something on screen. */
export interface WatchedContents {
  on(
    event: 'did-fail-load',
    listener: (e: unknown, code: number, description: string, url: string, isMainFrame: boolean) => void,
  ): unknown;
  on(event: 'render-process-gone', listener: (e: unknown, details: { reason: string }) => void): unknown;
  loadURL(url: string): Promise<void>;
  reload(): void;
}

/** ERR_ABORTED: a load replaced by another (ours), not a failure. */
const ERR_ABORTED = -3;

/**
 * Never a blank window: if the app's page fails to load (the core went away mid-load) show the
 * status page instead, and reload a renderer that crashed.
 */
export function keepVisible(wc: WatchedContents, fallbackUrl: () => string, now: () => number = Date.now): void {
  wc.on('did-fail-load', (_e, code, _description, _url, isMainFrame) => {
    if (isMainFrame && code !== ERR_ABORTED) wc.loadURL(fallbackUrl()).catch(() => {});
  });
  // A renderer that crashes again right after a reload is not reloaded in a loop.
  let lastCrash = -Infinity;
  wc.on('render-process-gone', (_e, details) => {
    if (details.reason === 'clean-exit') return;
    const t = now();
    if (t - lastCrash >= RELOAD_GAP_MS) wc.reload();
    lastCrash = t;
  });
}

const RELOAD_GAP_MS = 10_000;

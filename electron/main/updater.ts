/**
 * Automatic updates (electron-updater, a generic feed: latest.yml + the installer). A thin wrapper
 * with the updater object and the world injected, so it is tested without Electron
 * (updater.test.ts drives the real electron-updater against a local feed). The rules
 * (docs/installer-and-updates.md):
 *
 *  - Only a packaged app checks, and only when the machine is online: shortly after start, then
 *    every 4 h ± 30 min (the jitter spreads a chain's shops over time instead of all at 9:00).
 *  - Downloads happen in the background. The app NEVER restarts by itself: a downloaded update is
 *    offered to the page (a non-modal prompt) and otherwise installed when the app quits.
 *  - "Restart now" is refused while anything is busy — unsaved order edits, a settle in flight, an
 *    upload in progress (busy.ts). The update then waits for the next quit.
 *  - Errors (no feed, feed down, garbage feed, bad checksum) are logged, never shown: a front desk
 *    cannot act on them, and the next check tries again.
 *  - The feed is the one built in (resources/app-update.yml) unless overridden for a shop's LAN
 *    (`CHEDANG_UPDATE_URL`, or `feedUrl` in update.json in the user-data folder): http(s) only,
 *    electron-updater cannot read file:// or \\share paths.
 */
import type { BusyReason, InstallResult, UpdateStatus } from '../../shared/api/bridge.js';

/** The part of electron-updater's AppUpdater (NsisUpdater on Windows) used here. */
export interface AppUpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  logger: { info(m: unknown): void; warn(m: unknown): void; error(m: unknown): void } | null;
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdates(): Promise<{ downloadPromise?: Promise<unknown> | null } | null>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
}

export interface AutoUpdateOptions {
  /** Created on the first check, so an unpackaged app (and most tests) never loads it. */
  updater(): AppUpdaterLike;
  isPackaged: boolean;
  isOnline(): boolean;
  /** What the shell knows is busy now (busy.ts), and a signal when that changes. */
  localBusy(): BusyReason[];
  onBusyChange(listener: () => void): () => void;
  /** Whether the core is sending records now (busy.ts: coreUploading). */
  uploading(): Promise<boolean>;
  /** Push a status to the app's windows. */
  publish(s: UpdateStatus): void;
  /** A LAN feed overriding the built-in one (see resolveFeedUrl), or null. */
  feedUrl: string | null;
  log(m: string): void;
  firstCheckDelayMs?: number;
  intervalMs?: number;
  jitterMs?: number;
  /** After an offline skip, look again this much sooner than the next regular check. */
  offlineRetryMs?: number;
  random?: () => number;
}

export const UPDATE_TIMING = {
  firstCheckDelayMs: 2 * 60_000,
  intervalMs: 4 * 60 * 60_000,
  jitterMs: 30 * 60_000,
  offlineRetryMs: 10 * 60_000,
} as const;

/** The next check's delay: interval ± jitter, `random` in [0, 1). */
export const nextDelay = (intervalMs: number, jitterMs: number, random: () => number): number =>
  Math.round(intervalMs + (random() * 2 - 1) * jitterMs);

export class AutoUpdate {
  private u: AppUpdaterLike | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private readyVersion: string | null = null;
  private offBusy: (() => void) | null = null;
  private readonly t: Required<Pick<AutoUpdateOptions, keyof typeof UPDATE_TIMING | 'random'>>;

  constructor(private readonly o: AutoUpdateOptions) {
    this.t = {
      firstCheckDelayMs: o.firstCheckDelayMs ?? UPDATE_TIMING.firstCheckDelayMs,
      intervalMs: o.intervalMs ?? UPDATE_TIMING.intervalMs,
      jitterMs: o.jitterMs ?? UPDATE_TIMING.jitterMs,
      offlineRetryMs: o.offlineRetryMs ?? UPDATE_TIMING.offlineRetryMs,
      random: o.random ?? Math.random,
    };
  }

  /** Schedule the checks (a no-op when not packaged: development builds have no feed). */
  start(): void {
    if (!this.o.isPackaged) {
      this.o.log('自动更新未启用（开发环境） / auto-update off: the app is not packaged');
      return;
    }
    this.schedule(this.t.firstCheckDelayMs);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.offBusy?.();
  }

  /** What the page shows: a downloaded update and what keeps it from restarting now. */
  get status(): UpdateStatus {
    return this.readyVersion
      ? { state: 'ready', version: this.readyVersion, busy: this.o.localBusy() }
      : { state: 'none' };
  }

  /** One check now (the timer's job; exposed for tests and a future "check now" menu item). */
  async check(): Promise<void> {
    if (this.stopped) return;
    if (!this.o.isOnline()) {
      this.o.log('离线，跳过更新检查 / offline: update check skipped');
      this.schedule(Math.min(this.t.offlineRetryMs, this.t.intervalMs));
      return;
    }
    try {
      const result = await this.updater().checkForUpdates();
      // The download runs on after the check; its failure must not become an unhandled rejection
      // (which Electron would show as an error dialog). It is also reported through 'error'.
      result?.downloadPromise?.catch(() => {});
      await result?.downloadPromise?.catch(() => {});
    } catch (e) {
      this.o.log(`更新检查失败 / update check failed: ${errorText(e).slice(0, LOG_CHARS)}`);
    }
    this.schedule(nextDelay(this.t.intervalMs, this.t.jitterMs, this.t.random));
  }

  /**
   * "Restart and update now", from the page's prompt. Refused while anything is busy; the update
   * stays downloaded and is installed when the app quits.
   */
  async install(): Promise<InstallResult> {
    if (!this.readyVersion || !this.u) return { ok: false, busy: [] };
    const busy = [...this.o.localBusy()];
    if (await this.o.uploading().catch(() => true)) busy.push('uploading');
    if (busy.length > 0) {
      this.o.log(`暂不安装更新：${busy.join(', ')} / update deferred while busy`);
      return { ok: false, busy };
    }
    // Silent (the installer keeps the chosen folder and shortcuts) and relaunch afterwards. The app's
    // own quit path stops the core cleanly before the installer replaces its files.
    this.u.quitAndInstall(true, true);
    return { ok: true };
  }

  private updater(): AppUpdaterLike {
    if (this.u) return this.u;
    const u = this.o.updater();
    u.autoDownload = true;
    // The safe default whatever happens: a downloaded update goes in when the app quits normally.
    u.autoInstallOnAppQuit = true;
    const log = (m: unknown) => this.o.log(`[更新 / updater] ${errorText(m).slice(0, LOG_CHARS)}`);
    u.logger = { info: log, warn: log, error: log };
    if (this.o.feedUrl) u.setFeedURL({ provider: 'generic', url: this.o.feedUrl });
    // Errors also arrive as 'error' events, which electron-updater itself sends to the logger above.
    u.on('update-downloaded', (info) => {
      this.readyVersion = info.version;
      this.o.log(`新版本 ${info.version} 已下载，退出时安装 / update ${info.version} downloaded`);
      this.o.publish(this.status);
    });
    // While an update waits, every change of the busy state changes what the prompt may offer.
    this.offBusy = this.o.onBusyChange(() => {
      if (this.readyVersion) this.o.publish(this.status);
    });
    this.u = u;
    return u;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.check(), ms);
    this.timer.unref?.();
  }
}

/** electron-updater logs whole stacks and HTTP headers; a line in the log is enough. */
const LOG_CHARS = 1_500;

const errorText = (e: unknown): string =>
  e instanceof Error
    ? `${e.message}${(e as { code?: string }).code ? ` (${(e as { code?: string }).code})` : ''}`
    : String(e);

export type FeedOverride = { url: string } | { url: null; problem?: string };

/**
 * The shop's own feed, if any: `CHEDANG_UPDATE_URL`, else `feedUrl` in `<userData>/update.json`.
 * Only http(s): electron-updater fetches the feed with Chromium's network stack and cannot read
 * file:// URLs or Windows shares, so a LAN share is served over HTTP (docs/installer-and-updates.md).
 */
export function resolveFeedUrl(env: Record<string, string | undefined>, updateJson: string | null): FeedOverride {
  let raw = env.CHEDANG_UPDATE_URL?.trim() || null;
  if (!raw && updateJson) {
    try {
      const v = (JSON.parse(updateJson) as { feedUrl?: unknown }).feedUrl;
      if (typeof v === 'string' && v.trim()) raw = v.trim();
    } catch {
      return { url: null, problem: 'update.json 不是有效的 JSON / update.json is not valid JSON' };
    }
  }
  if (!raw) return { url: null };
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return { url: null, problem: `更新地址无效 / not a URL: ${raw}` };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    return {
      url: null,
      problem: `更新地址须为 http(s)，共享文件夹请经 HTTP 提供 / the feed must be http(s); serve a shared folder over HTTP: ${raw}`,
    };
  if (!u.pathname.endsWith('/')) u.pathname += '/';
  return { url: u.toString() };
}

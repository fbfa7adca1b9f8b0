/**
 * The core's life in its utilityProcess: start it, hand it the IPC port once it is ready, restart it
 * when it dies, and stop it cleanly on quit.
 *
 *   starting ──ready──▶ ready ──exit──▶ restarting ──ready──▶ ready …
 *       │                                   │
 *       └── startup-error / too many quick failures ──▶ failed (no more restarts)
 *
 * Restarts back off (0.5 s, 1 s, 2 s … capped) and stop after a few failures in a row that each
 * came soon after a start: a core that cannot stay up for a minute is not helped by more tries, and
 * the window says so instead of flickering. A startup error (data folder unwritable, database newer
 * than the app, failed migration) is final at once: retrying cannot fix it.
 *
 * After a restart the core is asked for the port it had, so the window's origin (and the renderer
 * with whatever is on screen) survives; if that port is taken, the next try takes any free port.
 */

import type { CoreState } from '../../shared/api/bridge.js';
import type { Bilingual } from '../../shared/domain/issue.js';
import type { IpcPort } from '../core/ipc.js';

export interface RestartPolicyOptions {
  baseDelayMs: number;
  maxDelayMs: number;
  /** A core that ran at least this long before dying counts as stable: the failure count resets. */
  stableMs: number;
  /** Give up at this many quick failures in a row (the first start included). */
  maxQuickFailures: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicyOptions = {
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  stableMs: 60_000,
  maxQuickFailures: 5,
};

export type RestartDecision = { restart: true; delayMs: number } | { restart: false };

export class RestartPolicy {
  private quickFailures = 0;
  constructor(private readonly o: RestartPolicyOptions = DEFAULT_RESTART_POLICY) {}

  /** What to do after a core that ran for `uptimeMs` died. */
  onExit(uptimeMs: number): RestartDecision {
    if (uptimeMs >= this.o.stableMs) this.quickFailures = 0;
    this.quickFailures++;
    if (this.quickFailures >= this.o.maxQuickFailures) return { restart: false };
    return { restart: true, delayMs: Math.min(this.o.baseDelayMs * 2 ** (this.quickFailures - 1), this.o.maxDelayMs) };
  }
}

/** The part of Electron's UtilityProcess used here. */
export interface CoreChild {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  postMessage(message: unknown, transfer?: unknown[]): void;
  kill(): boolean;
  readonly stderr?: NodeJS.ReadableStream | null;
}

export interface SupervisorOptions {
  /** Fork the core, listening on `port` (0: any free port). */
  spawn(port: number): CoreChild;
  /** A new MessageChannelMain: port1 stays here, port2 goes to the core. */
  createChannel(): { port1: IpcPort; port2: unknown };
  relay: { attach(port: IpcPort): void; detach(failed?: boolean): void };
  onState(state: CoreState): void;
  policy?: RestartPolicy;
  now?: () => number;
  log?: (m: string) => void;
}

export const GAVE_UP: Pick<CoreState, 'message' | 'action'> = {
  message: {
    zh: '车档核心服务接连意外退出，已停止自动重启。',
    en: 'The Chedang core stopped unexpectedly several times in a row; automatic restarts have stopped.',
  },
  action: {
    zh: '请关闭并重新打开车档。若问题依旧，请联系技术支持，并提供下面的详细信息和数据文件夹位置。',
    en: 'Close and reopen Chedang. If it happens again, contact support with the details below and the data folder location.',
  },
};

const isBilingual = (x: unknown): x is Bilingual =>
  typeof x === 'object' &&
  x !== null &&
  typeof (x as Bilingual).zh === 'string' &&
  typeof (x as Bilingual).en === 'string';

const portOf = (url: string): number => {
  try {
    return Number(new URL(url).port) || 0;
  } catch {
    return 0;
  }
};

/** How much of the core's stderr to keep for the failure page. */
const TAIL_CHARS = 4_000;

export class CoreSupervisor {
  private child: CoreChild | null = null;
  private current: CoreState = { state: 'starting' };
  private coreUrl: string | null = null;
  private pinnedPort = 0;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private stopping = false;
  private tail = '';
  private readonly policy: RestartPolicy;
  private readonly now: () => number;

  constructor(private readonly o: SupervisorOptions) {
    this.policy = o.policy ?? new RestartPolicy();
    this.now = o.now ?? Date.now;
  }

  get state(): CoreState {
    return this.current;
  }

  /** The core's HTTP address (the window's origin), once it has been ready. */
  get url(): string | null {
    return this.coreUrl;
  }

  /** The end of the core's error output, for the failure page. */
  get output(): string {
    return this.tail;
  }

  start(): void {
    this.launch(0);
  }

  /** Ask the core to close its database and exit; kill it if it has not after `timeoutMs`. */
  stop(timeoutMs = 5_000): Promise<void> {
    this.stopping = true;
    clearTimeout(this.restartTimer);
    const child = this.child;
    if (!child) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        child.kill();
        resolve();
      }, timeoutMs);
      child.on('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      try {
        child.postMessage({ type: 'shutdown' });
      } catch {
        child.kill();
      }
    });
  }

  private setState(s: CoreState): void {
    this.current = s;
    this.o.onState(s);
  }

  private launch(port: number): void {
    const startedAt = this.now();
    let ready = false;
    let startupError: Pick<CoreState, 'message' | 'action'> | null = null;
    let child: CoreChild;
    try {
      child = this.o.spawn(port);
    } catch (e) {
      this.log(`车档核心无法启动 / cannot fork the core: ${(e as Error).message}`);
      this.appendOutput(`${(e as Error).stack ?? e}\n`);
      this.afterExit(startedAt, false);
      return;
    }
    this.child = child;
    child.stderr?.on('data', (chunk: Buffer | string) => this.appendOutput(String(chunk)));
    child.on('message', (m) => {
      const msg = (typeof m === 'object' && m !== null ? m : {}) as {
        type?: unknown;
        url?: unknown;
        message?: unknown;
        action?: unknown;
      };
      if (msg.type === 'ready' && typeof msg.url === 'string' && !ready) {
        ready = true;
        this.coreUrl = msg.url;
        this.pinnedPort = portOf(msg.url);
        const { port1, port2 } = this.o.createChannel();
        this.o.relay.attach(port1);
        child.postMessage({ type: 'port' }, [port2]);
        this.setState({ state: 'ready' });
      } else if (msg.type === 'startup-error' && isBilingual(msg.message) && isBilingual(msg.action)) {
        startupError = { message: msg.message, action: msg.action };
      }
    });
    child.on('exit', (code) => {
      if (this.child === child) this.child = null;
      if (this.stopping) return this.o.relay.detach(true);
      this.log(`车档核心已退出 / the core exited with code ${code}`);
      if (startupError) {
        this.o.relay.detach(true);
        this.setState({ state: 'failed', ...startupError });
        return;
      }
      this.afterExit(startedAt, ready);
    });
  }

  private afterExit(startedAt: number, wasReady: boolean): void {
    const decision = this.policy.onExit(this.now() - startedAt);
    if (!decision.restart) {
      this.o.relay.detach(true);
      this.setState({ state: 'failed', ...GAVE_UP });
      return;
    }
    this.o.relay.detach(false);
    this.setState({ state: 'restarting' });
    // The port it had, unless this very try failed before it was ready (perhaps the port is taken).
    const port = wasReady ? this.pinnedPort : 0;
    this.restartTimer = setTimeout(() => {
      if (!this.stopping) this.launch(port);
    }, decision.delayMs);
  }

  private appendOutput(s: string): void {
    this.tail = (this.tail + s).slice(-TAIL_CHARS);
  }

  private log(m: string): void {
    (this.o.log ?? ((x: string) => console.error(x)))(m);
  }
}

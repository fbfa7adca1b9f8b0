/**
 * Main's end of the MessagePort to the core (protocol: electron/core/ipc.ts). The renderer's calls
 * arrive here from ipcMain and go to whichever core process is current; results come back by id,
 * events go to `onEvent` (which sends them to every window).
 *
 * While the core is (re)starting, calls wait for it (up to `waitMs`); when it has failed for good
 * they are answered at once. A call in flight when the core dies is answered with an error that
 * says the change may or may not have been saved: the renderer must not assume either.
 */
import type { BridgeEvent, BridgeResult } from '../../shared/api/bridge.js';
import { type IpcCall, type IpcPort, messageData } from '../core/ipc.js';

const unreachable = (zh: string, en: string): BridgeResult => ({
  ok: false,
  status: 503,
  error: { code: 'unreachable', message: { zh, en }, fields: [] },
});

export const LOST_IN_FLIGHT = unreachable(
  '核心服务在处理请求时意外退出，此操作可能已保存也可能未保存；请刷新后核对再重试',
  'The core stopped while handling this request; it may or may not have been saved. Refresh and check before retrying',
);
export const CORE_FAILED = unreachable(
  '核心服务未能启动，请按窗口中的提示处理后重新打开车档',
  'The core could not start; follow the instructions in the window, then reopen Chedang',
);
export const CORE_TIMEOUT = unreachable(
  '核心服务正在重启，请稍后重试',
  'The core is restarting; try again in a moment',
);

interface Waiting {
  send(): void;
  fail(r: BridgeResult): void;
}

export class CoreRelay {
  private port: IpcPort | null = null;
  private failed = false;
  private nextId = 1;
  private readonly pending = new Map<number, (r: BridgeResult) => void>();
  private readonly waiting = new Set<Waiting>();

  constructor(
    private readonly onEvent: (e: BridgeEvent) => void,
    private readonly waitMs = 30_000,
  ) {}

  /** Start relaying to a freshly started core; calls waiting for it go out now. */
  attach(port: IpcPort): void {
    this.detach();
    this.failed = false;
    this.port = port;
    port.on('message', (raw) => {
      if (this.port !== port) return;
      this.receive(messageData(raw));
    });
    port.start?.();
    for (const w of [...this.waiting]) w.send();
  }

  /**
   * The core is gone. Calls in flight are answered with LOST_IN_FLIGHT; new calls wait for the next
   * core, or, with `failed`, are refused at once (as are those already waiting).
   */
  detach(failed = false): void {
    const port = this.port;
    this.port = null;
    try {
      port?.close?.();
    } catch {
      // Already closed with its process.
    }
    for (const resolve of this.pending.values()) resolve(LOST_IN_FLIGHT);
    this.pending.clear();
    if (failed) {
      this.failed = true;
      for (const w of [...this.waiting]) w.fail(CORE_FAILED);
    }
  }

  get connected(): boolean {
    return this.port !== null;
  }

  call(method: string, input: unknown): Promise<BridgeResult> {
    if (this.failed) return Promise.resolve(CORE_FAILED);
    return new Promise((resolve) => {
      if (this.port) return this.send(method, input, resolve);
      let timer: ReturnType<typeof setTimeout> | undefined;
      const w: Waiting = {
        send: () => {
          this.waiting.delete(w);
          clearTimeout(timer);
          if (this.port) this.send(method, input, resolve);
          else resolve(CORE_TIMEOUT);
        },
        fail: (r) => {
          this.waiting.delete(w);
          clearTimeout(timer);
          resolve(r);
        },
      };
      timer = setTimeout(() => w.fail(CORE_TIMEOUT), this.waitMs);
      this.waiting.add(w);
    });
  }

  private send(method: string, input: unknown, resolve: (r: BridgeResult) => void): void {
    const id = this.nextId++;
    this.pending.set(id, resolve);
    const m: IpcCall = { type: 'call', id, method, input };
    try {
      this.port!.postMessage(m);
    } catch (e) {
      // Input that cannot be cloned: the caller's mistake, said like the HTTP host would.
      this.pending.delete(id);
      resolve({
        ok: false,
        status: 400,
        error: {
          code: 'invalid_input',
          message: { zh: '请求参数无法传送', en: `The input cannot be sent (${(e as Error).message})` },
          fields: [],
        },
      });
    }
  }

  private receive(m: unknown): void {
    if (typeof m !== 'object' || m === null) return;
    const r = m as { type?: unknown; id?: unknown; result?: unknown; event?: unknown };
    if (r.type === 'result' && typeof r.id === 'number') {
      const resolve = this.pending.get(r.id);
      this.pending.delete(r.id);
      resolve?.(r.result as BridgeResult);
    } else if (r.type === 'event' && r.event) {
      this.onEvent(r.event as BridgeEvent);
    }
  }
}

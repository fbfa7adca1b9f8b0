/**
 * How the renderer reaches the core: IPC inside Electron (window.chedang), HTTP plus the server-sent
 * event stream in a browser. Screens never see which one they use (architecture.md: one contract,
 * two transports).
 */
import type { BridgeEvent, BridgeResult, ChedangBridge } from '../../shared/api/bridge.js';
import { currentToken } from './session.js';

export interface Transport {
  readonly kind: 'ipc' | 'http';
  call(method: string, input: unknown): Promise<BridgeResult>;
  /** Pushes from the core; returns an unsubscribe function. */
  subscribe(listener: (e: BridgeEvent) => void): () => void;
}

export class IpcTransport implements Transport {
  readonly kind = 'ipc' as const;
  constructor(private readonly bridge: ChedangBridge) {}
  call(method: string, input: unknown): Promise<BridgeResult> {
    return this.bridge.call(method, input);
  }
  subscribe(listener: (e: BridgeEvent) => void): () => void {
    return this.bridge.onEvent(listener);
  }
}

const networkError = (e: unknown): BridgeResult => ({
  ok: false,
  status: 0,
  error: {
    code: 'unreachable',
    message: {
      zh: '无法连接车档核心服务，请检查它是否在运行',
      en: `Cannot reach the Chedang core; check that it is running (${String(e)})`,
    },
    fields: [],
  },
});

export class HttpTransport implements Transport {
  readonly kind = 'http' as const;
  private source: EventSource | null = null;
  private readonly listeners = new Set<(e: BridgeEvent) => void>();

  constructor(private readonly base = '') {}

  async call(method: string, input: unknown): Promise<BridgeResult> {
    let res: Response;
    try {
      const token = currentToken();
      res = await fetch(`${this.base}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(input ?? {}),
      });
    } catch (e) {
      return networkError(e);
    }
    const body = await res.json().catch(() => null);
    if (res.ok) return { ok: true, value: body };
    if (body && typeof body === 'object' && 'error' in body)
      return { ok: false, status: res.status, error: body.error };
    return networkError(`HTTP ${res.status}`);
  }

  subscribe(listener: (e: BridgeEvent) => void): () => void {
    this.listeners.add(listener);
    if (!this.source && !this.opening) void this.open();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.source?.close();
        this.source = null;
        clearTimeout(this.retry);
      }
    };
  }

  private opening = false;
  private retry: ReturnType<typeof setTimeout> | undefined;

  /**
   * EventSource cannot send an Authorization header: with a token, the stream opens with a one-use
   * ticket from `auth.eventsTicket`, and a refused or dropped stream is reopened with a fresh one.
   * Without a token (single-user desk on this PC) the plain stream reconnects by itself.
   */
  private async open(): Promise<void> {
    this.opening = true;
    let url = `${this.base}/api/events`;
    if (currentToken()) {
      const r = await this.call('auth.eventsTicket', {});
      if (r.ok) url += `?ticket=${encodeURIComponent((r.value as { ticket: string }).ticket)}`;
    }
    this.opening = false;
    if (this.listeners.size === 0) return;
    const source = new EventSource(url);
    this.source = source;
    source.addEventListener('changed', (m) => {
      const e = JSON.parse((m as MessageEvent<string>).data) as BridgeEvent;
      for (const l of this.listeners) l(e);
    });
    source.addEventListener('error', () => {
      // A ticket works once: after a drop, ask for a new one instead of letting EventSource retry it.
      if (url.includes('?ticket=') || source.readyState === EventSource.CLOSED) {
        source.close();
        if (this.source === source) this.source = null;
        clearTimeout(this.retry);
        this.retry = setTimeout(() => {
          if (this.listeners.size > 0 && !this.source && !this.opening) void this.open();
        }, 3000);
      }
    });
  }

  /** After sign-in, sign-out or pairing: the stream reopens with the new credentials. */
  reconnect(): void {
    this.source?.close();
    this.source = null;
    if (this.listeners.size > 0 && !this.opening) void this.open();
  }
}

declare global {
  interface Window {
    chedang?: ChedangBridge;
  }
}

export const pickTransport = (): Transport =>
  typeof window !== 'undefined' && window.chedang ? new IpcTransport(window.chedang) : new HttpTransport();

/**
 * How the renderer reaches the core: IPC inside Electron (window.chedang), HTTP plus the server-sent
 * event stream in a browser. Screens never see which one they use (architecture.md: one contract,
 * two transports).
 */
import type { BridgeEvent, BridgeResult, ChedangBridge } from '../../shared/api/bridge.js';

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
      res = await fetch(`${this.base}/api/${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
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
    if (!this.source) {
      // EventSource reconnects by itself after the core restarts.
      this.source = new EventSource(`${this.base}/api/events`);
      this.source.addEventListener('changed', (m) => {
        const e = JSON.parse((m as MessageEvent<string>).data) as BridgeEvent;
        for (const l of this.listeners) l(e);
      });
    }
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) {
        this.source?.close();
        this.source = null;
      }
    };
  }
}

declare global {
  interface Window {
    chedang?: ChedangBridge;
  }
}

export const pickTransport = (): Transport =>
  typeof window !== 'undefined' && window.chedang ? new IpcTransport(window.chedang) : new HttpTransport();

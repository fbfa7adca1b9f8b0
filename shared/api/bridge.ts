/**
 * The one object the Electron preload puts into the page, `window.chedang` — the renderer's IPC
 * transport and the few things only the shell can do (printing). In a browser it is absent and the
 * renderer uses HTTP; nothing else in the UI may tell the two apart.
 */
import type { ApiErrorBody } from './errors.js';

export type BridgeResult = { ok: true; value: unknown } | { ok: false; status: number; error: ApiErrorBody };

/** A push from the core ("work orders changed"), the same as the HTTP event stream's `changed`. */
export interface BridgeEvent {
  type: 'changed';
  topics: string[];
  method: string;
  at: number;
}

/** The core is (re)starting or has failed to start; the window shows this instead of going blank. */
export interface CoreState {
  state: 'starting' | 'ready' | 'restarting' | 'failed';
  /** Bilingual explanation and what to do, for `failed` (data folder unwritable, DB newer, …). */
  message?: { zh: string; en: string };
  action?: { zh: string; en: string };
}

export interface PrintOptions {
  /** 'A4' or the 241 mm continuous form of dot-matrix printers. */
  pageSize: 'A4' | '241mm';
  landscape?: boolean;
}

export interface ChedangBridge {
  readonly shell: 'electron';
  readonly version: string;
  call(method: string, input: unknown): Promise<BridgeResult>;
  /** Returns an unsubscribe function. */
  onEvent(listener: (e: BridgeEvent) => void): () => void;
  onCoreState(listener: (s: CoreState) => void): () => void;
  /** The system print dialog for the current page. */
  print(options: PrintOptions): Promise<void>;
  /** The current page as PDF bytes (the same print CSS). */
  printToPdf(options: PrintOptions): Promise<Uint8Array>;
  /** Open an http(s) link in the system browser. */
  openExternal(url: string): Promise<void>;
}

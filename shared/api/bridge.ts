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

/**
 * Why the app must not restart into an update now (docs/installer-and-updates.md). The page reports
 * `order-edits` itself; main sees `settling` (a settle call in flight) and asks the core about
 * `uploading` (records being sent).
 */
export type BusyReason = 'order-edits' | 'settling' | 'uploading';

/** A downloaded update, for a non-modal prompt; `busy` lists what keeps it from restarting now. */
export type UpdateStatus = { state: 'none' } | { state: 'ready'; version: string; busy: BusyReason[] };

/** The answer to "restart and update now": refused, with the reasons, while anything is busy. */
export type InstallResult = { ok: true } | { ok: false; busy: BusyReason[] };

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
  /** The page has (or no longer has) unsaved order-form edits: no restart into an update meanwhile. */
  setBusy(reason: 'order-edits', busy: boolean): Promise<void>;
  /** A downloaded update (the current status at once, then every change); returns unsubscribe. */
  onUpdate(listener: (s: UpdateStatus) => void): () => void;
  /** Restart into the downloaded update — refused while busy (it is then installed on quit). */
  installUpdate(): Promise<InstallResult>;
}

/**
 * ipcMain's side of window.chedang's update members (setBusy, onUpdate, installUpdate), behind the
 * same sender check as every other channel (ipc.ts). Kept apart from ipc.ts so the update wiring
 * is one removable piece.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import type { InstallResult, UpdateStatus } from '../../shared/api/bridge.js';
import { CH } from '../preload/channels.js';
import type { BusyRegistry } from './busy.js';
import { UNTRUSTED_SENDER } from './ipc.js';
import { type AppOrigin, isTrustedSender } from './security.js';

export interface UpdateIpcDeps {
  origin: AppOrigin;
  busy: BusyRegistry;
  status(): UpdateStatus;
  install(): Promise<InstallResult>;
}

/** The part of WebContents used to forget a page's flags when it goes away. */
interface Page {
  id: number;
  once(event: 'destroyed' | 'did-navigate', listener: () => void): unknown;
}

export function registerUpdateIpc(ipcMain: Pick<IpcMain, 'handle'>, d: UpdateIpcDeps): void {
  const handle = (channel: string, fn: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) =>
    ipcMain.handle(channel, (event, ...args) => {
      if (!isTrustedSender(event, d.origin)) throw new Error(UNTRUSTED_SENDER);
      return fn(event, ...args);
    });
  const watched = new Set<number>();

  handle(CH.setBusy, (e, reason, busy) => {
    if (reason !== 'order-edits' || typeof busy !== 'boolean') throw new Error('setBusy: 参数无效 / invalid arguments');
    const page = e.sender as unknown as Page;
    d.busy.setOrderEdits(page.id, busy);
    // A page that closes or reloads has lost its unsaved edits: they no longer hold an update back.
    if (!watched.has(page.id)) {
      watched.add(page.id);
      const forget = () => {
        watched.delete(page.id);
        d.busy.forgetPage(page.id);
      };
      page.once('destroyed', forget);
      page.once('did-navigate', forget);
    }
  });
  handle(CH.getUpdate, () => d.status());
  handle(CH.installUpdate, () => d.install());
}

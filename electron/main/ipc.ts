/**
 * ipcMain's side of window.chedang (channels: electron/preload/channels.ts). Every handler first
 * checks that the calling frame shows the app origin; a frame that does not (a status page, some
 * foreign page that got in anyway) gets a rejection and nothing else.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { BridgeResult, CoreState } from '../../shared/api/bridge.js';
import { CH } from '../preload/channels.js';
import { parsePrintOptions, printPage, printPageToPdf } from './print.js';
import { type AppOrigin, isExternalUrl, isTrustedSender } from './security.js';

export interface IpcDeps {
  origin: AppOrigin;
  relay: { call(method: string, input: unknown): Promise<BridgeResult> };
  coreState(): CoreState;
  openExternal(url: string): Promise<void>;
}

export const UNTRUSTED_SENDER = 'chedang: IPC refused for a frame outside the app';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, d: IpcDeps): void {
  const handle = (channel: string, fn: Handler) =>
    ipcMain.handle(channel, (event, ...args) => {
      if (!isTrustedSender(event, d.origin)) throw new Error(UNTRUSTED_SENDER);
      return fn(event, ...args);
    });

  handle(CH.call, (_e, method, input) => {
    if (typeof method !== 'string')
      return {
        ok: false,
        status: 400,
        error: { code: 'invalid_input', message: { zh: '接口名称无效', en: 'Invalid method name' }, fields: [] },
      } satisfies BridgeResult;
    return d.relay.call(method, input);
  });
  handle(CH.getCoreState, () => d.coreState());
  handle(CH.print, (e, options) => printPage(e.sender, parsePrintOptions(options)));
  handle(CH.printToPdf, (e, options) => printPageToPdf(e.sender, parsePrintOptions(options)));
  handle(CH.openExternal, (_e, url) => {
    if (!isExternalUrl(url)) throw new Error('只能打开 http(s) 链接 / Only http(s) links can be opened');
    return d.openExternal(url);
  });
}

type Target = Pick<WebContents, 'send' | 'getURL' | 'isDestroyed'>;

/** Push to every window showing the app (events and core states concern nobody else). */
export function sendToApp(targets: Iterable<Target>, origin: AppOrigin, channel: string, payload: unknown): void {
  for (const wc of targets) {
    if (wc.isDestroyed() || !origin.has(wc.getURL())) continue;
    try {
      wc.send(channel, payload);
    } catch {
      // Closing as we speak.
    }
  }
}

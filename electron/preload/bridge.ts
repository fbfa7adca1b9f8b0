/**
 * window.chedang, built from ipcRenderer. Only payloads cross into the page: never the
 * IpcRendererEvent (whose `sender` is ipcRenderer itself), never ipcRenderer.
 */
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import type {
  BridgeEvent,
  ChedangBridge,
  CoreState,
  InstallResult,
  PrintOptions,
  UpdateStatus,
} from '../../shared/api/bridge.js';
import { CH, VERSION_ARG } from './channels.js';

type Ipc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/** The app version main passes as a command-line switch; '' when missing. */
export const versionFrom = (argv: readonly string[]): string =>
  argv.find((a) => a.startsWith(VERSION_ARG))?.slice(VERSION_ARG.length) ?? '';

export function createBridge(ipc: Ipc, version: string): ChedangBridge {
  const subscribe = <T>(channel: string, listener: (payload: T) => void): (() => void) => {
    const wrapped = (_e: IpcRendererEvent, payload: T) => listener(payload);
    ipc.on(channel, wrapped);
    return () => {
      ipc.removeListener(channel, wrapped);
    };
  };

  /** A late subscriber learns the current value at once; a push that overtakes the query wins. */
  const current = <T>(pushChannel: string, getChannel: string, listener: (payload: T) => void): (() => void) => {
    let pushed = false;
    let active = true;
    const off = subscribe<T>(pushChannel, (s) => {
      pushed = true;
      listener(s);
    });
    ipc.invoke(getChannel).then(
      (s: T) => {
        if (active && !pushed) listener(s);
      },
      () => {},
    );
    return () => {
      active = false;
      off();
    };
  };

  return Object.freeze({
    shell: 'electron' as const,
    version,
    call: (method: string, input: unknown) => ipc.invoke(CH.call, method, input),
    onEvent: (listener: (e: BridgeEvent) => void) => subscribe(CH.event, listener),
    onCoreState: (listener: (s: CoreState) => void) => current(CH.coreState, CH.getCoreState, listener),
    print: async (options: PrintOptions) => {
      await ipc.invoke(CH.print, options);
    },
    printToPdf: (options: PrintOptions) => ipc.invoke(CH.printToPdf, options) as Promise<Uint8Array>,
    openExternal: async (url: string) => {
      await ipc.invoke(CH.openExternal, url);
    },
    setBusy: async (reason: 'order-edits', busy: boolean) => {
      await ipc.invoke(CH.setBusy, reason, busy);
    },
    onUpdate: (listener: (s: UpdateStatus) => void) => current(CH.update, CH.getUpdate, listener),
    installUpdate: () => ipc.invoke(CH.installUpdate) as Promise<InstallResult>,
  });
}

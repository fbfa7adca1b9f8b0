/**
 * The core's side of the Electron IPC transport. The main process hands the core one end of a
 * MessageChannel (`{type:'port'}` on the parentPort); over it the main process relays the renderer's
 * calls and the core pushes its change events:
 *
 *   main → core   {type:'call', id, method, input}
 *   core → main   {type:'result', id, result: BridgeResult}
 *   core → main   {type:'event', event: BridgeEvent}
 *
 * Results travel as JSON-safe values (a JSON round trip), so a window sees exactly what a browser
 * sees over HTTP: one contract, two transports, no way to tell them apart.
 *
 * No electron import: the port is either Electron's MessagePortMain (whose messages arrive wrapped
 * as `{data, ports}` events) or a Node worker_threads MessagePort (the value itself, in tests).
 */
import type { BridgeEvent, BridgeResult } from '../../shared/api/bridge.js';
import type { CoreApp } from './app.js';

export interface IpcCall {
  type: 'call';
  id: number;
  method: string;
  input: unknown;
}

export type IpcReply = { type: 'result'; id: number; result: BridgeResult } | { type: 'event'; event: BridgeEvent };

/** What both Electron's MessagePortMain and Node's MessagePort offer. */
export interface IpcPort {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start?(): void;
  close?(): void;
}

/** A message's payload: MessagePortMain and parentPort wrap it in `{data, ports}`; Node's ports do not. */
export const messageData = (m: unknown): unknown =>
  typeof m === 'object' && m !== null && 'data' in m && 'ports' in m ? (m as { data: unknown }).data : m;

export const isIpcCall = (m: unknown): m is IpcCall => {
  if (typeof m !== 'object' || m === null) return false;
  const c = m as Partial<IpcCall>;
  return c.type === 'call' && Number.isSafeInteger(c.id) && typeof c.method === 'string';
};

const internal = (en: string): BridgeResult => ({
  ok: false,
  status: 500,
  error: { code: 'internal', message: { zh: '内部错误：核心无法返回结果', en }, fields: [] },
});

/** The result as it would look after HTTP's JSON: no undefined keys, no class instances. */
const jsonSafe = (r: BridgeResult): BridgeResult => {
  try {
    return JSON.parse(JSON.stringify(r)) as BridgeResult;
  } catch (e) {
    return internal(`The result could not be serialised (${e instanceof Error ? e.message : String(e)})`);
  }
};

/**
 * Answer calls arriving on `port` and forward every core event. Calls are local: in single-user mode
 * they act as the shop's manager; in multi-user mode as whoever signed in over this port — the port
 * keeps the session token from `auth.login` itself (the window's bridge sends no token), so a sign-in
 * holds for this window until `auth.logout`, the session's idle end, or a restart of the core.
 * Returns a function that stops serving (also run when the port closes).
 */
export function serveIpc(port: IpcPort, app: Pick<CoreApp, 'callFrom' | 'core'>): () => void {
  let open = true;
  let session: string | undefined;
  const bindSession = (token: string | null) => {
    session = token ?? undefined;
  };
  const send = (m: IpcReply) => {
    if (!open) return;
    try {
      port.postMessage(m);
    } catch {
      // The main process went away; nobody is waiting.
    }
  };
  const unsubscribe = app.core.events.on((event) => send({ type: 'event', event }));
  const stop = () => {
    if (!open) return;
    open = false;
    unsubscribe();
  };

  port.on('message', (raw) => {
    const m = messageData(raw);
    if (!isIpcCall(m)) {
      // A call we cannot parse still gets an answer when it says which call it was.
      const id = (m as { id?: unknown } | null)?.id;
      if ((m as { type?: unknown } | null)?.type === 'call' && Number.isSafeInteger(id))
        send({
          type: 'result',
          id: id as number,
          result: {
            ok: false,
            status: 400,
            error: { code: 'invalid_input', message: { zh: '请求格式有误', en: 'Malformed IPC call' }, fields: [] },
          },
        });
      return;
    }
    const caller = { via: 'local' as const, bindSession, ...(session ? { token: session } : {}) };
    app.callFrom(m.method, m.input, caller).then(
      (result) => send({ type: 'result', id: m.id, result: jsonSafe(result) }),
      (e: unknown) => send({ type: 'result', id: m.id, result: internal(e instanceof Error ? e.message : String(e)) }),
    );
  });
  port.on('close', stop);
  port.start?.();
  return stop;
}

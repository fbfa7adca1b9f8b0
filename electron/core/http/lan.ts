/**
 * 局域网访问: the second listener, on the shop LAN, started and stopped by the manager's switch
 * (`lan.configure`, kept in the settings). Separate from the loopback host so that the PC's own
 * window never depends on it and turning it off closes every LAN connection at once.
 */
import type { Bilingual } from '../../../shared/domain/issue.js';
import type { CoreApp } from '../app.js';
import type { LanListener, LanSettings, LanState } from '../services/access.js';
import { type HttpHost, type HttpHostOptions, startHttpHost } from './server.js';

export interface LanController extends LanListener {
  close(): Promise<void>;
}

const listenError = (e: unknown, s: LanSettings): Bilingual => {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'EADDRINUSE')
    return {
      zh: `端口 ${s.port} 已被其他程序占用，请换一个端口`,
      en: `Port ${s.port} is used by another program; choose another port`,
    };
  if (code === 'EADDRNOTAVAIL')
    return {
      zh: `本机没有地址 ${s.host}（网络变了？），请重新选择网卡`,
      en: `This machine has no address ${s.host} (network changed?); choose the interface again`,
    };
  if (code === 'EACCES') return { zh: `没有权限监听端口 ${s.port}`, en: `Not allowed to listen on port ${s.port}` };
  return { zh: `无法开启局域网访问：${String(e)}`, en: `Cannot start LAN access: ${String(e)}` };
};

export function createLanController(
  opts: Omit<HttpHostOptions, 'host' | 'port' | 'exposure'> & { app: CoreApp },
): LanController {
  let host: HttpHost | null = null;
  let bound: LanSettings | null = null;
  let error: Bilingual | null = null;
  // Switches are applied one after another, never interleaved (two quick clicks, a start-up apply).
  let queue: Promise<unknown> = Promise.resolve();

  const state = (): LanState => ({
    listening: host !== null,
    error,
    port: host ? Number(new URL(host.url).port) : null,
  });

  const apply = async (s: LanSettings): Promise<LanState> => {
    const same = bound && bound.host === s.host && bound.port === s.port;
    if (host && (!s.enabled || !same)) {
      await host.close();
      host = null;
      bound = null;
    }
    error = null;
    if (s.enabled && !host) {
      try {
        host = await startHttpHost({ ...opts, host: s.host, port: s.port, exposure: 'lan' });
        bound = s;
        opts.log?.(`局域网访问已开启 LAN access is on: ${host.url}`);
      } catch (e) {
        error = listenError(e, s);
        opts.log?.(`${error.zh} / ${error.en}`);
      }
    }
    return state();
  };

  return {
    state,
    apply: (s) => {
      const next = queue.then(() => apply(s));
      queue = next.catch(() => {});
      return next;
    },
    close: async () => {
      await queue;
      await host?.close();
      host = null;
    },
  };
}

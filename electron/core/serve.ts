/**
 * `npm run serve`: the core without Electron — headless/LAN mode, tests and benchmarks.
 * Also the entry the Electron shell runs in its utilityProcess.
 */
import path from 'node:path';
import { type CoreApp, createCore } from './app.js';
import { type ArchiveFlags, ConfigError, readServeConfig } from './config.js';
import { StartupError } from './db/startup-error.js';
import { createLanController } from './http/lan.js';
import { startHttpHost } from './http/server.js';
import { type IpcPort, serveIpc } from './ipc.js';
import { resolveRendererDir } from './paths.js';
import { BackupScheduler } from './services/backups.js';
import { startDemoArchive, wantsDemo } from './sync/demo.js';
import { watchNetwork } from './sync/network-watch.js';
import { createSecretStore } from './sync/secret-store.js';
import { appVersion } from './version.js';

/** Electron's utilityProcess channel to the shell; absent under plain Node. */
type ParentMessage = { data?: { type?: string; online?: boolean }; ports?: IpcPort[] };
const parentPort = (
  process as unknown as {
    parentPort?: {
      postMessage(m: unknown): void;
      on?(event: 'message', cb: (m: ParentMessage) => void): void;
    };
  }
).parentPort;

async function main() {
  const config = readServeConfig(process.argv.slice(2), process.env);
  const log = (m: string) => console.error(m);
  const dataDir = path.resolve(config.dataDir);
  const app = await createCore({ dataDir, secrets: createSecretStore(config.secrets, dataDir, log), log });
  if (config.archive) await configureFromFlags(app, config.archive);
  const demo =
    !config.archive && config.demo && wantsDemo(app.core) ? await startDemoArchive(app.core, app.owner, log) : null;
  app.startSync();
  // The daily backup (services/backups.ts): a check soon after start, then every 15 minutes.
  const backups = new BackupScheduler(app.core, { log });
  backups.start();
  const stopWatching = watchNetwork(() => app.core.sync.wake('network'));
  const host = await startHttpHost({
    app,
    host: config.host,
    port: config.port,
    version: appVersion(),
    rendererDir: resolveRendererDir(),
    log: (m) => console.error(m),
  });
  console.log(`车档核心已启动 Chedang core is running: ${host.url}  (data: ${app.core.dataDir})`);
  // 局域网访问: off unless the manager turned it on; a failure to listen is shown in settings, not fatal.
  const lan = createLanController({
    app,
    version: appVersion(),
    rendererDir: resolveRendererDir(),
    log: (m) => console.error(m),
  });
  app.core.access.lan = lan;
  await lan.apply(app.core.access.lanSettings());
  // Inside Electron's utilityProcess, tell the shell where to point its window.
  parentPort?.postMessage({ type: 'ready', url: host.url });
  // The shell forwards Electron's online signal: upload at once instead of at the next timer.
  // It also hands over the IPC port for the window's calls, and asks for a clean stop on quit.
  parentPort?.on?.('message', (m: ParentMessage) => {
    if (m?.data?.type === 'network' && m.data.online) app.core.sync.wake('network');
    if (m?.data?.type === 'port' && m.ports?.[0]) serveIpc(m.ports[0], app);
    if (m?.data?.type === 'shutdown') void stop();
  });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    stopWatching();
    backups.stop();
    app.core.sync.stop();
    await lan.close();
    await host.close();
    await demo?.close();
    app.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/** `--archive-url/--archive-adapter/--company-code` (+ CHEDANG_ARCHIVE_PASSWORD): save them as the account. */
async function configureFromFlags(app: CoreApp, a: ArchiveFlags): Promise<void> {
  const r = await app.call('archive.configure', {
    adapter: a.adapter,
    baseUrl: a.baseUrl,
    companyCode: a.companyCode,
    cityCode: a.cityCode,
    ...(a.password ? { password: a.password } : {}),
  });
  if (!r.ok) {
    const detail = r.error.fields.map((f) => `${f.field ?? ''}: ${f.message.zh} / ${f.message.en}`).join('\n');
    throw new ConfigError(
      `档案平台设置无效 / invalid archive settings: ${r.error.message.zh} / ${r.error.message.en}\n${detail}\n` +
        '密码请用环境变量 CHEDANG_ARCHIVE_PASSWORD 提供 / give the password in CHEDANG_ARCHIVE_PASSWORD',
    );
  }
}

main().catch((e: unknown) => {
  if (e instanceof StartupError) {
    console.error(`无法启动：${e.bilingual.zh}\n${e.action.zh}\nCannot start: ${e.bilingual.en}\n${e.action.en}`);
    if (!parentPort) process.exit(2);
    // The shell shows this on its error page and does not restart; give the message time to leave.
    parentPort.postMessage({ type: 'startup-error', code: e.code, message: e.bilingual, action: e.action });
    setTimeout(() => process.exit(2), 200);
    return;
  }
  if (e instanceof ConfigError) {
    console.error(e.message);
    process.exit(2);
  }
  if ((e as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
    console.error(
      `端口已被占用，请用 --port 指定其他端口 / The port is in use; choose another with --port (${(e as Error).message})`,
    );
    process.exit(2);
  }
  console.error(e);
  process.exit(1);
});

/**
 * `npm run serve`: the core without Electron — headless/LAN mode, tests and benchmarks.
 * Also the entry the Electron shell runs in its utilityProcess.
 */
import path from 'node:path';
import { createCore } from './app.js';
import { ConfigError, readServeConfig } from './config.js';
import { StartupError } from './db/startup-error.js';
import { startHttpHost } from './http/server.js';
import { resolveRendererDir } from './paths.js';
import { appVersion } from './version.js';

async function main() {
  const config = readServeConfig(process.argv.slice(2), process.env);
  const app = await createCore({ dataDir: path.resolve(config.dataDir) });
  const host = await startHttpHost({
    app,
    host: config.host,
    port: config.port,
    version: appVersion(),
    rendererDir: resolveRendererDir(),
    log: (m) => console.error(m),
  });
  console.log(`车档核心已启动 Chedang core is running: ${host.url}  (data: ${app.core.dataDir})`);
  // Inside Electron's utilityProcess, tell the shell where to point its window.
  const parentPort = (process as unknown as { parentPort?: { postMessage(m: unknown): void } }).parentPort;
  parentPort?.postMessage({ type: 'ready', url: host.url });

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.close();
    app.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  if (e instanceof StartupError) {
    console.error(`无法启动：${e.bilingual.zh}\n${e.action.zh}\nCannot start: ${e.bilingual.en}\n${e.action.en}`);
    process.exit(2);
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

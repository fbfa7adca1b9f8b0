/**
 * `npm run archive`: the reference archive as a program (flags in cli.ts). Prints its URL, serves
 * until SIGTERM/SIGINT, then closes the database cleanly. Exit 2 on bad arguments or a bad seed.
 */
import path from 'node:path';
import { SeedError } from './archive.js';
import { CliError, parseArchiveCli, USAGE } from './cli.js';
import { startArchiveServer } from './server.js';

async function main() {
  const config = parseArchiveCli(process.argv.slice(2));
  if (config.help) {
    console.log(USAGE);
    return;
  }
  const dataDir = path.resolve(config.dataDir);
  const server = await startArchiveServer({
    dataDir,
    port: config.port,
    host: config.host,
    tokenTtlMs: config.tokenTtlMs,
    faults: config.faults,
    log: (m) => console.error(m),
  });
  try {
    for (const c of config.seed) server.seedCompany(c);
  } catch (e) {
    await server.close();
    throw e;
  }
  console.log(`参考档案平台已启动 Chedang reference archive is running: ${server.url}  (data: ${dataDir})`);
  if (config.seed.length > 0)
    console.log(`已导入企业 / seeded companies: ${config.seed.map((c) => c.companycode).join(', ')}`);
  const active = Object.entries(config.faults).filter(([k, v]) => k !== 'seed' && k !== 'retryAfterSeconds' && v !== 0);
  if (active.length > 0) console.log(`故障注入 / fault injection: ${active.map(([k, v]) => `${k}=${v}`).join(' ')}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  if (e instanceof CliError) {
    console.error(`${e.message}\n${USAGE}`);
    process.exit(2);
  }
  if (e instanceof SeedError) {
    console.error(`种子企业无效：${e.zh}\nInvalid seed company: ${e.en}`);
    process.exit(2);
  }
  if ((e as NodeJS.ErrnoException)?.code === 'EADDRINUSE') {
    console.error(`端口已被占用，请用 --port 指定其他端口 / The port is in use; choose another with --port`);
    process.exit(2);
  }
  console.error(e);
  process.exit(1);
});

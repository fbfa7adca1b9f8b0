/**
 * Settings of the headless core, from the command line first, then the environment, then defaults:
 *   --data-dir DIR   CHEDANG_DATA_DIR   the OS's per-user app-data folder
 *   --port PORT      CHEDANG_PORT       5170 (0 picks a free port)
 *   --host HOST      CHEDANG_HOST       127.0.0.1 (loopback: nobody else on the network can reach it)
 */
import { parseArgs } from 'node:util';
import { defaultDataDir } from './paths.js';

export interface ServeConfig {
  dataDir: string;
  port: number;
  host: string;
}

export const DEFAULT_PORT = 5170;
export const DEFAULT_HOST = '127.0.0.1';

export class ConfigError extends Error {}

export function readServeConfig(argv: string[], env: NodeJS.ProcessEnv): ServeConfig {
  let values: { 'data-dir'?: string | undefined; port?: string | undefined; host?: string | undefined };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { 'data-dir': { type: 'string' }, port: { type: 'string' }, host: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    throw new ConfigError(`参数错误 / bad arguments: ${(e as Error).message}`);
  }
  const portText = values.port ?? env.CHEDANG_PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535)
    throw new ConfigError(`端口应为 0–65535 的整数 / the port must be an integer 0–65535: ${portText}`);
  return {
    dataDir: values['data-dir'] ?? env.CHEDANG_DATA_DIR ?? defaultDataDir(),
    port,
    host: values.host ?? env.CHEDANG_HOST ?? DEFAULT_HOST,
  };
}

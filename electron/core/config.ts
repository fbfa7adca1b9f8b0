/**
 * Settings of the headless core, from the command line first, then the environment, then defaults:
 *   --data-dir DIR   CHEDANG_DATA_DIR   the OS's per-user app-data folder
 *   --port PORT      CHEDANG_PORT       5170 (0 picks a free port)
 *   --host HOST      CHEDANG_HOST       127.0.0.1 (loopback: nobody else on the network can reach it)
 * The archive platform account, set non-interactively (all three together; the password only from
 * the environment, never a flag, so it stays out of shell history and process lists):
 *   --archive-url URL          CHEDANG_ARCHIVE_URL
 *   --archive-adapter FAMILY   CHEDANG_ARCHIVE_ADAPTER   lcippro-nested | lcippro-stringified | chengdu | foshan
 *   --company-code CODE        CHEDANG_COMPANY_CODE
 *   --city-code CODE           CHEDANG_CITY_CODE         optional, a Guangdong city code
 *                              CHEDANG_ARCHIVE_PASSWORD  required the first time
 * And:
 *   --no-demo        CHEDANG_NO_DEMO=1  never start the demo archive (演示平台); the packaged app passes it
 *   --secrets file|parent                where the password is kept: an encrypted file in the data folder
 *                                        (headless), or the Electron main process (safeStorage)
 */
import { parseArgs } from 'node:util';
import { ADAPTER_IDS } from '../../shared/api/schemas/archive.js';
import { cityByCode } from '../../shared/domain/cities.js';
import { defaultDataDir } from './paths.js';
import type { AdapterId } from './sync/adapters/types.js';

export interface ArchiveFlags {
  adapter: AdapterId;
  baseUrl: string;
  companyCode: string;
  cityCode: string | null;
  password: string | undefined;
}

export interface ServeConfig {
  dataDir: string;
  port: number;
  host: string;
  /** Archive account from flags/environment, or null to keep what the settings hold. */
  archive: ArchiveFlags | null;
  demo: boolean;
  secrets: 'file' | 'parent';
}

export const DEFAULT_PORT = 5170;
export const DEFAULT_HOST = '127.0.0.1';

export class ConfigError extends Error {}

export function readServeConfig(argv: string[], env: NodeJS.ProcessEnv): ServeConfig {
  let values: Partial<Record<(typeof STRING_FLAGS)[number], string>> & { 'no-demo'?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        ...Object.fromEntries(STRING_FLAGS.map((f) => [f, { type: 'string' as const }])),
        'no-demo': { type: 'boolean' },
      },
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
  const secrets = values.secrets ?? 'file';
  if (secrets !== 'file' && secrets !== 'parent')
    throw new ConfigError(`--secrets 只能是 file 或 parent / --secrets must be file or parent: ${secrets}`);
  return {
    dataDir: values['data-dir'] ?? env.CHEDANG_DATA_DIR ?? defaultDataDir(),
    port,
    host: values.host ?? env.CHEDANG_HOST ?? DEFAULT_HOST,
    archive: readArchiveFlags(values, env),
    demo: !values['no-demo'] && env.CHEDANG_NO_DEMO !== '1',
    secrets,
  };
}

const STRING_FLAGS = [
  'data-dir',
  'port',
  'host',
  'archive-url',
  'archive-adapter',
  'company-code',
  'city-code',
  'secrets',
] as const;

function readArchiveFlags(
  values: Partial<Record<(typeof STRING_FLAGS)[number], string>>,
  env: NodeJS.ProcessEnv,
): ArchiveFlags | null {
  const url = values['archive-url'] ?? env.CHEDANG_ARCHIVE_URL;
  const adapter = values['archive-adapter'] ?? env.CHEDANG_ARCHIVE_ADAPTER;
  const companyCode = values['company-code'] ?? env.CHEDANG_COMPANY_CODE;
  const cityCode = values['city-code'] ?? env.CHEDANG_CITY_CODE ?? null;
  if (url === undefined && adapter === undefined && companyCode === undefined) return null;
  if (url === undefined || adapter === undefined || companyCode === undefined)
    throw new ConfigError(
      '档案平台需要同时指定 --archive-url、--archive-adapter 和 --company-code / the archive needs --archive-url, --archive-adapter and --company-code together',
    );
  if (!(ADAPTER_IDS as readonly string[]).includes(adapter))
    throw new ConfigError(
      `接口类型应为 ${ADAPTER_IDS.join(' | ')} / --archive-adapter must be one of ${ADAPTER_IDS.join(', ')}: ${adapter}`,
    );
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`平台地址无效 / --archive-url is not a URL: ${url}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new ConfigError(`平台地址应以 http(s):// 开头 / --archive-url must be http(s): ${url}`);
  if (cityCode !== null && !cityByCode(cityCode))
    throw new ConfigError(`城市代码不在广东 21 市之列 / --city-code is not a Guangdong city code: ${cityCode}`);
  return {
    adapter: adapter as AdapterId,
    baseUrl: url.replace(/\/+$/, ''),
    companyCode: companyCode.trim(),
    cityCode,
    password: env.CHEDANG_ARCHIVE_PASSWORD || undefined,
  };
}

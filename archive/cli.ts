/**
 * Command line of the reference archive (`npm run archive -- …`):
 *   --port P (default 5180; 0 = a free port)   --host H (default 127.0.0.1)
 *   --data-dir D (default .data/archive)       --token-ttl-seconds N (default 7200)
 *   --seed FILE.json   companies to create or replace: [{companycode, password, companyname?, areacode}]
 *   --fault-error-rate R  --fault-latency-ms MS  --fault-drop-before-commit R  --fault-drop-after-commit R
 *   --fault-malformed-rate R  --fault-token-expiry-rate R  --fault-retry-after-seconds S  --fault-seed N
 * Rates are shares from 0 to 1. Bad arguments throw CliError (bilingual); main exits with 2.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { SeedCompany } from './archive.js';
import { checkFaults, FaultError, type Faults } from './faults.js';

export const DEFAULT_ARCHIVE_PORT = 5180;
export const DEFAULT_ARCHIVE_DATA_DIR = '.data/archive';

export interface ArchiveCliConfig {
  port: number;
  host: string;
  dataDir: string;
  tokenTtlMs: number;
  faults: Partial<Faults>;
  seed: SeedCompany[];
  help: boolean;
}

export class CliError extends Error {}

const fail = (zh: string, en: string): never => {
  throw new CliError(`参数错误：${zh}\nBad arguments: ${en}`);
};

export const USAGE = `用法 / usage: npm run archive -- [--port P] [--host H] [--data-dir D] [--token-ttl-seconds N]
  [--seed FILE.json] [--fault-error-rate R] [--fault-latency-ms MS] [--fault-drop-before-commit R]
  [--fault-drop-after-commit R] [--fault-malformed-rate R] [--fault-token-expiry-rate R]
  [--fault-retry-after-seconds S] [--fault-seed N]`;

const FAULT_FLAGS = {
  'fault-error-rate': 'errorRate',
  'fault-latency-ms': 'latencyMs',
  'fault-drop-before-commit': 'dropBeforeCommitRate',
  'fault-drop-after-commit': 'dropAfterCommitRate',
  'fault-malformed-rate': 'malformedRate',
  'fault-token-expiry-rate': 'tokenExpiryRate',
  'fault-retry-after-seconds': 'retryAfterSeconds',
  'fault-seed': 'seed',
} as const satisfies Record<string, keyof Faults>;

const NUMBER = /^-?\d+(\.\d+)?$/;

export const parseArchiveCli = (argv: string[], readFile = (f: string) => fs.readFileSync(f, 'utf8')) => {
  const options = {
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    'token-ttl-seconds': { type: 'string' },
    seed: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    ...Object.fromEntries(Object.keys(FAULT_FLAGS).map((k) => [k, { type: 'string' } as const])),
  } as const;
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
  } catch (e) {
    return fail(`无法识别的参数或缺少参数值（${(e as Error).message}）`, (e as Error).message);
  }
  const text = (k: string) => values[k] as string | undefined;

  const portText = text('port') ?? String(DEFAULT_ARCHIVE_PORT);
  if (!/^\d+$/.test(portText) || Number(portText) > 65535)
    fail(`端口应为 0–65535 的整数：${portText}`, `the port must be an integer 0–65535: ${portText}`);

  const ttlText = text('token-ttl-seconds') ?? '7200';
  if (!/^\d+$/.test(ttlText) || Number(ttlText) < 1)
    fail(`--token-ttl-seconds 应为正整数：${ttlText}`, `--token-ttl-seconds must be a positive integer: ${ttlText}`);

  const rawFaults: Record<string, number> = {};
  for (const [flag, key] of Object.entries(FAULT_FLAGS)) {
    const v = text(flag);
    if (v === undefined) continue;
    if (!NUMBER.test(v)) fail(`--${flag} 应为数字：${v}`, `--${flag} must be a number: ${v}`);
    rawFaults[key] = Number(v);
  }
  let faults: Partial<Faults> = {};
  try {
    faults = checkFaults(rawFaults);
  } catch (e) {
    if (!(e instanceof FaultError)) throw e;
    fail(e.bilingual.zh, e.bilingual.en);
  }

  let seed: SeedCompany[] = [];
  const seedFile = text('seed');
  if (seedFile !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFile(seedFile));
    } catch (e) {
      fail(
        `无法读取种子文件 ${seedFile}：${(e as Error).message}`,
        `cannot read the seed file ${seedFile}: ${(e as Error).message}`,
      );
    }
    if (!Array.isArray(parsed))
      fail(`种子文件 ${seedFile} 应为企业数组`, `the seed file ${seedFile} must hold an array of companies`);
    seed = parsed as SeedCompany[];
  }

  return {
    port: Number(portText),
    host: text('host') ?? '127.0.0.1',
    dataDir: text('data-dir') ?? DEFAULT_ARCHIVE_DATA_DIR,
    tokenTtlMs: Number(ttlText) * 1000,
    faults,
    seed,
    help: values.help === true,
  } satisfies ArchiveCliConfig;
};

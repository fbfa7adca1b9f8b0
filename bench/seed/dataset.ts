/**
 * The seeded dataset for a scale, built once and cached under `.data/bench/<scale>-<version>/`
 * (gitignored). The folder name carries GENERATOR_VERSION: change the generator, bump the version,
 * and the next bench run builds afresh instead of timing stale data. `dataset.json` in the folder
 * records what was built and how long it took, so a reused dataset still reports its generate_s.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DB_FILE } from '../../electron/core/db/open.js';
import type { Scale } from '../lib/types.js';
import { type Counts, countsFor } from './generate.js';
import { seed } from './seed.js';

/** Bump whenever the generator's output changes. */
export const GENERATOR_VERSION = 1;
export const DEFAULT_SEED = 20_261_124;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Scale names and their factor of benchmarks.md's full dataset. `x3` is the slope point of docs/performance.md. */
export const FACTORS: Record<string, number> = { quick: 0.1, full: 1, x3: 3 };

export interface DatasetInfo {
  dir: string;
  work_orders: number;
  generate_s: number;
  db_bytes: number;
  seed?: number;
  counts?: Counts;
  rows?: Record<string, number>;
  version?: number;
}

const INFO = 'dataset.json';

export const readDatasetInfo = (dir: string): DatasetInfo | null => {
  const file = path.join(dir, INFO);
  if (!fs.existsSync(file) || !fs.existsSync(path.join(dir, DB_FILE))) return null;
  return { ...(JSON.parse(fs.readFileSync(file, 'utf8')) as DatasetInfo), dir };
};

export const writeDatasetInfo = (info: DatasetInfo): void =>
  fs.writeFileSync(path.join(info.dir, INFO), `${JSON.stringify({ ...info, dir: undefined }, null, 2)}\n`);

export async function ensureDataset(opts: {
  scale: Scale | 'x3';
  datasetDir?: string | undefined;
  log: (m: string) => void;
}): Promise<DatasetInfo> {
  if (opts.datasetDir) {
    const info = readDatasetInfo(path.resolve(opts.datasetDir));
    if (!info)
      throw new Error(`${opts.datasetDir} holds no seeded dataset (${DB_FILE} and ${INFO}); run npm run seed first`);
    return info;
  }
  const factor = FACTORS[opts.scale];
  if (factor === undefined) throw new Error(`unknown scale ${opts.scale}`);
  const dir = path.join(repoRoot, '.data', 'bench', `${opts.scale}-v${GENERATOR_VERSION}-s${DEFAULT_SEED}`);
  const cached = readDatasetInfo(dir);
  if (cached && cached.version === GENERATOR_VERSION) {
    opts.log(
      `dataset: reusing ${path.relative(process.cwd(), dir)} (${cached.work_orders} orders, built in ${cached.generate_s} s)`,
    );
    return cached;
  }
  // A half-built folder (interrupted run) is thrown away and built again.
  fs.rmSync(dir, { recursive: true, force: true });
  opts.log(`dataset: building the ${opts.scale} dataset in ${path.relative(process.cwd(), dir)} …`);
  return seed({ dir, counts: countsFor(factor), seed: DEFAULT_SEED, log: opts.log });
}

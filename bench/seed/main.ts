/**
 * `npm run seed -- --data-dir D --scale full|quick|x3 [--seed N] [--factor F]`
 *
 * Builds "a busy shop after ten years" (../shared/design/benchmarks.md) in a fresh data folder D,
 * checks it and prints generate_s and db_bytes. `--factor` seeds any multiple of the full dataset
 * (0.1 = quick, 3 = x3). D can then be served (`npm run serve -- --data-dir D`) or benchmarked
 * (`npm run bench -- --dataset-dir D`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DB_FILE } from '../../electron/core/db/open.js';
import { DEFAULT_SEED, FACTORS } from './dataset.js';
import { countsFor } from './generate.js';
import { seed } from './seed.js';

const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const fail = (m: string): never => {
  console.error(m);
  process.exit(2);
};

const dataDir =
  flag('--data-dir') ?? fail('usage: npm run seed -- --data-dir D --scale full|quick|x3 [--seed N] [--factor F]');
const scale = flag('--scale') ?? 'full';
const factor = flag('--factor') ? Number(flag('--factor')) : FACTORS[scale];
if (factor === undefined || !(factor > 0)) fail(`unknown scale "${scale}" (full, quick, x3) or bad --factor`);
const seedNo = flag('--seed') ? Number(flag('--seed')) : DEFAULT_SEED;
if (!Number.isInteger(seedNo)) fail('--seed must be an integer');

const dir = path.resolve(dataDir);
if (fs.existsSync(path.join(dir, DB_FILE)))
  fail(`${dir} already holds a database (${DB_FILE}). Seed into a new, empty folder; nothing was changed.`);

const info = await seed({ dir, counts: countsFor(factor as number), seed: seedNo, log: (m) => console.error(m) });
console.log(
  JSON.stringify({
    dir: info.dir,
    work_orders: info.work_orders,
    generate_s: info.generate_s,
    db_bytes: info.db_bytes,
  }),
);

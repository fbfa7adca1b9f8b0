/**
 * `npm run bench [-- --quick | --scale full|quick|x3] [--only name,name] [--dataset-dir D]`
 *
 * Runs every workload of ../shared/design/benchmarks.md (one module each under bench/workloads/),
 * each beside its baseline, prints a table and writes bench/results/latest.json. The seeded dataset
 * is built once per scale and cached (bench/seed/dataset.ts); workloads that change data work on a
 * copy.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult, Scale, Workload } from './lib/types.js';
import { ensureDataset } from './seed/dataset.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const scaleFlag = flag('--scale');
if (scaleFlag && !['full', 'quick', 'x3'].includes(scaleFlag))
  throw new Error(`--scale must be full, quick or x3, not ${scaleFlag}`);
const scale: Scale = args.includes('--quick') ? 'quick' : ((scaleFlag as Scale | undefined) ?? 'full');
const only = flag('--only')?.split(',');

const log = (m: string) => process.stderr.write(`${m}\n`);

async function loadWorkloads(): Promise<Workload[]> {
  const dir = path.join(here, 'workloads');
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.ts$/.test(f) && !f.endsWith('.test.ts'))
    .sort();
  const all: Workload[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as { workload?: Workload };
    if (mod.workload) all.push(mod.workload);
  }
  return all.filter((w) => !only || only.includes(w.name));
}

const fmt = (x: number | null | undefined) =>
  x === null || x === undefined || Number.isNaN(x)
    ? '—'
    : x >= 100
      ? x.toFixed(0)
      : x >= 10
        ? x.toFixed(1)
        : x.toFixed(2);

function printTable(rows: BenchResult[]) {
  const head = ['id', 'unit', 'n', 'p50', 'p95', 'baseline p95', 'ratio', 'target', 'met'];
  const body = rows.map((r) => [
    r.id,
    r.unit,
    String(r.n),
    fmt(r.p50),
    fmt(r.p95),
    fmt(r.baseline_p95),
    fmt(r.ratio),
    r.target,
    r.met ? 'yes' : 'NO',
  ]);
  const width = (s: string) => [...s].reduce((w, c) => w + (c.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  const cols = head.map((h, i) => Math.max(width(h), ...body.map((b) => width(b[i] as string))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i < 2 || i >= 7 ? c + ' '.repeat(cols[i]! - width(c)) : ' '.repeat(cols[i]! - width(c)) + c))
      .join('  ');
  console.log(line(head));
  console.log(cols.map((w) => '-'.repeat(w)).join('  '));
  for (const b of body) console.log(line(b));
}

async function main() {
  const workloads = await loadWorkloads();
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'chedang-bench-'));
  const started = Date.now();
  const dataset = workloads.some((w) => w.needsDataset)
    ? await ensureDataset({ scale, datasetDir: flag('--dataset-dir'), log })
    : null;
  const results: BenchResult[] = [];
  try {
    for (const w of workloads) {
      log(`\n▶ ${w.name}`);
      const tmpDir = fs.mkdtempSync(path.join(tmpRoot, `${w.name}-`));
      try {
        results.push(...(await w.run({ scale, datasetDir: dataset?.dir ?? '', tmpDir, log })));
      } finally {
        fs.rmSync(tmpDir, { recursive: true, force: true });
      }
    }
  } finally {
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  }
  const report = {
    when: new Date().toISOString(),
    scale,
    machine: { cpus: os.cpus().length, node: process.version },
    dataset: dataset
      ? { work_orders: dataset.work_orders, generate_s: dataset.generate_s, db_bytes: dataset.db_bytes }
      : null,
    results,
  };
  const out = path.join(here, 'results', 'latest.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log('');
  printTable(results);
  console.log(
    `\n${results.filter((r) => r.met).length}/${results.length} targets met · ${((Date.now() - started) / 1000).toFixed(1)} s · ${path.relative(process.cwd(), out)}`,
  );
}

await main();

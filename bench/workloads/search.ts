/**
 * search.plate / .vin / .phone / .initials / .part — the one search box (`search.global`, limit 10,
 * as renderer/app/GlobalSearch.tsx calls it) through the core's dispatcher, against a hand-written
 * version: one prepared statement per kind that joins the display columns in directly, building the
 * same hits. Every answer is compared, so the baseline cannot win by answering less.
 */
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../../electron/core/db/open.js';
import { openCore } from '../lib/core.js';
import { initials, partQueries, phoneFragments, plateFragments, vinTails } from '../lib/inputs.js';
import { assertSame, latencyRow } from '../lib/result.js';
import { sideBySide } from '../lib/stats.js';
import type { BenchResult, Workload } from '../lib/types.js';

interface Hit {
  kind: 'vehicle' | 'customer' | 'workOrder' | 'part';
  id: string;
  title: string;
  subtitle: string;
  vehicleId: string | null;
}

const TOP = String.fromCodePoint(0x10ffff);
const LIMIT = 10;

/** The hand-written search: same semantics as electron/core/services/search.ts, nothing else. */
function handWritten(s: Sqlite) {
  const st = (sql: string): Statement => s.prepare(sql);
  const docs =
    st(`SELECT w.id, w.number, w.settlement_no, w.vehicle_id, v.plate FROM work_orders w JOIN vehicles v ON v.id = w.vehicle_id
     WHERE (w.number >= @p AND w.number < @hi) OR (w.settlement_no >= @p AND w.settlement_no < @hi) ORDER BY w.created_at DESC LIMIT @n`);
  const vFts =
    st(`SELECT v.id, v.plate, v.vin, v.brand_model, c.name AS owner FROM vehicles_fts f JOIN vehicles v ON v.rowid = f.rowid
     LEFT JOIN customers c ON c.id = v.owner_id WHERE vehicles_fts MATCH ? ORDER BY f.rank LIMIT ?`);
  const vPrefix =
    st(`SELECT v.id, v.plate, v.vin, v.brand_model, c.name AS owner FROM vehicles v LEFT JOIN customers c ON c.id = v.owner_id
     WHERE v.plate >= ? AND v.plate < ? ORDER BY v.plate LIMIT ?`);
  const cFts =
    st(`SELECT c.id, c.name, c.phone, c.merged_into FROM customers_fts f JOIN customers c ON c.rowid = f.rowid
     WHERE customers_fts MATCH ? ORDER BY f.rank LIMIT ?`);
  const cInitials = st(
    'SELECT id, name, phone, merged_into FROM customers WHERE initials >= ? AND initials < ? ORDER BY initials LIMIT ?',
  );
  const cPhone = st(
    'SELECT id, name, phone, merged_into FROM customers WHERE phone >= ? AND phone < ? ORDER BY phone LIMIT ?',
  );
  const pFts = st(`SELECT p.id, p.code, p.name, p.brand FROM parts_fts f JOIN parts p ON p.rowid = f.rowid
     WHERE parts_fts MATCH ? ORDER BY f.rank LIMIT ?`);
  const cName = st(
    'SELECT id, name, phone, merged_into FROM customers WHERE name >= ? AND name < ? ORDER BY name LIMIT ?',
  );
  const pPrefix = st('SELECT id, code, name, brand FROM parts WHERE code >= ? AND code < ? ORDER BY code LIMIT ?');
  const pName = st('SELECT id, code, name, brand FROM parts WHERE name >= ? AND name < ? ORDER BY name LIMIT ?');

  type V = { id: string; plate: string | null; vin: string | null; brand_model: string; owner: string | null };
  type C = { id: string; name: string; phone: string; merged_into: string | null };
  type P = { id: string; code: string; name: string; brand: string };

  return (raw: string): { hits: Hit[] } => {
    const q = raw.trim().replace(/[\s·.]+/g, '');
    if (!q) return { hits: [] };
    const hits: Hit[] = [];
    const trigram = [...q].length >= 3;
    const phrase = `"${q.replace(/"/g, '""')}"`;
    if (/^[A-Za-z]{1,6}\d/.test(q)) {
      const p = q.toUpperCase();
      for (const r of docs.all({ p, hi: p + TOP, n: LIMIT }) as {
        id: string;
        number: string;
        settlement_no: string | null;
        vehicle_id: string;
        plate: string | null;
      }[])
        hits.push({
          kind: 'workOrder',
          id: r.id,
          title: r.number,
          subtitle: [r.settlement_no, r.plate].filter(Boolean).join(' · '),
          vehicleId: r.vehicle_id,
        });
    }
    const vs = (trigram ? vFts.all(phrase, LIMIT) : vPrefix.all(q.toUpperCase(), q.toUpperCase() + TOP, LIMIT)) as V[];
    for (const r of vs)
      hits.push({
        kind: 'vehicle',
        id: r.id,
        title: r.plate ?? '暂无牌照',
        subtitle: [r.vin, r.brand_model, r.owner].filter(Boolean).join(' · '),
        vehicleId: r.id,
      });
    let cs: C[];
    if (trigram) cs = cFts.all(phrase, LIMIT) as C[];
    else {
      const lo = q.toLowerCase();
      const seen = new Map<string, C>();
      for (const r of cInitials.all(lo, lo + TOP, LIMIT) as C[]) seen.set(r.id, r);
      if (seen.size < LIMIT)
        for (const r of cPhone.all(lo, lo + TOP, LIMIT) as C[]) if (!seen.has(r.id)) seen.set(r.id, r);
      if (seen.size < LIMIT)
        for (const r of cName.all(q, q + TOP, LIMIT) as C[]) if (!seen.has(r.id)) seen.set(r.id, r);
      cs = [...seen.values()].slice(0, LIMIT);
    }
    for (const r of cs)
      if (!r.merged_into) hits.push({ kind: 'customer', id: r.id, title: r.name, subtitle: r.phone, vehicleId: null });
    let ps: P[];
    if (trigram) ps = pFts.all(phrase, LIMIT) as P[];
    else {
      const seen = new Map<string, P>();
      const up = q.toUpperCase();
      for (const r of pPrefix.all(up, up + TOP, LIMIT) as P[]) seen.set(r.id, r);
      if (seen.size < LIMIT)
        for (const r of pName.all(q, q + TOP, LIMIT) as P[]) if (!seen.has(r.id)) seen.set(r.id, r);
      ps = [...seen.values()].slice(0, LIMIT);
    }
    for (const r of ps)
      hits.push({
        kind: 'part',
        id: r.id,
        title: r.name,
        subtitle: [r.code, r.brand].filter(Boolean).join(' · '),
        vehicleId: null,
      });
    return { hits };
  };
}

const KINDS: { id: string; inputs: (s: Sqlite, n: number) => string[]; what: string }[] = [
  { id: 'search.plate', inputs: plateFragments, what: 'plate starts (粤B1…, 3–5 chars) and whole plates' },
  { id: 'search.vin', inputs: vinTails, what: 'VIN tails (last 6)' },
  { id: 'search.phone', inputs: phoneFragments, what: 'phone tails, middles and whole numbers' },
  { id: 'search.initials', inputs: initials, what: 'pinyin initials of real names (zs → 张三)' },
  { id: 'search.part', inputs: partQueries, what: 'part code starts and name fragments (机油滤)' },
];

export const workload: Workload = {
  name: 'search',
  needsDataset: true,
  async run(ctx) {
    const core = await openCore(ctx.datasetDir);
    try {
      const s = core.app.core.sqlite;
      const baseline = handWritten(s);
      const n = ctx.scale === 'quick' ? 300 : 1000;
      const out: BenchResult[] = [];
      for (const kind of KINDS) {
        const qs = kind.inputs(s, n);
        // Same answers, checked on every input before anything is timed.
        for (const q of qs)
          assertSame(`${kind.id} "${q}"`, await core.ok('search.global', { q, limit: LIMIT }), baseline(q));
        const r = await sideBySide(
          qs.length,
          (i) => core.ok('search.global', { q: qs[i] as string, limit: LIMIT }),
          (i) => baseline(qs[i] as string),
        );
        out.push(
          latencyRow(
            kind.id,
            r,
            { p95: 5, ratio: 1.5 },
            `search.global over ${kind.what}; CPU-bound (page cache warm)`,
          ),
        );
        ctx.log(`  ${kind.id}: p95 ${out.at(-1)?.p95} ms, baseline ${out.at(-1)?.baseline_p95} ms`);
      }
      return out;
    } finally {
      core.close();
    }
  },
};

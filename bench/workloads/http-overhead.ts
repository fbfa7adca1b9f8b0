/**
 * http.overhead — the same calls over `POST /api/<method>` on loopback (the browser/LAN transport),
 * with one keep-alive connection as a browser keeps, against the same call to the in-process
 * dispatcher. What HTTP adds is the difference, paired call by call: body parsing, JSON out, the
 * socket round trip. Calls: the search box, a vehicle's history and a work-order list page.
 */
import http from 'node:http';
import { startHttpHost } from '../../electron/core/http/server.js';
import { openCore } from '../lib/core.js';
import { plateFragments, vehiclesAsOpened } from '../lib/inputs.js';
import { latencyRow } from '../lib/result.js';
import { percentile, round, sideBySide } from '../lib/stats.js';
import type { Workload } from '../lib/types.js';

export const workload: Workload = {
  name: 'http-overhead',
  needsDataset: true,
  async run(ctx) {
    const core = await openCore(ctx.datasetDir);
    const host = await startHttpHost({ app: core.app, host: '127.0.0.1', port: 0, version: 'bench' });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const url = new URL(host.url);
    const post = (method: string, input: unknown) =>
      new Promise<unknown>((resolve, reject) => {
        const body = JSON.stringify(input);
        const req = http.request(
          {
            agent,
            host: url.hostname,
            port: url.port,
            method: 'POST',
            path: `/api/${method}`,
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString('utf8');
              if (res.statusCode !== 200) reject(new Error(`${method}: HTTP ${res.statusCode} ${text.slice(0, 200)}`));
              else resolve(JSON.parse(text));
            });
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    try {
      const s = core.app.core.sqlite;
      const n = ctx.scale === 'quick' ? 300 : 1000;
      const plates = plateFragments(s, n, 21);
      const vehicles = vehiclesAsOpened(s, n, 22);
      const calls = Array.from({ length: n }, (_, i) =>
        i % 3 === 0
          ? { method: 'search.global', input: { q: plates[i] as string, limit: 10 } }
          : i % 3 === 1
            ? { method: 'vehicles.history', input: { id: vehicles[i] as string } }
            : { method: 'workOrders.list', input: { statuses: ['settled'], limit: 50, offset: (i % 7) * 50 } },
      );
      const inProcess = async (i: number) => {
        const c = calls[i] as (typeof calls)[number];
        const r = await core.app.call(c.method, c.input);
        if (!r.ok) throw new Error(`${c.method}: ${JSON.stringify(r.error)}`);
        return r.value;
      };
      const r = await sideBySide(
        n,
        (i) => post((calls[i] as (typeof calls)[number]).method, (calls[i] as (typeof calls)[number]).input),
        inProcess,
      );
      // "Added p95": the HTTP calls' p95 less the in-process calls' p95. The p95 of the per-call
      // differences is kept too; it is noisier (it also carries each query's own spread, e.g. a
      // broad plate search that is slower the first time its pages are read).
      const paired = r.product.map((p, i) => p - (r.baseline[i] as number));
      const addedP95 = round(percentile(r.product, 95) - percentile(r.baseline, 95));
      const row = latencyRow(
        'http.overhead',
        r,
        {},
        `added p95 ${addedP95} ms (HTTP p95 − in-process p95; p95 of the paired differences ${round(percentile(paired, 95))} ms); one keep-alive connection on loopback; CPU-bound (JSON and sockets on the same 2 cores)`,
        {
          added_p50: round(percentile(r.product, 50) - percentile(r.baseline, 50)),
          added_p95: addedP95,
          paired_diff_p95: round(percentile(paired, 95)),
        },
      );
      row.target = 'added p95 ≤ 2 ms';
      row.met = addedP95 <= 2;
      ctx.log(`  http.overhead: p95 ${row.p95} ms vs in-process ${row.baseline_p95} ms; added p95 ${addedP95} ms`);
      return [row];
    } finally {
      agent.destroy();
      await host.close();
      core.close();
    }
  },
};

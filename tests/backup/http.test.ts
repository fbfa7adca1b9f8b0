/** Backups and an import preview over HTTP, as another program (or the renderer in a browser) calls them. */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type HttpHost,
  IMPORT_MAX_BODY_BYTES,
  MAX_BODY_BYTES,
  startHttpHost,
} from '../../electron/core/http/server.js';
import type { MethodOutput } from '../../shared/api/contract.js';
import { makeCore, seedBasics, type TestCore } from '../support/core.js';
import { callApi } from '../support/http.js';

describe('backups and import preview over HTTP', () => {
  let t: TestCore;
  let host: HttpHost;
  beforeAll(async () => {
    t = await makeCore();
    await seedBasics(t);
    host = await startHttpHost({ app: t.app, host: '127.0.0.1', port: 0, version: '9.9.9-test' });
  });
  afterAll(async () => {
    await host?.close();
    t?.close();
    if (t) fs.rmSync(t.dir, { recursive: true, force: true });
  });

  it('backup.create then backup.list', async () => {
    const created = await callApi(host.url, 'backup.create', {});
    expect(created.status, created.text).toBe(200);
    const { backup } = created.json as MethodOutput<'backup.create'>;
    const listed = await callApi(host.url, 'backup.list', {});
    expect(listed.status).toBe(200);
    const list = listed.json as MethodOutput<'backup.list'>;
    expect(list.items).toEqual([expect.objectContaining({ name: backup.name, kind: 'manual', location: 'local' })]);
    expect(list.settings.retention).toEqual({ daily: 7, weekly: 4, manual: 10, preMigration: 5, safety: 5 });
  });

  it('previews an import, and accepts import bodies above the ordinary limit', async () => {
    const csv = `配件编码,配件名称,销售价(元)\nNEW-1,刹车片,320\n90915-YZZD1,机油滤清器,70\n`;
    const r = await callApi(host.url, 'transfer.preview', {
      entity: 'parts',
      fileName: 'parts.csv',
      contentBase64: Buffer.from(csv).toString('base64'),
    });
    expect(r.status, r.text).toBe(200);
    const p = r.json as MethodOutput<'transfer.preview'>;
    expect(p.counts).toMatchObject({ create: 1, update: 1, error: 0 });

    // ~1.5 MB of rows: above the 1 MB limit of other methods, within the import limit.
    const big = `配件编码,配件名称\n${Array.from({ length: 40_000 }, (_, i) => `BULK-${i},配件${i}`).join('\n')}\n`;
    const body = { entity: 'parts', fileName: 'big.csv', contentBase64: Buffer.from(big).toString('base64') };
    expect(JSON.stringify(body).length).toBeGreaterThan(MAX_BODY_BYTES);
    expect(JSON.stringify(body).length).toBeLessThan(IMPORT_MAX_BODY_BYTES);
    const tooMany = await callApi(host.url, 'transfer.preview', body);
    // Read, then refused for its row count (20 000 at most), not for its size.
    expect(tooMany.status, tooMany.text.slice(0, 300)).toBe(422);
    expect((tooMany.json as { error: { fields: { code: string }[] } }).error.fields[0]!.code).toBe(
      'file_too_many_rows',
    );
    const other = await callApi(host.url, 'customers.search', { q: 'x'.repeat(MAX_BODY_BYTES) });
    expect(other.status).toBe(413);
  });
});

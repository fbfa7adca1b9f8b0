import { describe, expect, it } from 'vitest';
import {
  adminRecords,
  fixture,
  lcipproToken,
  lcipproUpload,
  SHOP,
  startTestArchive,
  TestClock,
  tempDir,
} from './test-support.js';

describe('persistence', () => {
  it('keeps companies, tokens, records and resend counts across a restart on the same folder and port', async () => {
    const dir = tempDir();
    const clock = new TestClock();
    const first = await startTestArchive({ dir, clock });
    const token = await lcipproToken(first.url);
    expect((await lcipproUpload(first.url, token, fixture(clock))).json.code).toBe('1');
    // Leave a keep-alive connection open: close() must not wait for it.
    expect((await fetch(`${first.url}/time`)).status).toBe(200);
    const port = first.server.port;
    const t = Date.now();
    await first.close();
    expect(Date.now() - t).toBeLessThan(2000);

    const second = await startTestArchive({ dir, clock, port, seed: false });
    try {
      expect(second.url).toBe(first.url);
      expect((await lcipproUpload(second.url, token, fixture(clock))).json).toEqual({
        code: '1',
        status: '记录已存在，内容一致',
      });
      expect(await lcipproToken(second.url)).toMatch(/^[0-9a-f]{64}$/);
      expect(await adminRecords(second.url)).toEqual([
        expect.objectContaining({ costlistcode: 'JS-0001', resends: 1 }),
      ]);
      expect(second.server.metrics(SHOP.companycode).companies[0]).toMatchObject({ uploads: 1, resends: 1 });
      expect(second.server.db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(second.server.db.pragma('synchronous', { simple: true })).toBe(2);
    } finally {
      await second.close();
    }
  });

  it('closes twice without complaint', async () => {
    const a = await startTestArchive();
    await a.close();
    await a.close();
  });
});

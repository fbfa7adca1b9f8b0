import { describe, expect, it, vi } from 'vitest';
import type { BridgeResult } from '../../shared/api/bridge.js';
import { BusyRegistry, coreUploading } from './busy.js';

describe('busy registry (what holds back an update restart)', () => {
  it('counts unsaved order edits per page and forgets a page that closes or reloads', () => {
    const b = new BusyRegistry();
    const changed = vi.fn();
    b.onChange(changed);
    b.setOrderEdits(1, true);
    b.setOrderEdits(2, true);
    b.setOrderEdits(1, false);
    expect(b.localReasons()).toEqual(['order-edits']);
    b.forgetPage(2);
    expect(b.localReasons()).toEqual([]);
    expect(changed).toHaveBeenCalledTimes(4);
  });

  it('counts a settle or reversal as busy until its reply, success or not; other calls not at all', async () => {
    const b = new BusyRegistry();
    let finish!: (r: string) => void;
    const settle = b.track('workOrders.settle', () => new Promise<string>((r) => (finish = r)));
    expect(b.localReasons()).toEqual(['settling']);
    await b.track('customers.list', async () => {
      expect(b.localReasons()).toEqual(['settling']);
    });
    finish('ok');
    await settle;
    expect(b.localReasons()).toEqual([]);
    await expect(b.track('workOrders.reverse', () => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(b.localReasons()).toEqual([]);
  });

  it('asks the core whether records are being sent', async () => {
    const status = (sending: number): BridgeResult => ({ ok: true, value: { counts: { sending } } });
    expect(await coreUploading(async () => status(2))).toBe(true);
    expect(await coreUploading(async () => status(0))).toBe(false);
    const err = (code: 'unreachable' | 'forbidden'): BridgeResult => ({
      ok: false,
      status: 503,
      error: { code, message: { zh: '', en: '' }, fields: [] },
    });
    // A core that is down sends nothing; an answer that cannot tell counts as busy.
    expect(await coreUploading(async () => err('unreachable'))).toBe(false);
    expect(await coreUploading(async () => err('forbidden'))).toBe(true);
    expect(await coreUploading(async () => ({ ok: true, value: null }))).toBe(true);
  });
});

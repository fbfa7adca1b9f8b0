import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forwardOnline } from './network.js';

describe('forwardOnline', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('tells the core once per offline → online edge, and nothing else', () => {
    const sent: unknown[] = [];
    const states = [true, true, false, false, true, true, false, true];
    let i = 0;
    const stop = forwardOnline(
      { postMessage: (m) => sent.push(m) },
      () => states[Math.min(i++, states.length - 1)]!,
      1000,
    );
    vi.advanceTimersByTime(7000);
    expect(sent).toEqual([
      { type: 'network', online: true },
      { type: 'network', online: true },
    ]);
    stop();
    vi.advanceTimersByTime(5000);
    expect(sent).toHaveLength(2);
  });
});

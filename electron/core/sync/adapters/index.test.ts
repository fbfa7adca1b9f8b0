import { describe, expect, it } from 'vitest';
import { ADAPTER_IDS, ADAPTERS, adapterFor, isAdapterId } from './index.js';

describe('adapter registry', () => {
  it('has one adapter per id, each knowing its own id and a bilingual label', () => {
    expect(Object.keys(ADAPTERS).sort()).toEqual([...ADAPTER_IDS].sort());
    for (const id of ADAPTER_IDS) {
      const a = adapterFor(id);
      expect(a.id).toBe(id);
      expect(a.label.zh).not.toBe('');
      expect(a.label.en).not.toBe('');
    }
  });

  it('only Chengdu reads the platform clock', () => {
    expect(ADAPTER_IDS.filter((id) => ADAPTERS[id].timeRequest !== undefined)).toEqual(['chengdu']);
    expect(ADAPTER_IDS.filter((id) => ADAPTERS[id].parseTime !== undefined)).toEqual(['chengdu']);
  });

  it('refuses an unknown id', () => {
    expect(isAdapterId('foshan')).toBe(true);
    expect(isAdapterId('shanghai')).toBe(false);
    expect(() => adapterFor('shanghai' as never)).toThrow(RangeError);
  });
});

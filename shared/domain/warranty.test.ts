import { describe, expect, it } from 'vitest';
import { REPAIR_CATEGORIES, type RepairCategory } from './enums.js';
import { needsCompletionInspection, warrantyFor, warrantyText } from './warranty.js';

describe('warrantyFor', () => {
  it.each<[RepairCategory, number, number]>([
    ['vehicle_overhaul', 20000, 100],
    ['assembly_overhaul', 20000, 100],
    ['level2_maintenance', 5000, 30],
    ['level1_maintenance', 2000, 10],
    ['minor_repair', 2000, 10],
    ['special_repair', 2000, 10],
  ])('%s → %s km or %s days', (category, km, days) => {
    expect(warrantyFor(category)).toEqual({ km, days });
  });

  it('covers every repair category', () => {
    for (const c of REPAIR_CATEGORIES) expect(warrantyFor(c).km).toBeGreaterThan(0);
  });

  it('returns a copy that callers may change', () => {
    const w = warrantyFor('minor_repair');
    w.km = 5000;
    expect(warrantyFor('minor_repair').km).toBe(2000);
  });
});

describe('needsCompletionInspection', () => {
  it.each<[RepairCategory, boolean]>([
    ['vehicle_overhaul', true],
    ['assembly_overhaul', true],
    ['level2_maintenance', true],
    ['level1_maintenance', false],
    ['minor_repair', false],
    ['special_repair', false],
  ])('%s → %s', (category, needed) => {
    expect(needsCompletionInspection(category)).toBe(needed);
  });
});

describe('warrantyText', () => {
  it('prints the sheet wording', () => {
    expect(warrantyText(warrantyFor('level2_maintenance'))).toEqual({
      zh: '车辆行驶 5000 公里或者 30 日，以先到者为准',
      en: '5,000 km or 30 days, whichever comes first',
    });
    expect(warrantyText(warrantyFor('vehicle_overhaul')).zh).toBe('车辆行驶 20000 公里或者 100 日，以先到者为准');
  });

  it('says day in the singular for one day', () => {
    expect(warrantyText({ km: 100, days: 1 }).en).toBe('100 km or 1 day, whichever comes first');
  });
});

import { describe, expect, it } from 'vitest';
import { QUALITY_FORMULA, type QualityFlags, qualityScore, recordQuality, recordScore } from './quality.js';

const VALID_VIN = 'LSJA24U62JG269225';
/** The same VIN with position 9 changed: the check digit no longer matches. */
const BAD_CHECK_VIN = 'LSJA24U52JG269225';

/** 2026-11-24 09:00 in China. */
const AT = Date.parse('2026-11-24T09:00:00+08:00');
const basic = (over: Partial<{ vin: string; vehicleplatenumber: string; settledate: string }> = {}) => ({
  vin: VALID_VIN,
  vehicleplatenumber: '粤B12345',
  settledate: '20261124',
  ...over,
});
const ALL_GOOD: QualityFlags = { vinValid: true, plateValid: true, timely: true };

describe('recordQuality', () => {
  it('passes a clean record received on its settlement day', () => {
    expect(recordQuality(basic(), AT)).toEqual(ALL_GOOD);
  });

  it('fails the VIN on a wrong check digit, length, characters or un-normalised text', () => {
    expect(recordQuality(basic({ vin: BAD_CHECK_VIN }), AT).vinValid).toBe(false);
    expect(recordQuality(basic({ vin: VALID_VIN.slice(0, 16) }), AT).vinValid).toBe(false);
    expect(recordQuality(basic({ vin: 'LSJA24U62JG26922O' }), AT).vinValid).toBe(false);
    expect(recordQuality(basic({ vin: VALID_VIN.toLowerCase() }), AT).vinValid).toBe(false);
    for (const vin of ['LDC613P23A1305189', 'LBV5S3102ESJ25655', '1M8GDM9AXKP042788']) {
      expect(recordQuality(basic({ vin }), AT).vinValid).toBe(true);
    }
  });

  it('accepts GA 36 plates and exactly 无牌, nothing else', () => {
    expect(recordQuality(basic({ vehicleplatenumber: '粤BD12345' }), AT).plateValid).toBe(true);
    expect(recordQuality(basic({ vehicleplatenumber: '无牌' }), AT).plateValid).toBe(true);
    expect(recordQuality(basic({ vehicleplatenumber: '粤B1234' }), AT).plateValid).toBe(false);
    expect(recordQuality(basic({ vehicleplatenumber: '粤B 12345' }), AT).plateValid).toBe(false);
    expect(recordQuality(basic({ vehicleplatenumber: '' }), AT).plateValid).toBe(false);
  });

  it('is timely through the end of the day after settlement, in China time', () => {
    const settled = basic({ settledate: '20261124' });
    expect(recordQuality(settled, Date.parse('2026-11-25T23:59:59+08:00')).timely).toBe(true);
    expect(recordQuality(settled, Date.parse('2026-11-26T00:00:00+08:00')).timely).toBe(false);
    // 16:30 UTC on the 25th is already the 26th in China, but still the 25th in UTC.
    const at = Date.UTC(2026, 10, 25, 16, 30);
    expect(recordQuality(settled, at).timely).toBe(false);
    expect(recordQuality(settled, at, 'UTC').timely).toBe(true);
  });

  it('crosses month and year ends and treats a bad settlement date as late', () => {
    expect(recordQuality(basic({ settledate: '20261231' }), Date.parse('2027-01-01T12:00:00+08:00')).timely).toBe(true);
    expect(recordQuality(basic({ settledate: '20280228' }), Date.parse('2028-02-29T12:00:00+08:00')).timely).toBe(true);
    expect(recordQuality(basic({ settledate: '20280228' }), Date.parse('2028-03-01T12:00:00+08:00')).timely).toBe(
      false,
    );
    expect(recordQuality(basic({ settledate: '20261332' }), AT).timely).toBe(false);
  });
});

describe('recordScore / qualityScore', () => {
  it('subtracts 40 for the VIN and 30 each for plate and timeliness', () => {
    expect(recordScore(ALL_GOOD)).toBe(100);
    expect(recordScore({ ...ALL_GOOD, vinValid: false })).toBe(60);
    expect(recordScore({ ...ALL_GOOD, plateValid: false })).toBe(70);
    expect(recordScore({ ...ALL_GOOD, timely: false })).toBe(70);
    expect(recordScore({ vinValid: false, plateValid: false, timely: false })).toBe(0);
  });

  it('averages and rounds to one decimal, null without records', () => {
    expect(qualityScore([])).toBeNull();
    expect(qualityScore([ALL_GOOD])).toBe(100);
    expect(qualityScore([ALL_GOOD, ALL_GOOD, { ...ALL_GOOD, vinValid: false }])).toBe(86.7);
    expect(qualityScore([ALL_GOOD, { ...ALL_GOOD, timely: false }])).toBe(85);
  });

  it('scores records built from real vectors', () => {
    const flags = [recordQuality(basic(), AT), recordQuality(basic({ vin: BAD_CHECK_VIN }), AT)];
    expect(qualityScore(flags)).toBe(80);
  });

  it('describes the formula in both languages', () => {
    expect(QUALITY_FORMULA.zh).toContain('40');
    expect(QUALITY_FORMULA.en).toContain('one decimal');
  });
});

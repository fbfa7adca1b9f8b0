import { describe, expect, it } from 'vitest';
import { compactDate, dayStartMs, isValidCompactDate, isValidIsoDate, localDate, localTime } from './dates.js';

describe('localDate / localTime', () => {
  it('uses the shop zone (Asia/Shanghai, UTC+8) by default', () => {
    // 16:30 UTC on the 23rd is 00:30 on the 24th in China: the settlement belongs to the 24th.
    const at = Date.UTC(2026, 10, 23, 16, 30, 0);
    expect(localDate(at)).toBe('2026-11-24');
    expect(localTime(at)).toBe('00:30:00');
    expect(localDate(new Date(at))).toBe('2026-11-24');
  });

  it('prints midnight as 00, not 24', () => {
    const at = Date.UTC(2026, 10, 23, 16, 0, 0);
    expect(localTime(at)).toBe('00:00:00');
    expect(localDate(at)).toBe('2026-11-24');
  });

  it('handles the last second of a day and year ends', () => {
    expect(localDate(Date.UTC(2026, 11, 31, 15, 59, 59))).toBe('2026-12-31');
    expect(localTime(Date.UTC(2026, 11, 31, 15, 59, 59))).toBe('23:59:59');
    expect(localDate(Date.UTC(2026, 11, 31, 16, 0, 0))).toBe('2027-01-01');
  });

  it('honours another zone, including daylight saving time', () => {
    const at = Date.UTC(2026, 10, 23, 16, 30, 0);
    expect(localDate(at, 'UTC')).toBe('2026-11-23');
    expect(localTime(at, 'UTC')).toBe('16:30:00');
    expect(localTime(Date.UTC(2026, 6, 1, 12, 0, 0), 'America/New_York')).toBe('08:00:00'); // EDT
    expect(localTime(Date.UTC(2026, 0, 1, 12, 0, 0), 'America/New_York')).toBe('07:00:00'); // EST
    expect(localDate(Date.UTC(2026, 1, 28, 20, 0, 0), 'Asia/Urumqi')).toBe('2026-03-01'); // UTC+6
  });

  it('handles 29 February', () => {
    expect(localDate(Date.UTC(2028, 1, 29, 4, 0, 0))).toBe('2028-02-29');
  });

  it('throws on an invalid instant or zone', () => {
    expect(() => localDate(new Date('nope'))).toThrow(RangeError);
    expect(() => localDate(Number.NaN)).toThrow(RangeError);
    expect(() => localDate(0, 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('isValidIsoDate / isValidCompactDate', () => {
  it.each([
    ['2026-11-24', true],
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2000-02-29', true],
    ['1900-02-29', false],
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-12-31', true],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-1-5', false],
    ['20261124', false],
    ['2026-11-24T00:00', false],
    ['', false],
  ])('isValidIsoDate(%j) = %s', (s, ok) => {
    expect(isValidIsoDate(s)).toBe(ok);
  });

  it.each([
    ['20261124', true],
    ['20280229', true],
    ['20260229', false],
    ['20260230', false],
    ['2026-11-24', false],
    ['2026112', false],
    ['202611240', false],
    ['00000101', false],
  ])('isValidCompactDate(%j) = %s', (s, ok) => {
    expect(isValidCompactDate(s)).toBe(ok);
  });
});

describe('compactDate', () => {
  it('drops the hyphens', () => {
    expect(compactDate('2026-11-24')).toBe('20261124');
    expect(compactDate('2028-02-29')).toBe('20280229');
  });

  it('throws on an invalid date rather than inventing one', () => {
    expect(() => compactDate('2026-02-30')).toThrow(RangeError);
    expect(() => compactDate('24/11/2026')).toThrow(RangeError);
  });
});

describe('dayStartMs', () => {
  it('gives the instant a shop-local day begins', () => {
    expect(dayStartMs('2026-11-24', 'Asia/Shanghai')).toBe(Date.parse('2026-11-23T16:00:00Z'));
    expect(dayStartMs('2026-11-24', 'UTC')).toBe(Date.parse('2026-11-24T00:00:00Z'));
    expect(localDate(dayStartMs('2026-01-01'), 'Asia/Shanghai')).toBe('2026-01-01');
    expect(localDate(dayStartMs('2026-01-01') - 1, 'Asia/Shanghai')).toBe('2025-12-31');
  });
});

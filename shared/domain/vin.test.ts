import { describe, expect, it } from 'vitest';
import { checkVin, normaliseVin, vinCheckDigit, withCheckDigit } from './vin.js';

/** Real VINs with a correct check digit (archive-interface.md §5); the last one's is `X`. */
const VALID = ['LSJA24U62JG269225', 'LDC613P23A1305189', 'LBV5S3102ESJ25655', '1M8GDM9AXKP042788'];

describe('vinCheckDigit', () => {
  it.each(VALID)('computes the check digit of %s', (vin) => {
    expect(vinCheckDigit(vin)).toBe(vin.charAt(8));
  });

  it('writes remainder 10 as X', () => {
    expect(vinCheckDigit('1M8GDM9AXKP042788')).toBe('X');
  });

  it('ignores whatever is at position 9', () => {
    expect(vinCheckDigit('LSJA24U60JG269225')).toBe('2');
  });

  it('throws on input that is not 17 VIN characters', () => {
    expect(() => vinCheckDigit('LSJA24U62JG26922')).toThrow(RangeError);
    expect(() => vinCheckDigit('LSJA24U62JG26922O')).toThrow(RangeError);
  });
});

describe('withCheckDigit', () => {
  it('replaces position 9 with the correct digit', () => {
    expect(withCheckDigit('LSJA24U60JG269225')).toBe('LSJA24U62JG269225');
    expect(withCheckDigit('1M8GDM9A0KP042788')).toBe('1M8GDM9AXKP042788');
  });

  it('leaves a correct VIN unchanged', () => {
    for (const vin of VALID) expect(withCheckDigit(vin)).toBe(vin);
  });
});

describe('normaliseVin', () => {
  it('trims, removes inner spaces and upper-cases', () => {
    expect(normaliseVin('  lsja 24u6\t2jg269225 ')).toBe('LSJA24U62JG269225');
  });

  it('folds full-width characters typed through an IME', () => {
    expect(normaliseVin('ＬＳＪＡ２４Ｕ６２ＪＧ２６９２２５')).toBe('LSJA24U62JG269225');
    expect(normaliseVin('LSJA24U62\u3000JG269225')).toBe('LSJA24U62JG269225');
  });

  it('never substitutes look-alike characters', () => {
    expect(normaliseVin('LSJA24U62JG2692O5')).toBe('LSJA24U62JG2692O5');
    expect(normaliseVin('iq')).toBe('IQ');
  });
});

describe('checkVin', () => {
  it.each(VALID)('accepts %s without issues', (vin) => {
    expect(checkVin(vin)).toEqual({ vin, issues: [] });
  });

  it('returns the normalised VIN', () => {
    expect(checkVin(' lsja24u62jg269225 ')).toEqual({ vin: 'LSJA24U62JG269225', issues: [] });
  });

  it('rejects an empty VIN with vin_length', () => {
    const { issues } = checkVin('   ');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'vin_length', field: 'vin', severity: 'error' });
    expect(issues[0]?.message.zh).toContain('请填写车辆识别代号');
  });

  it('reports the length it got', () => {
    const { issues } = checkVin('LSJA24U62JG26922');
    expect(issues.map((i) => i.code)).toEqual(['vin_length']);
    expect(issues[0]?.message.zh).toBe('车辆识别代号应为17位，当前为16位；请对照行驶证核对');
    expect(issues[0]?.message.en).toContain('VIN must be 17 characters; got 16');
  });

  it('names the invalid characters and their positions', () => {
    const { issues } = checkVin('LSJA24U62JG2692O5');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'vin_characters', severity: 'error' });
    expect(issues[0]?.message.zh).toContain('第16位“O”');
    expect(issues[0]?.message.zh).toContain('O→0');
    expect(issues[0]?.message.en).toContain("'O' at position 16");
  });

  it('lists every invalid character, including non-latin ones', () => {
    const { issues } = checkVin('LSJA24U62JG2I9Q2-');
    const msg = issues.find((i) => i.code === 'vin_characters')?.message.zh ?? '';
    expect(msg).toContain('第13位“I”');
    expect(msg).toContain('第15位“Q”');
    expect(msg).toContain('第17位“-”');
  });

  it('reports length and characters together', () => {
    const { issues } = checkVin('粤B12345');
    expect(issues.map((i) => i.code)).toEqual(['vin_length', 'vin_characters']);
  });

  it('counts characters, not UTF-16 units', () => {
    const { issues } = checkVin('𠀀SJA24U62JG269225');
    expect(issues.map((i) => i.code)).toEqual(['vin_characters']);
  });

  it('warns, never errors, on a check-digit mismatch and states expected vs found', () => {
    const { vin, issues } = checkVin('LSJA24U63JG269225');
    expect(vin).toBe('LSJA24U63JG269225');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'vin_check_digit', severity: 'warning', field: 'vin' });
    expect(issues[0]?.message.zh).toContain('应为“2”，实际为“3”');
    expect(issues[0]?.message.en).toContain("should be '2' but is '3'");
  });

  it('detects a single mistyped character through the check digit', () => {
    // One transposed/mistyped serial character changes the expected check digit.
    expect(checkVin('LSJA24U62JG269226').issues.map((i) => i.code)).toEqual(['vin_check_digit']);
    expect(checkVin('LDC613P23A1305198').issues.map((i) => i.code)).toEqual(['vin_check_digit']);
  });

  it('does not check the digit when the VIN is already invalid', () => {
    expect(checkVin('LSJA24U63JG26922').issues.map((i) => i.code)).toEqual(['vin_length']);
  });

  it('uses the given field path', () => {
    expect(checkVin('', 'vehicle.vin').issues[0]?.field).toBe('vehicle.vin');
  });
});

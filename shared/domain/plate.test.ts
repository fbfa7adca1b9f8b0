import { describe, expect, it } from 'vitest';
import { checkPlate, defaultPlateColor, normalisePlate, PLATE_PROVINCES, type PlateKind, UNPLATED } from './plate.js';

const codes = (raw: string) => checkPlate(raw).issues.map((i) => i.code);

describe('normalisePlate', () => {
  it.each([
    ['京A·12345', '京A12345'],
    ['京A.12345', '京A12345'],
    [' 粤 B 12345 ', '粤B12345'],
    ['粤B-12345', '粤B12345'],
    ['粤b1c2d3', '粤B1C2D3'],
    ['粤Ｂ１２３４５', '粤B12345'], // full-width input from an IME
    ['粤B\u3000D12345', '粤BD12345'],
    ['沪A•12345', '沪A12345'],
    ['沪A・12345', '沪A12345'],
  ])('%s → %s', (raw, plate) => {
    expect(normalisePlate(raw)).toBe(plate);
  });

  it('never substitutes look-alike characters', () => {
    expect(normalisePlate('粤BO1234')).toBe('粤BO1234');
  });
});

describe('checkPlate — valid plates', () => {
  it.each<[string, string, PlateKind]>([
    ['粤B12345', '粤B12345', 'regular'],
    ['京A·12345', '京A12345', 'regular'],
    ['粤B1C2D3', '粤B1C2D3', 'regular'],
    ['苏EA8B97', '苏EA8B97', 'regular'],
    ['琼A12345', '琼A12345', 'regular'],
    ['粤BD12345', '粤BD12345', 'new_energy_small'],
    ['粤BDA1234', '粤BDA1234', 'new_energy_small'],
    ['沪AF12345', '沪AF12345', 'new_energy_small'],
    ['京AA12345', '京AA12345', 'new_energy_small'], // extended energy letters A–K [U]
    ['京AK12345', '京AK12345', 'new_energy_small'],
    ['粤B12345D', '粤B12345D', 'new_energy_large'],
    ['粤B12345F', '粤B12345F', 'new_energy_large'],
    ['粤B1234学', '粤B1234学', 'coach'],
    ['粤B1234挂', '粤B1234挂', 'trailer'],
    ['粤B1234警', '粤B1234警', 'police'],
    ['京O1234警', '京O1234警', 'police'], // O authority letter, police only [I]
    ['粤Z1234港', '粤Z1234港', 'hk_macau'],
    ['粤Z1234澳', '粤Z1234澳', 'hk_macau'],
  ])('%s is %s (%s)', (raw, plate, kind) => {
    expect(checkPlate(raw)).toEqual({ plate, kind, issues: [] });
  });

  it('accepts every province abbreviation', () => {
    expect([...PLATE_PROVINCES]).toHaveLength(31);
    for (const p of PLATE_PROVINCES) expect(checkPlate(`${p}A12345`).kind).toBe('regular');
  });
});

describe('checkPlate — invalid plates', () => {
  it('rejects an unknown province', () => {
    expect(codes('XX12345')).toEqual(['plate_province']);
    expect(codes('港A12345')).toEqual(['plate_province']);
    const [i] = checkPlate('XX12345').issues;
    expect(i?.message.zh).toContain('省份简称');
    expect(i?.message.zh).toContain('“X”');
  });

  it('rejects authority letters I and O', () => {
    expect(codes('粤I12345')).toEqual(['plate_authority']);
    expect(codes('粤O12345')).toEqual(['plate_authority']);
    expect(codes('粤112345')).toEqual(['plate_authority']);
    expect(checkPlate('粤I12345').issues[0]?.message.zh).toContain('不含 I、O');
  });

  it('rejects the wrong length', () => {
    expect(codes('粤B1234')).toEqual(['plate_length']);
    expect(codes('粤B1234567')).toEqual(['plate_length']);
    expect(checkPlate('粤B1234').issues[0]?.message.zh).toContain('当前为6位');
    expect(checkPlate('粤B1234').issues[0]?.message.en).toContain('got 6');
  });

  it('rejects 8 characters that fit neither new-energy layout', () => {
    // Position 3 is a digit (not small NE) and position 8 is a digit (not large NE).
    expect(codes('粤B123456')).toEqual(['plate_format']);
    expect(codes('粤BL12345')).toEqual(['plate_format']); // L is not an energy letter
    expect(codes('粤BD1234A')).toEqual(['plate_format']); // small NE ends in 4 digits
    expect(codes('粤B1234AD')).toEqual(['plate_format']); // large NE has 5 digits
  });

  it('rejects serials with I or O and says why', () => {
    expect(codes('粤B1234O')).toEqual(['plate_format']);
    expect(checkPlate('粤B1234O').issues[0]?.message.zh).toContain('字母 I、O 不用于车牌');
  });

  it('rejects a special suffix anywhere but the end', () => {
    expect(codes('粤B挂1234')).toEqual(['plate_format']);
    expect(codes('粤B123挂4')).toEqual(['plate_format']);
  });

  it('rejects empty input with plate_length', () => {
    for (const raw of ['', '   ', '·']) {
      const { issues } = checkPlate(raw);
      expect(issues.map((i) => i.code)).toEqual(['plate_length']);
      expect(issues[0]?.message.zh).toContain('请填写车牌号码');
    }
  });

  it('rejects the UNPLATED marker with plate_format', () => {
    expect(UNPLATED).toBe('无牌');
    const { issues, kind } = checkPlate(UNPLATED);
    expect(kind).toBeUndefined();
    expect(issues.map((i) => i.code)).toEqual(['plate_format']);
    expect(issues[0]?.message.zh).toContain('不是车牌号码');
  });

  it('reports several problems at once', () => {
    expect(codes('XI123')).toEqual(['plate_province', 'plate_authority', 'plate_length']);
  });

  it('does not judge the authority letter of a one-character input', () => {
    expect(codes('粤')).toEqual(['plate_length']);
  });

  it('uses the given field path and bilingual messages', () => {
    const [i] = checkPlate('粤B1234', 'vehicle.plate').issues;
    expect(i).toMatchObject({ field: 'vehicle.plate', severity: 'error' });
    expect(i?.message.zh.length).toBeGreaterThan(0);
    expect(i?.message.en.length).toBeGreaterThan(0);
  });
});

describe('defaultPlateColor', () => {
  it.each<[PlateKind, string]>([
    ['regular', 'blue'],
    ['new_energy_small', 'gradient_green'],
    ['new_energy_large', 'yellow_green'],
    ['trailer', 'yellow'],
    ['coach', 'yellow'],
    ['police', 'white'],
    ['hk_macau', 'black'],
  ])('%s → %s', (kind, color) => {
    expect(defaultPlateColor(kind)).toBe(color);
  });
});

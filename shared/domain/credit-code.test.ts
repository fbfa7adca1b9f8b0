import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_ALPHABET,
  checkCreditCode,
  creditCodeCheckChar,
  normaliseCreditCode,
  withCreditCheck,
} from './credit-code.js';

/** Real codes with a correct check character (archive-interface.md §5). */
const VALID = ['91430100MA4M76GY99', '91430103MACWD65H6H'];

describe('creditCodeCheckChar / withCreditCheck', () => {
  it.each(VALID)('computes the check character of %s', (code) => {
    expect(creditCodeCheckChar(code)).toBe(code.charAt(17));
    expect(withCreditCheck(code.slice(0, 17))).toBe(code);
  });

  it('has a 31-character alphabet without I, O, S, V, Z', () => {
    expect(CREDIT_CODE_ALPHABET).toHaveLength(31);
    for (const c of 'IOSVZ') expect(CREDIT_CODE_ALPHABET).not.toContain(c);
  });

  it('maps a remainder of 0 to check character 0 (31 → 0)', () => {
    // Σ = 0 for seventeen zeros, so c = 31 − 0 = 31 → 0.
    expect(withCreditCheck('00000000000000000')).toBe('000000000000000000');
  });

  it('throws on input it cannot compute', () => {
    expect(() => withCreditCheck('91430100MA4M76GY9')).not.toThrow();
    expect(() => withCreditCheck('91430100MA4M76GY')).toThrow(RangeError);
    expect(() => withCreditCheck('91430100MA4M76GYO')).toThrow(RangeError);
  });
});

describe('normaliseCreditCode', () => {
  it('trims, removes spaces, folds full-width and upper-cases', () => {
    expect(normaliseCreditCode(' 91430100 ma4m76gy99 ')).toBe('91430100MA4M76GY99');
    expect(normaliseCreditCode('９１４３０１００ＭＡ４Ｍ７６ＧＹ９９')).toBe('91430100MA4M76GY99');
  });
});

describe('checkCreditCode', () => {
  it.each(VALID)('accepts %s', (code) => {
    expect(checkCreditCode(code)).toEqual({ code, issues: [] });
  });

  it('accepts lower-case input and returns it normalised', () => {
    expect(checkCreditCode('91430103macwd65h6h')).toEqual({ code: '91430103MACWD65H6H', issues: [] });
  });

  it('rejects a wrong check character as an error naming expected vs found', () => {
    const { issues } = checkCreditCode('91430100MA4M76GY98');
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'credit_code_check', severity: 'error', field: 'creditCode' });
    expect(issues[0]?.message.zh).toContain('第18位应为“9”，实际为“8”');
  });

  it('catches a single mistyped character', () => {
    expect(checkCreditCode('91430100MA4M76GX99').issues.map((i) => i.code)).toEqual(['credit_code_check']);
    expect(checkCreditCode('91440100MA4M76GY99').issues.map((i) => i.code)).toEqual(['credit_code_check']);
  });

  it('rejects the wrong length', () => {
    const { issues } = checkCreditCode('91430100MA4M76GY9');
    expect(issues.map((i) => i.code)).toEqual(['credit_code_length']);
    expect(issues[0]?.message.zh).toContain('应为18位，当前为17位');
  });

  it('asks for the code when empty', () => {
    const { issues } = checkCreditCode('  ');
    expect(issues.map((i) => i.code)).toEqual(['credit_code_length']);
    expect(issues[0]?.message.zh).toContain('请填写统一社会信用代码');
  });

  it('names invalid characters and positions', () => {
    const { issues } = checkCreditCode('91430100MA4M76GYO9');
    expect(issues.map((i) => i.code)).toEqual(['credit_code_characters']);
    expect(issues[0]?.message.zh).toContain('第17位“O”');
    expect(issues[0]?.message.en).toContain("'O' at position 17");
  });

  it('reports length and characters together, without a check', () => {
    expect(checkCreditCode('9143010-MA4M').issues.map((i) => i.code)).toEqual([
      'credit_code_length',
      'credit_code_characters',
    ]);
  });

  it('uses the given field path', () => {
    expect(checkCreditCode('x', 'shop.creditCode').issues[0]?.field).toBe('shop.creditCode');
  });
});

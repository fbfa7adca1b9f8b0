/**
 * 统一社会信用代码 — GB 32100-2015 《法人和其他组织统一社会信用代码编码规则》.
 *
 * 18 characters from a 31-character alphabet (digits and capitals without I, O, Z, S, V); position 18 is
 * a check character over positions 1–17. The shop's code is printed on the settlement sheet
 * (archive-interface.md §4) and sent at platform registration, so a typo is an error, not a warning:
 * unlike VINs there are no legitimate codes that fail the check.
 */
import { type Issue, issue } from './issue.js';

export const CREDIT_CODE_LENGTH = 18;

/** GB 32100 表1: the character set, in value order (value = index). */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 32100 §4.2: weights W_i = 3^(i-1) mod 31 for positions 1–17. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Trim, drop inner whitespace, fold full-width forms (IME input) and upper-case. Never substitutes. */
export const normaliseCreditCode = (raw: string): string => raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();

const value = (c: string): number => {
  const v = c.length === 1 ? CREDIT_CODE_ALPHABET.indexOf(c) : -1;
  if (v < 0) throw new RangeError(`Not a credit-code character: ${JSON.stringify(c)}`);
  return v;
};

/**
 * The check character for the first 17 characters: C18 = 31 − (Σ value × weight mod 31), 31 → 0.
 * Throws RangeError unless given at least 17 valid characters (only the first 17 are used).
 */
export const creditCodeCheckChar = (code: string): string => {
  if (code.length < CREDIT_CODE_LENGTH - 1) throw new RangeError(`Need 17 characters: ${code}`);
  let sum = 0;
  for (let i = 0; i < CREDIT_CODE_LENGTH - 1; i++) sum += value(code.charAt(i)) * (WEIGHTS[i] ?? 0);
  const c = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_ALPHABET.charAt(c);
};

/** The 17 characters followed by their check character. For test data and seeds only, never for user input. */
export const withCreditCheck = (code17: string): string => {
  if (code17.length !== CREDIT_CODE_LENGTH - 1) throw new RangeError(`Need exactly 17 characters: ${code17}`);
  return `${code17}${creditCodeCheckChar(code17)}`;
};

const FIX_ZH = '请对照营业执照核对';
const FIX_EN = 'Check it against the business licence';

/**
 * Validate a unified social credit code as typed. Errors: `credit_code_length`,
 * `credit_code_characters` (names characters and positions), `credit_code_check`.
 */
export const checkCreditCode = (raw: string, field = 'creditCode'): { code: string; issues: Issue[] } => {
  const code = normaliseCreditCode(raw);
  const chars = [...code];
  const issues: Issue[] = [];

  if (chars.length !== CREDIT_CODE_LENGTH) {
    issues.push(
      chars.length === 0
        ? issue(
            'credit_code_length',
            '请填写统一社会信用代码（18位，见营业执照）',
            'Enter the unified social credit code (18 characters, on the business licence)',
            field,
          )
        : issue(
            'credit_code_length',
            `统一社会信用代码应为18位，当前为${chars.length}位；${FIX_ZH}`,
            `A unified social credit code has 18 characters; got ${chars.length}. ${FIX_EN}`,
            field,
          ),
    );
  }

  const bad = chars.flatMap((c, i) => (CREDIT_CODE_ALPHABET.includes(c) && c.length === 1 ? [] : [{ c, pos: i + 1 }]));
  if (bad.length > 0) {
    issues.push(
      issue(
        'credit_code_characters',
        `统一社会信用代码含有无效字符：${bad.map((b) => `第${b.pos}位“${b.c}”`).join('、')}；只使用数字和除 I、O、S、V、Z 以外的大写字母，${FIX_ZH}`,
        `The credit code has invalid characters: ${bad.map((b) => `'${b.c}' at position ${b.pos}`).join(', ')}. Only digits and capital letters except I, O, S, V, Z are used. ${FIX_EN}`,
        field,
      ),
    );
  }

  if (issues.length === 0) {
    const expected = creditCodeCheckChar(code);
    const found = code.charAt(CREDIT_CODE_LENGTH - 1);
    if (expected !== found) {
      issues.push(
        issue(
          'credit_code_check',
          `统一社会信用代码校验位不符（第18位应为“${expected}”，实际为“${found}”），说明有字符输错；${FIX_ZH}`,
          `The credit code's check character does not match (position 18 should be '${expected}', is '${found}'), so a character is mistyped. ${FIX_EN}`,
          field,
        ),
      );
    }
  }

  return { code, issues };
};

/**
 * 车辆识别代号 (VIN) — GB 16735-2019 / ISO 3779.
 *
 * The VIN is the key of the one-vehicle-one-file archive (archive-interface.md §2, §5), so the rules
 * here are deliberately conservative: we normalise only what cannot change meaning (whitespace, case,
 * full-width forms typed through a pinyin IME) and we never "fix" a character (O→0, I→1, Q→0): a wrong
 * VIN must be corrected by a person looking at the 行驶证 or the vehicle, never guessed by software.
 */
import { type Issue, issue, warning } from './issue.js';

export const VIN_LENGTH = 17;

/** Characters allowed by ISO 3779 §5.1: digits and capital letters except I, O, Q. */
const VIN_CHAR = /^[0-9A-HJ-NPR-Z]$/;

/**
 * Transliteration of letters to values, ISO 3779 Annex / GB 16735 附录: A,J=1 B,K,S=2 C,L,T=3 D,M,U=4
 * E,N,V=5 F,W=6 G,P,X=7 H,Y=8 R,Z=9. Digits count at face value.
 */
const LETTER_VALUE: Readonly<Record<string, number>> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};

/** Position weights 1–17; position 9 (the check digit itself) weighs 0. */
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2] as const;

/** 1-based position of the check digit. */
export const VIN_CHECK_POSITION = 9;

/**
 * Trim, drop every inner whitespace, fold full-width forms (NFKC: `ＬＳＪ` → `LSJ`, ideographic space →
 * space) and upper-case. Nothing else: characters are never substituted.
 */
export const normaliseVin = (raw: string): string => raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();

const charValue = (c: string): number => {
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48;
  const v = LETTER_VALUE[c];
  if (v === undefined) throw new RangeError(`Not a VIN character: ${JSON.stringify(c)}`);
  return v;
};

/**
 * The check digit a 17-character VIN should carry at position 9 (ISO 3779 Annex A, mandatory in China
 * under GB 16735): Σ value × weight, mod 11, remainder 10 written `X`. Position 9 of the input is ignored.
 * Throws RangeError on input that is not 17 valid VIN characters — call `checkVin` for user input.
 */
export const vinCheckDigit = (vin17: string): string => {
  if (vin17.length !== VIN_LENGTH) throw new RangeError(`VIN must have ${VIN_LENGTH} characters: ${vin17}`);
  let sum = 0;
  for (let i = 0; i < VIN_LENGTH; i++) sum += charValue(vin17.charAt(i)) * (WEIGHTS[i] ?? 0);
  const r = sum % 11;
  return r === 10 ? 'X' : String(r);
};

/**
 * The VIN with position 9 replaced by the correct check digit. For test-data generators and seeds
 * only — never apply it to what a user typed (that would invent a VIN).
 */
export const withCheckDigit = (vin17: string): string =>
  `${vin17.slice(0, VIN_CHECK_POSITION - 1)}${vinCheckDigit(vin17)}${vin17.slice(VIN_CHECK_POSITION)}`;

/** Hint for the letters people most often type instead of a digit. */
const LOOKALIKE: Readonly<Record<string, string>> = { I: '1', O: '0', Q: '0' };

/**
 * Validate a VIN as typed. Errors: `vin_length`, `vin_characters` (each names what to fix);
 * warning: `vin_check_digit` — legitimate grey imports and some old vehicles fail the check, so the
 * clerk confirms after comparing with the registration certificate.
 */
export const checkVin = (raw: string, field = 'vin'): { vin: string; issues: Issue[] } => {
  const vin = normaliseVin(raw);
  const issues: Issue[] = [];
  const chars = [...vin];

  if (chars.length === 0) {
    issues.push(
      issue(
        'vin_length',
        '请填写车辆识别代号（17位，见行驶证“车辆识别代号”栏）',
        'Enter the VIN (17 characters, see the vehicle registration certificate)',
        field,
      ),
    );
    return { vin, issues };
  }

  if (chars.length !== VIN_LENGTH) {
    issues.push(
      issue(
        'vin_length',
        `车辆识别代号应为17位，当前为${chars.length}位；请对照行驶证核对`,
        `VIN must be 17 characters; got ${chars.length}. Check it against the registration certificate`,
        field,
      ),
    );
  }

  const bad = chars.flatMap((c, i) => (VIN_CHAR.test(c) ? [] : [{ c, pos: i + 1 }]));
  if (bad.length > 0) {
    const listZh = bad.map((b) => `第${b.pos}位“${b.c}”`).join('、');
    const listEn = bad.map((b) => `'${b.c}' at position ${b.pos}`).join(', ');
    const lookalikes = [...new Set(bad.map((b) => b.c).filter((c) => c in LOOKALIKE))];
    const hintZh =
      lookalikes.length > 0
        ? `；VIN 不使用字母 I、O、Q，请核对是否应为数字 ${lookalikes.map((c) => `${c}→${LOOKALIKE[c]}`).join('、')}`
        : '；只允许数字 0–9 和除 I、O、Q 以外的大写字母';
    const hintEn =
      lookalikes.length > 0
        ? `. VINs never use I, O or Q: check whether the digit was meant (${lookalikes.map((c) => `${c}→${LOOKALIKE[c]}`).join(', ')})`
        : '. Only digits 0–9 and capital letters except I, O, Q are allowed';
    issues.push(
      issue(
        'vin_characters',
        `车辆识别代号含有无效字符：${listZh}${hintZh}`,
        `VIN has invalid characters: ${listEn}${hintEn}`,
        field,
      ),
    );
  }

  if (issues.length === 0) {
    const expected = vinCheckDigit(vin);
    const found = vin.charAt(VIN_CHECK_POSITION - 1);
    if (expected !== found) {
      issues.push(
        warning(
          'vin_check_digit',
          `车辆识别代号第9位校验位应为“${expected}”，实际为“${found}”；请对照行驶证逐位核对，确认无误（如部分进口或老旧车辆）后可继续`,
          `VIN check digit (position 9) should be '${expected}' but is '${found}'. Compare every character with the registration certificate; continue only if it is correct as typed (some imported or old vehicles)`,
          field,
        ),
      );
    }
  }

  return { vin, issues };
};

/**
 * 机动车号牌号码 — GA 36-2018 《中华人民共和国机动车号牌》.
 *
 * A plate is: province abbreviation (省、自治区、直辖市简称) + authority letter (发牌机关代号) + serial
 * (序号). Ordinary plates have a 5-character serial whose last character may instead be a special
 * suffix (挂 trailer, 学 coach, 警 police, 港/澳 Hong Kong/Macau entry). New-energy plates (新能源汽车号牌)
 * have a 6-character serial with an energy letter (D pure electric, F other) in front (small cars) or at
 * the end (large vehicles). Plates are validated, never "corrected".
 */
import type { PlateColor } from './enums.js';
import { type Issue, issue } from './issue.js';

/** The 31 province-level abbreviations that begin a civil plate (GA 36-2018 附录). */
export const PLATE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const PROVINCE_SET: ReadonlySet<string> = new Set(PLATE_PROVINCES);

/**
 * The explicit "no plate yet" marker (new cars, temporary plates) used by the rest of the app and sent
 * as `vehicleplatenumber` for unplated vehicles. It is NOT a plate: `checkPlate` rejects it, callers
 * handle the unplated case explicitly.
 */
export const UNPLATED = '无牌';

export type PlateKind =
  | 'regular'
  | 'new_energy_small'
  | 'new_energy_large'
  | 'trailer'
  | 'coach'
  | 'police'
  | 'hk_macau';

/** Authority letters: A–Z except I and O, which GA 36 keeps out of plates to avoid confusion with 1 and 0. */
const AUTHORITY = /^[A-HJ-NP-Z]$/;
/**
 * Leniency [I]: some public-security authorities issue police plates under the letter O (e.g. 京O…警).
 * Accepted only together with the 警 suffix, so an ordinary mistyped 0/O still fails.
 */
const POLICE_AUTHORITY = /^[A-HJ-Z]$/;

/** Serial characters: digits and A–Z except I and O. */
const SERIAL = '[A-HJ-NP-Z0-9]';
const SPECIAL_SUFFIX: Readonly<Record<string, PlateKind>> = {
  挂: 'trailer',
  学: 'coach',
  警: 'police',
  港: 'hk_macau',
  澳: 'hk_macau',
};

/**
 * Energy-type letter of a new-energy plate. GA 36-2018 uses D (pure electric) and F (other new energy);
 * issuing authorities have since extended the slot to A–K without I when the D/F ranges ran out
 * (archive-interface.md §5, [U]), and validators in the field accept those, so do we.
 */
const ENERGY = '[A-HJK]';

const REGULAR = new RegExp(`^${SERIAL}{5}$`);
const SPECIAL = new RegExp(`^${SERIAL}{4}[挂学警港澳]$`);
const NE_SMALL = new RegExp(`^${ENERGY}${SERIAL}[0-9]{4}$`);
const NE_LARGE = new RegExp(`^[0-9]{5}${ENERGY}$`);

/**
 * Strip what people and printed plates put between the parts (spaces, `.`, `·` and its look-alikes,
 * hyphens), fold full-width forms (NFKC) and upper-case latin letters. Chinese characters are unchanged.
 */
export const normalisePlate = (raw: string): string =>
  raw
    .normalize('NFKC')
    .replace(/[\s.\u00B7\u2022\u2027\u2219\u22C5\u30FB\u2010-\u2015\u2212-]+/g, '')
    .toUpperCase();

const FIX_ZH = '请对照行驶证或车辆号牌核对';
const FIX_EN = 'Check it against the registration certificate or the plate itself';

/** Classify the part after province + authority letter; undefined when it fits no GA 36 layout. */
const classifySerial = (serial: string[]): PlateKind | undefined => {
  const s = serial.join('');
  if (serial.length === 5) {
    if (REGULAR.test(s)) return 'regular';
    if (SPECIAL.test(s)) return SPECIAL_SUFFIX[serial[4] ?? ''];
    return undefined;
  }
  if (serial.length === 6) {
    if (NE_SMALL.test(s)) return 'new_energy_small';
    if (NE_LARGE.test(s)) return 'new_energy_large';
  }
  return undefined;
};

/**
 * Validate a plate as typed. Errors (codes are stable):
 * `plate_length` (empty, or not 7/8 characters), `plate_province`, `plate_authority`, `plate_format`
 * (the serial fits no GA 36 layout, or the text is the UNPLATED marker). `kind` is set only when valid.
 */
export const checkPlate = (raw: string, field = 'plate'): { plate: string; kind?: PlateKind; issues: Issue[] } => {
  const plate = normalisePlate(raw);
  const chars = [...plate];

  if (plate === UNPLATED) {
    return {
      plate,
      issues: [
        issue(
          'plate_format',
          '“无牌”不是车牌号码；未上牌车辆请选择“无牌”选项，不要填入号码栏',
          `'${UNPLATED}' (no plate) is not a plate number; mark the vehicle as unplated instead of typing it`,
          field,
        ),
      ],
    };
  }

  if (chars.length === 0) {
    return {
      plate,
      issues: [
        issue(
          'plate_length',
          '请填写车牌号码（如 粤B12345）；未上牌车辆请选择“无牌”',
          'Enter the plate number (e.g. 粤B12345); mark the vehicle as unplated if it has none',
          field,
        ),
      ],
    };
  }

  const issues: Issue[] = [];
  const [province = '', authority = '', ...serial] = chars;
  const suffix = serial[serial.length - 1] ?? '';

  if (!PROVINCE_SET.has(province)) {
    issues.push(
      issue(
        'plate_province',
        `车牌第1位应为省份简称（如 粤、京、沪），当前为“${province}”；${FIX_ZH}`,
        `A plate must start with a province abbreviation (e.g. 粤, 京, 沪); got '${province}'. ${FIX_EN}`,
        field,
      ),
    );
  }

  // A one-character input has no authority letter to judge: plate_length says what is missing.
  const authorityOk =
    chars.length < 2 || (suffix === '警' ? POLICE_AUTHORITY.test(authority) : AUTHORITY.test(authority));
  if (!authorityOk) {
    const lookalike = authority === 'I' || authority === 'O';
    issues.push(
      issue(
        'plate_authority',
        `车牌第2位应为发牌机关字母（A–Z，不含 I、O），当前为“${authority}”${lookalike ? '；字母 I、O 不用于车牌' : ''}；${FIX_ZH}`,
        `The second character must be the issuing-authority letter (A–Z except I and O); got '${authority}'. ${FIX_EN}`,
        field,
      ),
    );
  }

  if (chars.length !== 7 && chars.length !== 8) {
    issues.push(
      issue(
        'plate_length',
        `车牌号码应为7位（新能源车为8位），当前为${chars.length}位；${FIX_ZH}`,
        `A plate has 7 characters (8 for new-energy vehicles); got ${chars.length}. ${FIX_EN}`,
        field,
      ),
    );
  }

  if (issues.length > 0) return { plate, issues };

  const kind = classifySerial(serial);
  if (kind === undefined) {
    const hasIO = serial.some((c) => c === 'I' || c === 'O');
    const zh =
      chars.length === 7
        ? `车牌“${plate}”的序号应为5位数字或字母（不含 I、O），末位可为 挂/学/警/港/澳`
        : `新能源车牌“${plate}”应为 省份+字母+D/F+5位序号（小型车，如 粤BD12345）或 省份+字母+5位数字+D/F（大型车，如 粤B12345D）`;
    const en =
      chars.length === 7
        ? `The serial of '${plate}' must be 5 digits or letters (not I or O); the last may be 挂/学/警/港/澳`
        : `New-energy plate '${plate}' must be province+letter+D/F+5 characters (small, e.g. 粤BD12345) or province+letter+5 digits+D/F (large, e.g. 粤B12345D)`;
    issues.push(
      issue(
        'plate_format',
        `${zh}${hasIO ? '；字母 I、O 不用于车牌，请核对是否为数字 1、0' : ''}；${FIX_ZH}`,
        `${en}${hasIO ? '. Plates never use I or O: check for the digits 1 and 0' : ''}. ${FIX_EN}`,
        field,
      ),
    );
    return { plate, issues };
  }

  return { plate, kind, issues };
};

/**
 * The usual plate colour for a layout, used to pre-fill the colour the GET-form archive adapter sends.
 * Only a default: trucks and buses carry yellow plates in the regular layout, so the clerk may change it.
 */
export const defaultPlateColor = (kind: PlateKind): PlateColor => {
  switch (kind) {
    case 'regular':
      return 'blue';
    case 'new_energy_small':
      return 'gradient_green';
    case 'new_energy_large':
      return 'yellow_green';
    case 'trailer':
    case 'coach':
      return 'yellow';
    case 'police':
      return 'white';
    case 'hk_macau':
      return 'black';
  }
};

/**
 * Money and quantities as integers (architecture.md "Data rules"): money in fen (分), labour hours in
 * tenths of an hour, part quantities in hundredths. Floats never touch a stored amount: parsing is
 * decimal-exact, products go through BigInt, and formatting happens only at the edges (UI, print,
 * archive mapping). Every function throws RangeError on a non-integer input: that is a programming
 * error, and silently rounding money would hide it.
 */

const assertSafeInteger = (n: number, what: string): void => {
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} must be a safe integer, got ${n}`);
};

const toSafeNumber = (b: bigint, what: string): number => {
  if (b > BigInt(Number.MAX_SAFE_INTEGER) || b < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`${what} exceeds the safe integer range: ${b}`);
  }
  return Number(b);
};

/** Integer with an implied decimal point: (250, 1) → "25.0", (-5, 2) → "-0.05". */
const formatScaled = (n: number, decimals: number, what: string): string => {
  assertSafeInteger(n, what);
  // String() of a safe integer never uses exponent notation.
  const digits = String(Math.abs(n)).padStart(decimals + 1, '0');
  const sign = n < 0 ? '-' : '';
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
};

/** Fen as yuan with two decimals, no grouping: 12345 → "123.45", -150 → "-1.50". */
export const formatFen = (fen: number): string => formatScaled(fen, 2, 'fen');

/** Tenths of an hour with one decimal, as the archive's `workinghours` wants: 25 → "2.5", 30 → "3.0". */
export const formatTenths = (tenths: number): string => formatScaled(tenths, 1, 'tenths');

/** Hundredths with two decimals, as the archive's `partsquantity` wants: 400 → "4.00", 25 → "0.25". */
export const formatHundredths = (hundredths: number): string => formatScaled(hundredths, 2, 'hundredths');

const YUAN = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/**
 * Parse a yuan amount typed by a person into fen, exactly ("123.45" → 12345, "0.5" → 50, "-1.5" → -150).
 * Full-width digits from an IME are folded (NFKC) and surrounding spaces ignored. Returns undefined
 * for anything else — grouping commas, currency signs, more than 2 decimals (we never round what was
 * typed), or amounts beyond the safe integer range.
 */
export const parseYuan = (text: string): number | undefined => {
  const m = YUAN.exec(text.normalize('NFKC').trim());
  if (!m) return undefined;
  const [, sign, int = '', frac = ''] = m;
  const fen = BigInt(int) * 100n + BigInt(frac.padEnd(2, '0'));
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  const n = Number(fen);
  return sign === '-' && n !== 0 ? -n : n; // never -0
};

/** n / d rounded half up, away from zero for negatives (四舍五入 as printed on receipts). */
const divRoundHalfUp = (n: bigint, d: bigint): bigint => {
  const abs = n < 0n ? -n : n;
  const q = (2n * abs + d) / (2n * d);
  return n < 0n ? -q : q;
};

/**
 * Amount of a parts line: quantity (hundredths) × unit price (fen), rounded half up to the fen.
 * 1.50 × ¥12.35 → lineAmountFen(150, 1235) = 1853 (18.525 → 18.53).
 */
export const lineAmountFen = (qtyHundredths: number, unitPriceFen: number): number => {
  assertSafeInteger(qtyHundredths, 'qtyHundredths');
  assertSafeInteger(unitPriceFen, 'unitPriceFen');
  return toSafeNumber(divRoundHalfUp(BigInt(qtyHundredths) * BigInt(unitPriceFen), 100n), 'line amount');
};

/**
 * Labour amount: hours (tenths) × hourly rate (fen), rounded half up to the fen.
 * 2.5 h × ¥80.05/h → labourAmountFen(25, 8005) = 20013 (200.125 → 200.13).
 */
export const labourAmountFen = (hoursTenths: number, rateFen: number): number => {
  assertSafeInteger(hoursTenths, 'hoursTenths');
  assertSafeInteger(rateFen, 'rateFen');
  return toSafeNumber(divRoundHalfUp(BigInt(hoursTenths) * BigInt(rateFen), 10n), 'labour amount');
};

const CN_DIGIT = '零壹贰叁肆伍陆柒捌玖';
const CN_SMALL_UNIT = ['仟', '佰', '拾', ''] as const;

const cnDigit = (d: number): string => CN_DIGIT.charAt(d);

/** 1…9999 without leading 零; one 零 for each run of inner zeros (1010 → 壹仟零壹拾). */
const cnSection = (n: number): string => {
  let out = '';
  let zero = false;
  const digits = String(n).padStart(4, '0');
  for (let i = 0; i < 4; i++) {
    const d = digits.charCodeAt(i) - 48;
    if (d === 0) {
      if (out !== '') zero = true;
    } else {
      out += `${zero ? '零' : ''}${cnDigit(d)}${CN_SMALL_UNIT[i]}`;
      zero = false;
    }
  }
  return out;
};

/**
 * A positive integer in capitals, grouped by 万 and 亿 (亿 groups recurse, so 10^12 → 壹万亿).
 * A lower group that starts with zeros gets one 零 (100100 → 壹拾万零壹佰); trailing zeros of a higher
 * group before a non-zero leading digit do not (101000 → 壹拾万壹仟), as the amount is read aloud.
 */
const cnInteger = (n: number): string => {
  if (n >= 1e8) {
    const lo = n % 1e8;
    return `${cnInteger(Math.floor(n / 1e8))}亿${lo === 0 ? '' : `${lo < 1e7 ? '零' : ''}${cnInteger(lo)}`}`;
  }
  if (n >= 1e4) {
    const lo = n % 1e4;
    return `${cnSection(Math.floor(n / 1e4))}万${lo === 0 ? '' : `${lo < 1e3 ? '零' : ''}${cnSection(lo)}`}`;
  }
  return cnSection(n);
};

/**
 * 人民币大写 for the settlement sheet's 总费用 (JT/T 1133 template), following 《会计基础工作规范》
 * (财会字〔1996〕19号) 第五十二条 and the PBOC 《正确填写票据和结算凭证的基本规定》:
 *  - digits 零壹贰叁肆伍陆柒捌玖, units 拾佰仟万亿, 元角分; 拾 always carries its digit (壹拾元).
 *  - An amount ending at 元 or at 角 gets 整 (壹元整, 贰角整, 玖角整); one ending at 分 does not
 *    (壹拾元零伍分). PBOC makes 整 after 角 optional, 会计基础工作规范 requires it, so we always write it.
 *  - Inner zeros: one 零 per run (壹仟零伍元, 壹拾万零壹佰元); 元…零X分 when 角 is 0 (壹元零壹分).
 *  - Where both rules allow writing or omitting 零 (元位 or 万位 is 0 but 角/仟 is not) we omit it:
 *    壹仟陆佰捌拾元叁角贰分, 壹拾万壹仟元整.
 *  - Below one yuan no 零元 prefix (贰角伍分, 伍分); zero is 零元整; negatives get 负 in front.
 * Returns the words only: the sheet prints the "人民币（大写）" caption itself.
 */
export const fenToChineseCapital = (fen: number): string => {
  assertSafeInteger(fen, 'fen');
  if (fen === 0) return '零元整';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const jiao = Math.floor(abs / 10) % 10;
  const fenDigit = abs % 10;

  let out = yuan > 0 ? `${cnInteger(yuan)}元` : '';
  if (jiao === 0 && fenDigit === 0) {
    out += '整';
  } else {
    if (jiao > 0) out += `${cnDigit(jiao)}角`;
    else if (yuan > 0) out += '零';
    out += fenDigit > 0 ? `${cnDigit(fenDigit)}分` : '整';
  }
  return `${fen < 0 ? '负' : ''}${out}`;
};

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fenToChineseCapital,
  formatFen,
  formatHundredths,
  formatTenths,
  labourAmountFen,
  lineAmountFen,
  parseYuan,
} from './money.js';

describe('formatFen / formatTenths / formatHundredths', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [50, '0.50'],
    [12345, '123.45'],
    [-150, '-1.50'],
    [-5, '-0.05'],
    [1e12, '10000000000.00'],
    [Number.MAX_SAFE_INTEGER, '90071992547409.91'],
  ])('formatFen(%s) = %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text);
  });

  it.each([
    [25, '2.5'],
    [30, '3.0'],
    [0, '0.0'],
    [5, '0.5'],
    [1234, '123.4'],
    [-5, '-0.5'],
  ])('formatTenths(%s) = %s', (t, text) => {
    expect(formatTenths(t)).toBe(text);
  });

  it.each([
    [400, '4.00'],
    [25, '0.25'],
    [1, '0.01'],
    [150, '1.50'],
  ])('formatHundredths(%s) = %s', (q, text) => {
    expect(formatHundredths(q)).toBe(text);
  });

  it('throws on non-integers instead of rounding money', () => {
    expect(() => formatFen(1.5)).toThrow(RangeError);
    expect(() => formatFen(Number.NaN)).toThrow(RangeError);
    expect(() => formatTenths(2.5)).toThrow(RangeError);
    expect(() => formatHundredths(Number.MAX_SAFE_INTEGER + 1)).toThrow(RangeError);
  });
});

describe('parseYuan', () => {
  it.each<[string, number]>([
    ['123.45', 12345],
    ['123', 12300],
    ['0.5', 50],
    ['0.05', 5],
    ['0', 0],
    ['007.10', 710],
    [' 12.3 ', 1230],
    ['-1.5', -150],
    ['-0.00', 0],
    ['１２３．４５', 12345], // full-width from an IME
    ['0.29', 29], // 0.29 * 100 is 28.999999999999996 in floating point
    ['1.13', 113],
    ['90071992547409.91', Number.MAX_SAFE_INTEGER],
    ['10000000000.00', 1e12],
  ])('parseYuan(%j) = %s', (text, fen) => {
    expect(parseYuan(text)).toBe(fen);
  });

  it('never returns -0', () => {
    expect(Object.is(parseYuan('-0'), 0)).toBe(true);
  });

  it.each([
    '',
    ' ',
    'abc',
    '1.234',
    '1.',
    '.5',
    '1,234.00',
    '¥12',
    '12元',
    '1e3',
    '+1',
    '--1',
    '1.2.3',
    'Infinity',
    '0x10',
    '90071992547409.92',
  ])('parseYuan(%j) is undefined', (text) => {
    expect(parseYuan(text)).toBeUndefined();
  });

  it('round-trips with formatFen', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (fen) => {
        expect(parseYuan(formatFen(fen))).toBe(fen);
      }),
    );
  });
});

describe('lineAmountFen / labourAmountFen', () => {
  it.each<[number, number, number]>([
    [100, 1235, 1235], // 1 × 12.35
    [400, 4500, 18000], // 4.00 L × 45.00
    [150, 1235, 1853], // 18.525 → 18.53 (half up)
    [150, 1233, 1850], // 18.495 → 18.50
    [33, 100, 33],
    [1, 49, 0], // 0.49 fen → 0
    [1, 50, 1], // 0.50 fen → 1
    [-150, 1235, -1853], // returns: half away from zero
    [150, -1235, -1853],
    [0, 999999, 0],
    [100, 1e12, 1e12], // exact at 1e12 fen
    [12345, 1e12 + 1, 123450000000123], // product 1.2345e16 exceeds 2^53, BigInt keeps it exact
  ])('lineAmountFen(%s, %s) = %s', (qty, price, fen) => {
    expect(lineAmountFen(qty, price)).toBe(fen);
  });

  it.each<[number, number, number]>([
    [25, 8000, 20000], // 2.5 h × 80.00
    [25, 8005, 20013], // 200.125 → 200.13
    [10, 12345, 12345],
    [3, 1, 0], // 0.3 fen → 0
    [5, 1, 1], // 0.5 fen → 1
    [-5, 1, -1],
    [10, 1e12, 1e12],
  ])('labourAmountFen(%s, %s) = %s', (hours, rate, fen) => {
    expect(labourAmountFen(hours, rate)).toBe(fen);
  });

  it('agrees with an exact BigInt reference on random inputs', () => {
    const ref = (a: bigint, b: bigint, d: bigint): bigint => {
      const p = a * b;
      const abs = p < 0n ? -p : p;
      const q = abs / d + ((abs % d) * 2n >= d ? 1n : 0n);
      return p < 0n ? -q : q;
    };
    fc.assert(
      fc.property(fc.integer({ min: -1e7, max: 1e7 }), fc.integer({ min: -1e8, max: 1e8 }), (q, p) => {
        expect(lineAmountFen(q, p)).toBe(Number(ref(BigInt(q), BigInt(p), 100n)));
        expect(labourAmountFen(q, p)).toBe(Number(ref(BigInt(q), BigInt(p), 10n)));
      }),
    );
  });

  it('throws on non-integer input or an unsafe result', () => {
    expect(() => lineAmountFen(1.5, 100)).toThrow(RangeError);
    expect(() => labourAmountFen(10, 0.1)).toThrow(RangeError);
    expect(() => lineAmountFen(Number.MAX_SAFE_INTEGER, 1000)).toThrow(RangeError);
  });
});

describe('fenToChineseCapital', () => {
  it.each<[number, string]>([
    [0, '零元整'],
    [100, '壹元整'],
    [1005, '壹拾元零伍分'],
    [100000, '壹仟元整'],
    [10010000, '壹拾万零壹佰元整'],
    [1234567890, '壹仟贰佰叁拾肆万伍仟陆佰柒拾捌元玖角整'],
    [12345, '壹佰贰拾叁元肆角伍分'],
    [20, '贰角整'],
    [10, '壹角整'],
    [25, '贰角伍分'],
    [5, '伍分'],
    [101, '壹元零壹分'],
    [150, '壹元伍角整'],
    [1050, '壹拾元伍角整'], // 元位 0, 角 not 0: optional 零 omitted
    [168032, '壹仟陆佰捌拾元叁角贰分'], // PBOC example ￥1680.32
    [100500, '壹仟零伍元整'],
    [110000, '壹仟壹佰元整'],
    [1000, '壹拾元整'],
    [1100, '壹拾壹元整'],
    [1000000, '壹万元整'],
    [10100000, '壹拾万壹仟元整'], // 万位 0, 仟 not 0: optional 零 omitted
    [100000100, '壹佰万零壹元整'],
    [1001000000, '壹仟零壹万元整'],
    [1000010000, '壹仟万零壹佰元整'],
    [10000000000, '壹亿元整'],
    [10000100000, '壹亿零壹仟元整'], // whole 万 group zero
    [10001000000, '壹亿零壹万元整'],
    [10010000000, '壹亿零壹拾万元整'],
    [11000000000, '壹亿壹仟万元整'],
    [1000000000000, '壹佰亿元整'],
    [1234567890123, '壹佰贰拾叁亿肆仟伍佰陆拾柒万捌仟玖佰零壹元贰角叁分'],
    [100000000000000, '壹万亿元整'],
    [1000000000000000, '壹拾万亿元整'],
    [Number.MAX_SAFE_INTEGER, '玖拾万零柒佰壹拾玖亿玖仟贰佰伍拾肆万柒仟肆佰零玖元玖角壹分'],
    [-150, '负壹元伍角整'],
    [-5, '负伍分'],
  ])('%s fen → %s', (fen, text) => {
    expect(fenToChineseCapital(fen)).toBe(text);
  });

  it('never writes two 零 in a row, nor starts or ends with 零 (except 零元整)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (fen) => {
        const s = fenToChineseCapital(fen);
        expect(s).not.toMatch(/零零|^零|零[元万亿整]|[角分]整.|分整/);
        expect(s.endsWith('整') || s.endsWith('分')).toBe(true);
      }),
    );
  });

  it('throws on non-integers', () => {
    expect(() => fenToChineseCapital(1.5)).toThrow(RangeError);
  });
});

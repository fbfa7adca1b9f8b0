/**
 * What the clerk types → the integers the core stores (architecture.md: integers inside). Hours have
 * one decimal (tenths), quantities and yuan two (hundredths / fen); anything else is refused, never
 * rounded.
 */
import { formatFen, formatHundredths, formatTenths, parseYuan } from '../../../shared/domain/money.js';

/** "12.5" → 1250 fen; undefined for anything that is not a non-negative amount with ≤ 2 decimals. */
export const parseFen = (text: string | undefined | null): number | undefined => {
  const v = parseYuan(String(text ?? ''));
  return v !== undefined && v >= 0 ? v : undefined;
};

/** "1.5" → 150 hundredths. */
export const parseHundredths = parseFen;

/** "2.5" → 25 tenths; "2.55" → undefined. */
export const parseTenths = (text: string | undefined | null): number | undefined => {
  const v = parseFen(text);
  return v !== undefined && v % 10 === 0 ? v / 10 : undefined;
};

/** Integers back to what goes into an input (no grouping, no currency sign). */
export const fenText = (fen: number): string => formatFen(fen);
const trimZeros = (s: string) => s.replace(/\.?0+$/, '');
export const tenthsText = (t: number): string => trimZeros(formatTenths(t));
export const hundredthsText = (h: number): string => trimZeros(formatHundredths(h));

/** An antd Form rule: empty is allowed unless `required`, otherwise the text must parse. */
export const numberRule =
  (parse: (s: string) => number | undefined, message: string, opts: { required?: boolean; min?: number } = {}) =>
  () => ({
    validator(_: unknown, value: unknown) {
      const s = value == null ? '' : String(value).trim();
      if (!s) return opts.required ? Promise.reject(new Error(message)) : Promise.resolve();
      const n = parse(s);
      return n !== undefined && n >= (opts.min ?? 0) ? Promise.resolve() : Promise.reject(new Error(message));
    },
  });

/**
 * What the clerk types → the integers the core stores (architecture.md: integers inside). Yuan and
 * quantities both have two decimals (fen, hundredths) and go through the decimal-exact parseYuan;
 * anything with more decimals is refused, never rounded.
 */
import { formatFen, formatHundredths, parseYuan } from '../../../shared/domain/money.js';

/** "68.5" → 6850 fen; undefined unless a non-negative amount with ≤ 2 decimals. */
export const parseFen = (text: unknown): number | undefined => {
  const v = parseYuan(String(text ?? ''));
  return v !== undefined && v >= 0 ? v : undefined;
};

/** "0.5" → 50 hundredths (same arithmetic as yuan → fen). */
export const parseQty = parseFen;

const trimZeros = (s: string) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);
/** Integers back into an input's text: 6850 → "68.50", 50 → "0.5". */
export const fenText = (fen: number): string => formatFen(fen);
export const qtyText = (h: number): string => trimZeros(formatHundredths(h));

/** antd Form rule for a typed amount: empty passes unless required; otherwise it must parse and be ≥ min. */
export const amountRule =
  (parse: (s: unknown) => number | undefined, message: string, opts: { required?: boolean; min?: number } = {}) =>
  () => ({
    validator(_: unknown, value: unknown) {
      const s = value == null ? '' : String(value).trim();
      if (!s) return opts.required ? Promise.reject(new Error(message)) : Promise.resolve();
      const n = parse(s);
      return n !== undefined && n >= (opts.min ?? 0) ? Promise.resolve() : Promise.reject(new Error(message));
    },
  });

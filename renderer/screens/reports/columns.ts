/**
 * A report's columns, declared once for the screen table and the Excel file, so the two never
 * disagree: what each column shows (value), of which kind (money, hours, quantity…), and its total.
 * The screen formats with the shared formatters; Excel gets real numbers with a number format.
 */
import type { TFunction } from 'i18next';
import type { Cell } from 'write-excel-file/browser';
import { hours, qty, yuan } from '../../components/format.js';
import type { Lang } from '../../i18n/index.js';

/** yuan: fen; hours: tenths; qty: hundredths; ratio: 0…1 (or null when undefined). */
export type Kind = 'text' | 'int' | 'yuan' | 'hours' | 'qty' | 'ratio';
export type CellValue = string | number | null;

/** The language a cell is written in: the clerk's on screen, always zh in the Excel file. */
export interface In {
  t: TFunction<'reports'>;
  lang: Lang;
}

export interface ReportColumn<R, T> {
  key: string;
  title: (c: In) => string;
  kind: Kind;
  value: (row: R, c: In) => CellValue;
  /** The totals row's cell; omit for an empty cell. */
  total?: (totals: T) => CellValue;
  /** Screen width in px (the rest share what is left). */
  width?: number;
  /** Excel width in characters. */
  xlsxWidth?: number;
}

/**
 * For one report's row and totals types: a column that reads the same field from each row and from
 * the totals row (counts, hours, money), titled `col.<label>`.
 */
export const totalledColumns =
  <R, T>() =>
  <F extends keyof R & keyof T & string>(field: F, label: string, kind: Kind, width?: number): ReportColumn<R, T> => ({
    key: label,
    title: (c) => c.t(`col.${label}`),
    kind,
    value: (r) => r[field] as CellValue,
    total: (s) => s[field] as CellValue,
    ...(width === undefined ? {} : { width }),
  });

export const isNumeric = (k: Kind) => k !== 'text';

/** The cell as the screen shows it. */
export function formatCell(kind: Kind, v: CellValue): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  switch (kind) {
    case 'yuan':
      return yuan(v);
    case 'hours':
      return hours(v);
    case 'qty':
      return qty(v);
    case 'ratio':
      return `${(v * 100).toFixed(1)}%`;
    default:
      return String(v);
  }
}

const XLSX_FORMAT: Partial<Record<Kind, string>> = {
  yuan: '#,##0.00',
  hours: '0.0',
  qty: '#,##0.00',
  ratio: '0.0%',
  int: '0',
};
/** Integer units → the number Excel should hold (yuan, hours, units). */
const XLSX_SCALE: Partial<Record<Kind, number>> = { yuan: 100, hours: 10, qty: 100 };

/** The cell as Excel gets it: numbers as numbers with a format, so sums and charts work. */
export function xlsxCell(kind: Kind, v: CellValue, bold = false): Cell {
  const style = bold ? { fontWeight: 'bold' as const } : {};
  if (v === null) return null;
  if (typeof v === 'string') return { value: v, type: String, ...style };
  const format = XLSX_FORMAT[kind];
  return { value: v / (XLSX_SCALE[kind] ?? 1), type: Number, ...(format ? { format } : {}), ...style };
}

/**
 * Building blocks of the printed forms: the paper, bordered label/value blocks laid out three pairs
 * per row (the JT/T 1133 template's look), tick boxes and signature lines. Everything here prints
 * in Chinese whatever the UI language: callers pass texts from the `print:sheet` keys.
 */
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen, formatHundredths, formatTenths } from '../../../shared/domain/money.js';
import type { PrintLayout } from './layout.js';

/** Money on paper: plain yuan with two decimals (the column header says 元). */
export const money = (fen: number): string => formatFen(fen);
export const yuanSign = (fen: number): string => `¥${formatFen(fen)}`;
export const hoursText = (tenths: number): string => formatTenths(tenths);
export const qtyText = (hundredths: number, unit = ''): string =>
  `${formatHundredths(hundredths)}${unit ? ` ${unit}` : ''}`;
export const dateOf = (ms: number | null | undefined): string => (ms == null ? '' : dayjs(ms).format('YYYY-MM-DD'));
export const dateTimeOf = (ms: number | null | undefined): string =>
  ms == null ? '' : dayjs(ms).format('YYYY-MM-DD HH:mm');

/** The sheet's own `t`: the paper's words (print:sheet.*). */
export function useSheetT() {
  const { t } = useTranslation('print', { keyPrefix: 'sheet' });
  return t;
}

export function Sheet({
  layout,
  watermark,
  testId,
  children,
}: {
  layout: PrintLayout;
  watermark?: string | undefined;
  testId: string;
  children: ReactNode;
}) {
  return (
    <div className="pr-sheet" data-testid={testId} data-layout={layout}>
      {watermark ? (
        <div className="pr-watermark" aria-hidden>
          <span>{watermark}</span>
        </div>
      ) : null}
      {children}
    </div>
  );
}

export interface Field {
  label: string;
  value: ReactNode;
  /** How many of the three label/value slots of a row it takes. */
  span?: 1 | 2 | 3;
}

/**
 * How many slots a text needs so it does not wrap into a tall row: a value cell holds about 7 CJK
 * characters at either paper size (ASCII counts about half), two slots plus the label between
 * them about 22.
 */
const slotsFor = (value: ReactNode): 1 | 2 | 3 => {
  if (typeof value !== 'string') return 1;
  let units = 0;
  for (const ch of value) units += ch.charCodeAt(0) < 0x2e80 ? 0.55 : 1;
  return units <= 7 ? 1 : units <= 21 ? 2 : 3;
};

/**
 * Pack fields into rows of three slots. A long text widens its own field (never narrows a declared
 * span); a field that does not fit the row's rest widens the previous value cell to the row's end.
 */
const packRows = (fields: Field[]): { field: Field; cols: number }[][] => {
  const rows: { field: Field; cols: number }[][] = [];
  let row: { field: Field; cols: number }[] = [];
  let used = 0;
  const close = () => {
    const last = row[row.length - 1];
    if (last) last.cols += 2 * (3 - used);
    if (row.length) rows.push(row);
    row = [];
    used = 0;
  };
  for (const field of fields) {
    const span = Math.max(field.span ?? 1, slotsFor(field.value));
    if (used + span > 3) close();
    row.push({ field, cols: 2 * span - 1 });
    used += span;
    if (used === 3) close();
  }
  close();
  return rows;
};

/** A bordered block: a caption down the left, then label/value pairs, three to a row. */
export function KV({ caption, fields, testId }: { caption?: string; fields: Field[]; testId: string }) {
  const rows = packRows(fields);
  return (
    <table className="pr-t pr-block" data-testid={testId}>
      <colgroup>
        {caption ? <col style={{ width: '2.3em' }} /> : null}
        <col style={{ width: '7.5em' }} />
        <col />
        <col style={{ width: '7.5em' }} />
        <col />
        <col style={{ width: '7.5em' }} />
        <col />
      </colgroup>
      <tbody>
        {rows.map((r, i) => (
          // Rows are positional and never reorder.
          // biome-ignore lint/suspicious/noArrayIndexKey: static layout
          <tr key={i}>
            {i === 0 && caption ? (
              <td className="pr-cap" rowSpan={rows.length}>
                {caption}
              </td>
            ) : null}
            {r.map(({ field, cols }) => [
              <td key={`${field.label}-l`} className="pr-l">
                {field.label}
              </td>,
              <td key={`${field.label}-v`} colSpan={cols}>
                {field.value}
              </td>,
            ])}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A one-line block: a label cell and a wide value (旧件处理, 质量保证期, 大写 amount). */
export function Line({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <table className="pr-t pr-block" data-testid={testId}>
      <colgroup>
        <col style={{ width: '9.8em' }} />
        <col />
      </colgroup>
      <tbody>
        <tr>
          <td className="pr-l">{label}</td>
          <td>{children}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** Tick boxes, so a blank form can also be filled in by hand: ☑ the chosen one, ☐ the others. */
export function Checks<K extends string>({
  options,
  chosen,
  label,
}: {
  options: readonly K[];
  chosen: K | null | undefined;
  label: (k: K) => string;
}) {
  return (
    <>
      {options.map((k) => (
        <span key={k} className="pr-box" data-checked={k === chosen ? 'true' : 'false'}>
          {k === chosen ? '☑' : '☐'} {label(k)}
        </span>
      ))}
    </>
  );
}

/** Signature lines for both sides, each with a handwritten date. */
export function Signatures({ left, right }: { left: string[]; right: string[] }) {
  const t = useSheetT();
  const side = (labels: string[]) => (
    <div>
      {labels.map((l) => (
        <p key={l}>
          {l}
          <span className="pr-line" />
        </p>
      ))}
      <p>
        {t('sign.date')}
        {t('sign.dateBlank')}
      </p>
    </div>
  );
  return (
    <div className="pr-sign" data-testid="print-signatures">
      {side(left)}
      {side(right)}
    </div>
  );
}

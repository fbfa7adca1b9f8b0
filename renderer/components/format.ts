/** Formatting at the edge (architecture.md: integers inside, text only on screen and paper). */
import dayjs from 'dayjs';
import { formatFen, formatHundredths, formatTenths } from '../../shared/domain/money.js';

export const yuan = (fen: number | null | undefined): string => (fen == null ? '—' : `¥${formatFen(fen)}`);
export const hours = (tenths: number): string => formatTenths(tenths);
export const qty = (hundredths: number): string => formatHundredths(hundredths);
export const dateTime = (ms: number | null | undefined): string =>
  ms == null ? '—' : dayjs(ms).format('YYYY-MM-DD HH:mm');
export const date = (ms: number | null | undefined): string => (ms == null ? '—' : dayjs(ms).format('YYYY-MM-DD'));
export const km = (n: number | null | undefined): string => (n == null ? '—' : `${n.toLocaleString('zh-CN')} km`);

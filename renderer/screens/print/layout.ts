/**
 * Paper and printing. Two layouts (front-desk.md): A4 for laser printers and the 241 mm continuous
 * form of dot-matrix printers (241 mm × 11 in fanfold, the same size electron/main/print.ts uses).
 * The choice is remembered per PC in localStorage ('chedang.printLayout', shared with Settings);
 * `?layout=` on the URL overrides it for one page without changing the saved choice.
 */
import { useCallback, useState } from 'react';
import type { PrintOptions } from '../../../shared/api/bridge.js';
import { saveFile } from '../../components/saveFile.js';

export type PrintLayout = PrintOptions['pageSize'];
export const LAYOUTS: readonly PrintLayout[] = ['A4', '241mm'];
const KEY = 'chedang.printLayout';

export interface Paper {
  widthMm: number;
  heightMm: number;
  /** top right bottom left, mm. The 241 mm form loses ~½ in on each side to the tractor holes. */
  margin: [number, number, number, number];
  /** Body text size: dot-matrix needs bigger type than a laser printer. */
  fontPt: number;
}

export const PAPER: Record<PrintLayout, Paper> = {
  A4: { widthMm: 210, heightMm: 297, margin: [12, 12, 12, 12], fontPt: 10.5 },
  '241mm': { widthMm: 241, heightMm: 279.4, margin: [10, 18, 10, 18], fontPt: 12 },
};

const isLayout = (x: unknown): x is PrintLayout => x === 'A4' || x === '241mm';

export const savedLayout = (): PrintLayout => {
  try {
    const v = localStorage.getItem(KEY);
    return isLayout(v) ? v : 'A4';
  } catch {
    return 'A4';
  }
};

/** The page's layout: `?layout=` first, then the saved choice; changing it saves it. */
export function usePrintLayout(fromUrl: string | null): [PrintLayout, (l: PrintLayout) => void] {
  const [layout, setState] = useState<PrintLayout>(() => (isLayout(fromUrl) ? fromUrl : savedLayout()));
  const set = useCallback((l: PrintLayout) => {
    setState(l);
    try {
      localStorage.setItem(KEY, l);
    } catch {
      // Private mode or a full quota: the toggle still works for this page.
    }
  }, []);
  return [layout, set];
}

/**
 * In the app, the shell opens the system print dialog with the paper size set (the page's CSS sets
 * the same @page size); in a browser, the browser's own dialog reads the @page rule.
 */
export async function printPage(layout: PrintLayout): Promise<void> {
  if (window.chedang) await window.chedang.print({ pageSize: layout });
  else window.print();
}

/** Only the app can produce PDF bytes itself; a browser saves PDF from its print dialog. */
export const canExportPdf = (): boolean => Boolean(window.chedang);

export async function exportPdf(layout: PrintLayout, fileName: string): Promise<void> {
  if (!window.chedang) return;
  const bytes = await window.chedang.printToPdf({ pageSize: layout });
  saveFile(fileName, 'application/pdf', bytes as BlobPart);
}

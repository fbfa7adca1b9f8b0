/**
 * The print layout preference: A4 laser or 241 mm continuous paper for a dot-matrix printer. It is a
 * property of the PC's printer, not of the shop, so it lives in this PC's localStorage under
 * `chedang.printLayout` ('A4' | '241mm'); the print screen (print/layout.ts) reads the same key and values.
 */
export const PRINT_LAYOUTS = ['A4', '241mm'] as const;
export type PrintLayout = (typeof PRINT_LAYOUTS)[number];
export const PRINT_LAYOUT_KEY = 'chedang.printLayout';

export const readPrintLayout = (): PrintLayout => {
  const v = typeof localStorage === 'undefined' ? null : localStorage.getItem(PRINT_LAYOUT_KEY);
  return v === '241mm' ? '241mm' : 'A4';
};

export const writePrintLayout = (layout: PrintLayout): void => localStorage.setItem(PRINT_LAYOUT_KEY, layout);

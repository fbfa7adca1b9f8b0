/**
 * Printing the current page: the system print dialog, or the page as PDF bytes. Two paper sizes:
 * A4 and the 241 mm continuous form of the dot-matrix printers many shops still use
 * (241 mm × 11 in, i.e. 9.5 in × 11 in fanfold).
 *
 * Electron's units differ: webContents.print takes a custom size in MICRONS, printToPDF in INCHES.
 */
import type { PrintToPDFOptions, WebContents, WebContentsPrintOptions } from 'electron';
import type { PrintOptions } from '../../shared/api/bridge.js';

export const FORM_241 = { widthMm: 241, heightMm: 279.4 } as const;

/** The options the page sent, checked: they cross a trust boundary. */
export const parsePrintOptions = (x: unknown): PrintOptions => {
  const o = (typeof x === 'object' && x !== null ? x : {}) as Partial<PrintOptions>;
  if (o.pageSize !== 'A4' && o.pageSize !== '241mm') throw new Error(`Unknown page size: ${String(o.pageSize)}`);
  if (o.landscape !== undefined && typeof o.landscape !== 'boolean') throw new Error('landscape must be a boolean');
  return { pageSize: o.pageSize, landscape: o.landscape === true };
};

export const printOptions = (o: PrintOptions): WebContentsPrintOptions => ({
  silent: false,
  printBackground: true,
  landscape: o.landscape === true,
  pageSize:
    o.pageSize === 'A4'
      ? 'A4'
      : { width: Math.round(FORM_241.widthMm * 1000), height: Math.round(FORM_241.heightMm * 1000) },
});

export const pdfOptions = (o: PrintOptions): PrintToPDFOptions => ({
  printBackground: true,
  landscape: o.landscape === true,
  pageSize: o.pageSize === 'A4' ? 'A4' : { width: FORM_241.widthMm / 25.4, height: FORM_241.heightMm / 25.4 },
});

/** The system print dialog. Resolves when the job is sent or the user cancels; rejects on failure. */
export const printPage = (wc: Pick<WebContents, 'print'>, o: PrintOptions): Promise<void> =>
  new Promise((resolve, reject) => {
    wc.print(printOptions(o), (success, failureReason) => {
      if (success || /cancel/i.test(failureReason)) resolve();
      else reject(new Error(`打印失败 / Printing failed: ${failureReason}`));
    });
  });

export const printPageToPdf = async (wc: Pick<WebContents, 'printToPDF'>, o: PrintOptions): Promise<Uint8Array> =>
  new Uint8Array(await wc.printToPDF(pdfOptions(o)));

/**
 * 导出 Excel: one sheet with Chinese headers, the rows and a bold totals row; amounts as numbers
 * (yuan with two decimals), saved as 车档-<报表>-<起>-<止>.xlsx. Built in the renderer with
 * write-excel-file (browser build), which hands the file to the browser's (or Electron's) download.
 */
import writeExcelFile, { type Row } from 'write-excel-file/browser';
import { i18n } from '../../i18n/index.js';
import { type ReportColumn, xlsxCell } from './columns.js';

export type ReportName = 'takings' | 'categories' | 'technicians' | 'parts';

export const fileNameFor = (report: ReportName, from: string, to: string): string => {
  const zh = i18n.getFixedT('zh-CN', 'reports');
  return `${zh('file.app')}-${zh(`file.${report}`)}-${from.replaceAll('-', '')}-${to.replaceAll('-', '')}.xlsx`;
};

/**
 * Large files are compressed in a Web Worker started from a blob: URL (write-excel-file → fflate,
 * above ~160 kB of sheet XML). Where the Content-Security-Policy forbids such workers, the worker
 * never starts and the export would wait forever: watch for that refusal and fail at once instead.
 */
function refusedWorker(): { promise: Promise<never>; stop: () => void } {
  let stop = () => {};
  const promise = new Promise<never>((_, reject) => {
    const on = (e: SecurityPolicyViolationEvent) => {
      if (e.blockedURI.startsWith('blob') || e.effectiveDirective.startsWith('worker-src'))
        reject(new ExportTooLarge());
    };
    document.addEventListener('securitypolicyviolation', on);
    stop = () => document.removeEventListener('securitypolicyviolation', on);
  });
  return { promise, stop };
}

/** The report is too large to compress here; a shorter date range exports fine. */
export class ExportTooLarge extends Error {
  constructor() {
    super('export too large for in-page compression');
  }
}

/** Writes the file and starts the download; returns its name. */
export async function exportReport<R, T>(opts: {
  report: ReportName;
  from: string;
  to: string;
  columns: ReportColumn<R, T>[];
  rows: R[];
  totals: T | null;
}): Promise<string> {
  const zh = i18n.getFixedT('zh-CN', 'reports');
  const inZh = { t: zh, lang: 'zh' as const };
  const { columns, rows, totals } = opts;
  const header: Row = columns.map((c) => ({ value: c.title(inZh), type: String, fontWeight: 'bold' as const }));
  const body: Row[] = rows.map((r) => columns.map((c) => xlsxCell(c.kind, c.value(r, inZh))));
  const sum: Row[] = totals
    ? [
        columns.map((c, i) =>
          i === 0 ? xlsxCell('text', zh('totals'), true) : xlsxCell(c.kind, c.total ? c.total(totals) : null, true),
        ),
      ]
    : [];
  const name = fileNameFor(opts.report, opts.from, opts.to);
  const refused = refusedWorker();
  try {
    await Promise.race([
      writeExcelFile([header, ...body, ...sum], {
        sheet: zh(`tabs.${opts.report}`),
        columns: columns.map((c) => ({ width: c.xlsxWidth ?? 14 })),
        stickyRowsCount: 1,
      }).toFile(name),
      refused.promise,
    ]);
  } finally {
    refused.stop();
  }
  return name;
}

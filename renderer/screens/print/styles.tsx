/**
 * The print stylesheet, injected by the print page itself (no build or index.html change): the @page
 * size depends on the chosen layout, so at least that rule has to be generated, and keeping the whole
 * sheet's CSS next to it keeps printing in one place. The CSP allows inline styles ('unsafe-inline').
 *
 * On screen the sheet is drawn as a sheet of paper of the chosen size (padding = page margins), so
 * what the clerk sees is what prints; in print the page margins come from @page instead.
 * Black on white, borders only, no fills: dot-matrix printers dither greys into noise.
 */
import { PAPER, type PrintLayout } from './layout.js';

const BASE = `
.pr-root { background: #e8e8e8; min-height: 100vh; color: #000; }
.pr-toolbar { position: sticky; top: 0; z-index: 10; background: #fff; border-bottom: 1px solid #d9d9d9;
  padding: 8px 16px; display: flex; align-items: center; gap: 8px; flex-wrap: wrap; }
.pr-toolbar-title { font-weight: 600; font-size: 15px; margin-right: 8px; }
.pr-toolbar-hint { color: #888; font-size: 12px; margin-left: auto; }
.pr-notice { max-width: 241mm; margin: 12px auto 0; }
.pr-stage { padding: 16px 0 40px; display: flex; flex-direction: column; align-items: center; }
.pr-sheet { background: #fff; color: #000; box-sizing: border-box; position: relative;
  box-shadow: 0 1px 6px rgba(0,0,0,.25); line-height: 1.25;
  font-family: "SimSun", "宋体", "NSimSun", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", serif; }
.pr-sheet * { box-sizing: border-box; }
.pr-head { text-align: center; margin-bottom: 2mm; }
.pr-title { font-family: "SimHei", "黑体", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; font-size: 1.55em;
  font-weight: 700; letter-spacing: .12em; margin: 0; }
.pr-subtitle { font-size: .95em; margin-top: .5mm; }
.pr-meta { display: flex; justify-content: space-between; flex-wrap: wrap; gap: 0 6mm; margin: 1.5mm 0 1.5mm; }
.pr-meta b { font-weight: 700; }
table.pr-t { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 0; }
.pr-t + .pr-t, .pr-t + .pr-block, .pr-block + .pr-t, .pr-block + .pr-block { margin-top: -1px; }
.pr-t th, .pr-t td { border: 1px solid #000; padding: .5mm 1.2mm; vertical-align: middle; text-align: left;
  overflow-wrap: anywhere; word-break: normal; font-weight: 400; }
.pr-t th { font-weight: 700; text-align: center; }
.pr-t td.pr-l { text-align: center; }
.pr-t td.pr-cap { text-align: center; font-weight: 700; padding: .5mm .3mm; line-height: 1.15; }
.pr-t th.pr-tcap { text-align: left; font-family: "SimHei", "黑体", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; }
/* Numbers may wrap rather than spill into the next cell when an amount is absurdly long. */
.pr-t .pr-n { text-align: right; font-variant-numeric: tabular-nums; }
.pr-t .pr-c { text-align: center; }
.pr-t tr.pr-sum td { font-weight: 700; }
.pr-t tr, .pr-block, .pr-sign, .pr-keep { break-inside: avoid; page-break-inside: avoid; }
.pr-t thead { display: table-header-group; }
.pr-big { font-size: 1.12em; font-weight: 700; }
.pr-box { display: inline-block; margin-right: 5mm; white-space: nowrap; }
.pr-note { margin: 1.5mm 0 0; font-size: .92em; }
.pr-clauses { margin: 0; padding-left: 1.6em; }
.pr-clauses li { margin: .3mm 0; }
.pr-sign { display: flex; gap: 6mm; margin-top: 3mm; }
.pr-sign > div { flex: 1; }
.pr-sign p { margin: 0 0 3mm; white-space: nowrap; }
.pr-line { display: inline-block; min-width: 32mm; border-bottom: 1px solid #000; }
.pr-banner { border: 2px solid #000; padding: 1.5mm 2mm; margin-bottom: 2mm; font-weight: 700; }
.pr-watermark { position: absolute; inset: 0; pointer-events: none; overflow: hidden; display: flex;
  align-items: center; justify-content: center; }
.pr-watermark span { transform: rotate(-30deg); font-size: 44pt; font-weight: 700; color: rgba(0,0,0,.12);
  white-space: nowrap; font-family: "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; }
.pr-visit { margin-top: 3mm; }
.pr-visit-head th { text-align: left; }
.pr-empty { text-align: center; padding: 6mm 0; }
@media print {
  html, body, #root, .pr-root { background: #fff !important; }
  .pr-stage { padding: 0; display: block; }
  .pr-sheet { width: auto !important; min-height: 0 !important; padding: 0 !important; box-shadow: none; }
  .pr-watermark { position: fixed; }
  .no-print { display: none !important; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

/** A CSS string literal (the running head is shop data: quotes, backslashes, newlines). */
const cssString = (s: string): string => `"${s.replace(/[\\"]/g, '\\$&').replace(/[\r\n]+/g, ' ')}"`;

/**
 * The rules that depend on the paper: @page (with page numbers, and from page 2 on the document
 * and its number at the top, so a loose second sheet can be matched to its first) and the on-screen
 * paper size and type size. Margin boxes need Chromium 131+ (Electron 34+); older ones ignore them.
 */
const paperCss = (layout: PrintLayout, runningHead: string): string => {
  const p = PAPER[layout];
  const [t, r, b, l] = p.margin;
  const box = 'font-size: 9pt; font-family: "SimSun", "Noto Serif CJK SC", serif;';
  return `
@page { size: ${p.widthMm}mm ${p.heightMm}mm; margin: ${t}mm ${r}mm ${b}mm ${l}mm;
  @bottom-right { content: counter(page) " / " counter(pages); ${box} }
  @top-right { content: ${cssString(runningHead)}; ${box} } }
@page :first { @top-right { content: none; } }
.pr-sheet { width: ${p.widthMm}mm; min-height: ${p.heightMm}mm; padding: ${t}mm ${r}mm ${b}mm ${l}mm;
  font-size: ${p.fontPt}pt; }
`;
};

export function PrintStyles({ layout, runningHead }: { layout: PrintLayout; runningHead: string }) {
  return <style>{BASE + paperCss(layout, runningHead)}</style>;
}

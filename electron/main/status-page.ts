/**
 * The local pages the window shows when the app itself cannot be shown: while the core is starting
 * (the app's pages are served by the core) and when it has failed — never a blank window. A data:
 * URL with no script, its own strict CSP, and nothing to load.
 */
import type { CoreState } from '../../shared/api/bridge.js';

export interface StatusPageInfo {
  dataDir: string;
  /** The end of the core's error output, shown folded on the failure page. */
  details?: string;
}

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
body { font-family: system-ui, 'Microsoft YaHei', 'PingFang SC', sans-serif; margin: 0; color: #1f2937; background: #f5f7fa; }
main { max-width: 760px; margin: 12vh auto 0; padding: 2rem 2.5rem; background: #fff; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.08); }
h1 { font-size: 1.4rem; margin: 0 0 1rem; }
.en { color: #6b7280; }
.failed h1 { color: #b91c1c; }
dt { font-weight: 600; margin-top: 1rem; }
dd { margin: .25rem 0 0; }
code, pre { font-family: Consolas, 'Courier New', monospace; user-select: all; }
pre { white-space: pre-wrap; background: #f3f4f6; padding: .75rem; max-height: 14rem; overflow: auto; font-size: .8rem; }
.spinner { width: 28px; height: 28px; border: 3px solid #d1d5db; border-top-color: #2563eb; border-radius: 50%; animation: spin 1s linear infinite; display: inline-block; vertical-align: middle; margin-right: .75rem; }
@keyframes spin { to { transform: rotate(360deg); } }
`;

const page = (title: string, cls: string, body: string): string => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body><main class="${cls}">${body}</main></body></html>`;

export function statusPageHtml(s: CoreState, info: StatusPageInfo): string {
  if (s.state === 'failed') {
    const message = s.message ?? { zh: '车档无法启动。', en: 'Chedang cannot start.' };
    const action = s.action ?? { zh: '请重新打开车档。', en: 'Reopen Chedang.' };
    const details = info.details?.trim()
      ? `<details><summary>详细信息 / Details</summary><pre>${esc(info.details.trim())}</pre></details>`
      : '';
    return page(
      '车档无法启动 / Chedang cannot start',
      'failed',
      `<h1>车档无法启动 <span class="en">/ Chedang cannot start</span></h1>
<p>${esc(message.zh)}</p><p class="en">${esc(message.en)}</p>
<dl>
<dt>怎么办 / What to do</dt><dd><p>${esc(action.zh)}</p><p class="en">${esc(action.en)}</p></dd>
<dt>数据文件夹 / Data folder</dt><dd><code>${esc(info.dataDir)}</code></dd>
</dl>${details}`,
    );
  }
  const [zh, en] =
    s.state === 'restarting'
      ? ['车档核心服务正在重新启动…', 'The Chedang core is restarting…']
      : ['车档正在启动…', 'Chedang is starting…'];
  return page(`${zh} / ${en}`, s.state, `<h1><span class="spinner"></span>${esc(zh)}</h1><p class="en">${esc(en)}</p>`);
}

export const statusPageUrl = (s: CoreState, info: StatusPageInfo): string =>
  `data:text/html;charset=utf-8,${encodeURIComponent(statusPageHtml(s, info))}`;

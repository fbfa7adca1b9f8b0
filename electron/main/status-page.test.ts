import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const { statusPageHtml, statusPageUrl } = await import('./status-page.js');

const FAILED = {
  state: 'failed' as const,
  message: { zh: '数据库版本比本程序新', en: 'The database is newer than this app' },
  action: { zh: '请安装最新版车档', en: 'Install the latest Chedang' },
};

describe('status pages', () => {
  it('shows a startup error with its message, action and the data folder', () => {
    const html = statusPageHtml(FAILED, { dataDir: 'C:\\Users\\前台\\AppData\\Roaming\\车档 Chedang\\data' });
    for (const text of [
      '车档无法启动',
      'Chedang cannot start',
      FAILED.message.zh,
      FAILED.message.en,
      FAILED.action.zh,
      FAILED.action.en,
      '数据文件夹',
      'C:\\Users\\前台\\AppData\\Roaming\\车档 Chedang\\data',
    ])
      expect(html).toContain(text);
    expect(html).not.toContain('<details>');
  });

  it('adds the core’s error output when there is some, escaped', () => {
    const html = statusPageHtml(FAILED, { dataDir: '/d', details: 'Error: <script>alert(1)</script> & more' });
    expect(html).toContain('<details>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; more');
    expect(html).not.toContain('<script>');
  });

  it('escapes everything it shows', () => {
    const html = statusPageHtml(
      { state: 'failed', message: { zh: '<img src=x onerror=alert(1)>', en: '"q"' }, action: { zh: "'", en: '&' } },
      { dataDir: '/tmp/<b>' },
    );
    expect(html).not.toMatch(/<img|<b>/);
    expect(html).toContain('&lt;b&gt;');
  });

  it('has a generic explanation when a failure carries none', () => {
    const html = statusPageHtml({ state: 'failed' }, { dataDir: '/d' });
    expect(html).toContain('车档无法启动');
    expect(html).toContain('/d');
  });

  it('shows starting and restarting in both languages', () => {
    expect(statusPageHtml({ state: 'starting' }, { dataDir: '/d' })).toContain('车档正在启动');
    const restarting = statusPageHtml({ state: 'restarting' }, { dataDir: '/d' });
    expect(restarting).toContain('正在重新启动');
    expect(restarting).toContain('restarting');
  });

  it('is a self-contained data: URL with no script and a locked-down CSP', () => {
    const url = statusPageUrl(FAILED, { dataDir: '/d' });
    expect(url.startsWith('data:text/html;charset=utf-8,')).toBe(true);
    const html = decodeURIComponent(url.slice('data:text/html;charset=utf-8,'.length));
    expect(html).toBe(statusPageHtml(FAILED, { dataDir: '/d' }));
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    expect(html).not.toMatch(/<script|src=|href=/);
  });
});

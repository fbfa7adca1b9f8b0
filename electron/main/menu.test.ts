import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const { buildMenuTemplate } = await import('./menu.js');

const actions = (over: { dev?: boolean; platform?: NodeJS.Platform } = {}) => ({
  sendShortcut: vi.fn(),
  openDataFolder: vi.fn(),
  showAbout: vi.fn(),
  dev: false,
  platform: 'win32' as const,
  ...over,
});
const items = (m: MenuItemConstructorOptions) => m.submenu as MenuItemConstructorOptions[];
const find = (t: MenuItemConstructorOptions[], label: string) =>
  t.flatMap(items).find((i) => i.label === label) ?? null;
const click = (i: MenuItemConstructorOptions | null, win?: unknown) =>
  (i!.click as (item: unknown, win: unknown, e: unknown) => void)({}, win, {});

describe('application menu', () => {
  it('has the five Chinese top-level menus with Windows mnemonics', () => {
    expect(buildMenuTemplate(actions()).map((m) => m.label)).toEqual([
      '文件(&F)',
      '编辑(&E)',
      '视图(&V)',
      '窗口(&W)',
      '帮助(&H)',
    ]);
  });

  it('labels every item in Chinese (no English role defaults)', () => {
    const all = buildMenuTemplate(actions({ dev: true })).flatMap(items);
    for (const i of all.filter((x) => x.type !== 'separator')) {
      expect(i.label, JSON.stringify(i)).toMatch(/[\u4e00-\u9fff]/);
      expect(i.label).not.toMatch(/^[A-Za-z ]+$/);
    }
    expect(all.map((i) => i.label).filter(Boolean)).toEqual([
      '新建工单',
      '搜索',
      '退出',
      '撤销',
      '重做',
      '剪切',
      '复制',
      '粘贴',
      '全选',
      '重新加载',
      '开发者工具',
      '实际大小',
      '放大',
      '缩小',
      '全屏',
      '最小化',
      '最大化 / 还原',
      '打开数据文件夹',
      '关于车档',
    ]);
  });

  it('shows Ctrl+N / Ctrl+K without taking the keys from the page, and sends them to it when clicked', () => {
    const a = actions();
    const t = buildMenuTemplate(a);
    const newOrder = find(t, '新建工单')!;
    const search = find(t, '搜索')!;
    expect(newOrder).toMatchObject({ accelerator: 'CmdOrCtrl+N', registerAccelerator: false });
    expect(search).toMatchObject({ accelerator: 'CmdOrCtrl+K', registerAccelerator: false });
    click(newOrder);
    click(search);
    expect(a.sendShortcut.mock.calls).toEqual([
      [{ keyCode: 'N', modifiers: ['control'] }],
      [{ keyCode: 'K', modifiers: ['control'] }],
    ]);
    const mac = actions({ platform: 'darwin' });
    click(find(buildMenuTemplate(mac), '新建工单'));
    expect(mac.sendShortcut).toHaveBeenCalledWith({ keyCode: 'N', modifiers: ['meta'] });
  });

  it('uses roles for the standard edit, view and window commands', () => {
    const t = buildMenuTemplate(actions());
    expect(find(t, '复制')).toMatchObject({ role: 'copy' });
    expect(find(t, '粘贴')).toMatchObject({ role: 'paste' });
    expect(find(t, '退出')).toMatchObject({ role: 'quit', accelerator: 'CmdOrCtrl+Q' });
    expect(find(t, '全屏')).toMatchObject({ role: 'togglefullscreen' });
  });

  it('offers DevTools only in development', () => {
    expect(find(buildMenuTemplate(actions()), '开发者工具')).toBeNull();
    expect(find(buildMenuTemplate(actions({ dev: true })), '开发者工具')).toMatchObject({ role: 'toggleDevTools' });
  });

  it('wires the help items and maximise / restore', () => {
    const a = actions();
    const t = buildMenuTemplate(a);
    click(find(t, '打开数据文件夹'));
    click(find(t, '关于车档'));
    expect(a.openDataFolder).toHaveBeenCalledOnce();
    expect(a.showAbout).toHaveBeenCalledOnce();
    const win = { maximized: false, isMaximized: () => win.maximized, maximize: vi.fn(), unmaximize: vi.fn() };
    click(find(t, '最大化 / 还原'), win);
    expect(win.maximize).toHaveBeenCalledOnce();
    win.maximized = true;
    click(find(t, '最大化 / 还原'), win);
    expect(win.unmaximize).toHaveBeenCalledOnce();
    click(find(t, '最大化 / 还原'), undefined); // no window: nothing to do
  });
});

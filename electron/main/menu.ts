/**
 * The application menu, in Chinese: 文件 / 编辑 / 视图 / 窗口 / 帮助.
 *
 * App commands (新建工单 Ctrl+N, 搜索 Ctrl+K) belong to the page, which handles those keys itself —
 * as it must in a browser too. So the menu shows their accelerators without registering them
 * (`registerAccelerator: false`, the keys reach the page untouched), and a click on the item sends
 * the same key chord to the page. One set of shortcuts, one place that handles them, and nothing
 * added to window.chedang.
 */
import type { MenuItemConstructorOptions } from 'electron';

/** A shortcut the page handles, as a key chord. */
export interface PageShortcut {
  keyCode: string;
  modifiers: Array<'control' | 'meta' | 'shift' | 'alt'>;
}

export interface MenuActions {
  /** Send a key chord to the focused page (webContents.sendInputEvent). */
  sendShortcut(s: PageShortcut): void;
  openDataFolder(): void;
  showAbout(): void;
  /** DevTools only in development. */
  dev: boolean;
  platform?: NodeJS.Platform;
}

export function buildMenuTemplate(a: MenuActions): MenuItemConstructorOptions[] {
  const mod = (a.platform ?? process.platform) === 'darwin' ? 'meta' : 'control';
  const pageCommand = (label: string, accelerator: string, keyCode: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    registerAccelerator: false,
    click: () => a.sendShortcut({ keyCode, modifiers: [mod] }),
  });
  return [
    {
      label: '文件(&F)',
      submenu: [
        pageCommand('新建工单', 'CmdOrCtrl+N', 'N'),
        pageCommand('搜索', 'CmdOrCtrl+K', 'K'),
        { type: 'separator' },
        { role: 'quit', label: '退出', accelerator: 'CmdOrCtrl+Q' },
      ],
    },
    {
      label: '编辑(&E)',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    {
      label: '视图(&V)',
      submenu: [
        { role: 'reload', label: '重新加载' },
        ...(a.dev ? [{ role: 'toggleDevTools', label: '开发者工具' } as const] : []),
        { type: 'separator' },
        { role: 'resetZoom', label: '实际大小' },
        { role: 'zoomIn', label: '放大' },
        { role: 'zoomOut', label: '缩小' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: '全屏' },
      ],
    },
    {
      label: '窗口(&W)',
      submenu: [
        { role: 'minimize', label: '最小化' },
        {
          label: '最大化 / 还原',
          click: (_item, win) => {
            if (win?.isMaximized()) win.unmaximize();
            else win?.maximize();
          },
        },
      ],
    },
    {
      label: '帮助(&H)',
      submenu: [
        { label: '打开数据文件夹', click: () => a.openDataFolder() },
        { type: 'separator' },
        { label: '关于车档', click: () => a.showAbout() },
      ],
    },
  ];
}

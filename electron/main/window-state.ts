/**
 * The main window reopens where it was: size, position and maximised, kept in a small JSON file
 * under userData. A saved position is pulled back inside the work area of the display it is nearest
 * to, so a window last seen on a monitor that has since been unplugged (or a resolution that has
 * since shrunk) never opens off screen.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Rectangle } from 'electron';

export const WINDOW_STATE_FILE = 'window-state.json';

export interface WindowState {
  x: number;
  y: number;
  width: number;
  height: number;
  maximized: boolean;
}

export interface InitialBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** The part of Electron's `screen` used here. */
export interface ScreenLike {
  getDisplayMatching(rect: Rectangle): { workArea: Rectangle };
  getPrimaryDisplay(): { workArea: Rectangle };
}

export const DEFAULT_SIZE = { width: 1366, height: 768 };
export const MIN_SIZE = { width: 1024, height: 600 };

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);

export function readWindowState(file: string): WindowState | null {
  try {
    const s = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<WindowState>;
    if (!isInt(s.x) || !isInt(s.y) || !isInt(s.width) || !isInt(s.height)) return null;
    if (s.width <= 0 || s.height <= 0) return null;
    return {
      x: Math.round(s.x),
      y: Math.round(s.y),
      width: Math.round(s.width),
      height: Math.round(s.height),
      maximized: s.maximized === true,
    };
  } catch {
    // Missing or damaged: open at the default size.
    return null;
  }
}

export function writeWindowState(file: string, state: WindowState): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(state)}\n`);
    fs.renameSync(tmp, file);
  } catch {
    // Not worth bothering anyone: the window just opens at the default place next time.
  }
}

const clamp = (v: number, lo: number, hi: number) => Math.min(Math.max(v, lo), Math.max(lo, hi));

/** Where to open the window: the saved bounds, fitted into the nearest display's work area. */
export function restoreBounds(saved: WindowState | null, screen: ScreenLike): InitialBounds {
  if (!saved) {
    const wa = screen.getPrimaryDisplay().workArea;
    const width = Math.min(DEFAULT_SIZE.width, wa.width);
    const height = Math.min(DEFAULT_SIZE.height, wa.height);
    return {
      x: wa.x + Math.round((wa.width - width) / 2),
      y: wa.y + Math.round((wa.height - height) / 2),
      width,
      height,
      maximized: false,
    };
  }
  const wa = screen.getDisplayMatching({ x: saved.x, y: saved.y, width: saved.width, height: saved.height }).workArea;
  const width = clamp(saved.width, Math.min(MIN_SIZE.width, wa.width), wa.width);
  const height = clamp(saved.height, Math.min(MIN_SIZE.height, wa.height), wa.height);
  return {
    x: clamp(saved.x, wa.x, wa.x + wa.width - width),
    y: clamp(saved.y, wa.y, wa.y + wa.height - height),
    width,
    height,
    maximized: saved.maximized,
  };
}

/** The part of BrowserWindow used to remember its state. */
export interface TrackedWindow {
  on(event: 'close', listener: () => void): unknown;
  getNormalBounds(): Rectangle;
  isMaximized(): boolean;
}

/** Save the window's normal (un-maximised) bounds and maximised flag when it closes. */
export function trackWindowState(win: TrackedWindow, file: string): void {
  win.on('close', () => {
    writeWindowState(file, { ...win.getNormalBounds(), maximized: win.isMaximized() });
  });
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const { readWindowState, restoreBounds, trackWindowState, writeWindowState, WINDOW_STATE_FILE } = await import(
  './window-state.js'
);

type Rect = { x: number; y: number; width: number; height: number };
/** Displays side by side; like Electron, getDisplayMatching returns the nearest one even off screen. */
const screenOf = (...workAreas: Rect[]) => ({
  getPrimaryDisplay: () => ({ workArea: workAreas[0]! }),
  getDisplayMatching: (r: Rect) => {
    const cx = r.x + r.width / 2;
    const cy = r.y + r.height / 2;
    const dist = (w: Rect) =>
      Math.hypot(Math.max(w.x - cx, 0, cx - (w.x + w.width)), Math.max(w.y - cy, 0, cy - (w.y + w.height)));
    return { workArea: [...workAreas].sort((a, b) => dist(a) - dist(b))[0]! };
  },
});
const LAPTOP = { x: 0, y: 0, width: 1366, height: 728 }; // 1366×768 less the taskbar
const FULL_HD = { x: 0, y: 0, width: 1920, height: 1040 };

let dir = '';
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chedang-winstate-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('restoreBounds', () => {
  it('opens centred at the default size on the primary display the first time', () => {
    expect(restoreBounds(null, screenOf(FULL_HD))).toEqual({
      x: 277,
      y: 136,
      width: 1366,
      height: 768,
      maximized: false,
    });
    // A small screen: no bigger than its work area.
    expect(restoreBounds(null, screenOf(LAPTOP))).toEqual({ x: 0, y: 0, width: 1366, height: 728, maximized: false });
  });

  it('restores a saved window that fits as it was, maximised flag included', () => {
    const saved = { x: 100, y: 50, width: 1200, height: 800, maximized: true };
    expect(restoreBounds(saved, screenOf(FULL_HD))).toEqual(saved);
  });

  it('pulls back a window left on a monitor that is no longer there', () => {
    const saved = { x: 2200, y: 100, width: 1280, height: 800, maximized: false };
    expect(restoreBounds(saved, screenOf(FULL_HD))).toEqual({
      x: 1920 - 1280,
      y: 100,
      width: 1280,
      height: 800,
      maximized: false,
    });
    const above = { x: -500, y: -900, width: 1024, height: 700, maximized: false };
    expect(restoreBounds(above, screenOf(FULL_HD))).toMatchObject({ x: 0, y: 0 });
  });

  it('shrinks a window saved on a bigger screen to the work area', () => {
    const saved = { x: 0, y: 0, width: 1920, height: 1040, maximized: false };
    expect(restoreBounds(saved, screenOf(LAPTOP))).toEqual({ x: 0, y: 0, width: 1366, height: 728, maximized: false });
  });

  it('grows a window below the minimum size, and honours a secondary display’s offset', () => {
    const second = { x: 1920, y: 0, width: 1280, height: 984 };
    const saved = { x: 2000, y: 20, width: 300, height: 200, maximized: false };
    expect(restoreBounds(saved, screenOf(FULL_HD, second))).toEqual({
      x: 2000,
      y: 20,
      width: 1024,
      height: 600,
      maximized: false,
    });
    // Partly hanging off the right edge of the second display: moved in.
    const hanging = { x: 3000, y: 500, width: 1100, height: 700, maximized: false };
    expect(restoreBounds(hanging, screenOf(FULL_HD, second))).toEqual({
      x: 1920 + 1280 - 1100,
      y: 984 - 700,
      width: 1100,
      height: 700,
      maximized: false,
    });
  });
});

describe('the state file', () => {
  it('round-trips, and a missing or damaged file means "no saved state"', () => {
    const file = path.join(dir, 'sub', WINDOW_STATE_FILE);
    expect(readWindowState(file)).toBeNull();
    writeWindowState(file, { x: 10, y: 20, width: 1300, height: 700, maximized: true });
    expect(readWindowState(file)).toEqual({ x: 10, y: 20, width: 1300, height: 700, maximized: true });
    fs.writeFileSync(file, '{"x": 1, "y": ');
    expect(readWindowState(file)).toBeNull();
    fs.writeFileSync(file, JSON.stringify({ x: 1, y: 2, width: -5, height: 700 }));
    expect(readWindowState(file)).toBeNull();
    fs.writeFileSync(file, JSON.stringify({ x: 'a', y: 2, width: 5, height: 700 }));
    expect(readWindowState(file)).toBeNull();
  });

  it('saves the normal bounds and maximised flag when the window closes', () => {
    const file = path.join(dir, WINDOW_STATE_FILE);
    let onClose = () => {};
    trackWindowState(
      {
        on: (_e: 'close', l: () => void) => {
          onClose = l;
        },
        getNormalBounds: () => ({ x: 30, y: 40, width: 1280, height: 720 }),
        isMaximized: () => true,
      },
      file,
    );
    expect(fs.existsSync(file)).toBe(false);
    onClose();
    expect(readWindowState(file)).toEqual({ x: 30, y: 40, width: 1280, height: 720, maximized: true });
  });
});

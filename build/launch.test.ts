import { describe, expect, it } from 'vitest';

describe('launcher', () => {
  it('knows when there is a display to show a window on', async () => {
    const { hasDisplay } = await import('./launch-checks.js');
    expect(hasDisplay('win32', {})).toBe(true);
    expect(hasDisplay('darwin', {})).toBe(true);
    expect(hasDisplay('linux', {})).toBe(false);
    expect(hasDisplay('linux', { DISPLAY: ':0' })).toBe(true);
    expect(hasDisplay('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
  });

  it('does not trigger Electron’s lazy download when looking for its binary', async () => {
    const { electronBinary } = await import('./launch-checks.js');
    // Here the runtime was never downloaded; the check must answer, not download.
    const bin = electronBinary();
    expect(bin === undefined || typeof bin === 'string').toBe(true);
  });
});

/** A one-line progress bar on stderr (redrawn in place on a terminal, a line per 10 % otherwise). */
export interface Progress {
  tick(done: number): void;
  done(message?: string): void;
}

export function progressBar(label: string, total: number, enabled = true): Progress {
  const tty = process.stderr.isTTY === true;
  const started = Date.now();
  let lastDraw = 0;
  let lastDecile = -1;
  const draw = (done: number) => {
    const frac = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const filled = Math.round(frac * width);
    const s = ((Date.now() - started) / 1000).toFixed(1);
    return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}% ${done}/${total} ${s}s`;
  };
  return {
    tick(done) {
      if (!enabled) return;
      if (tty) {
        const now = Date.now();
        if (now - lastDraw < 100) return;
        lastDraw = now;
        process.stderr.write(`\r${draw(done)}`);
      } else {
        const decile = Math.floor((done / Math.max(1, total)) * 10);
        if (decile !== lastDecile) {
          lastDecile = decile;
          process.stderr.write(`${draw(done)}\n`);
        }
      }
    },
    done(message) {
      if (!enabled) return;
      process.stderr.write(`${tty ? '\r' : ''}${draw(total)}${message ? `  ${message}` : ''}\n`);
    },
  };
}

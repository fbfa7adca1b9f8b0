/** Runs bench/lib/child.ts in a fresh Node process (with tsx's loader) and returns its JSON line. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export const runChild = <T>(args: string[]): Promise<T> =>
  new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', path.join(here, 'child.ts'), ...args],
      { cwd: path.resolve(here, '..', '..'), maxBuffer: 1 << 20 },
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`child ${args[0]} failed: ${stderr || err.message}`));
        const line = stdout.trim().split('\n').at(-1) ?? '';
        resolve(JSON.parse(line) as T);
      },
    );
  });

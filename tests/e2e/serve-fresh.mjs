// `npm run serve` on a brand-new data folder for the browser tests: what a newcomer gets, demo
// archive (演示平台) included. The folder is removed when the server stops.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const port = process.argv[2] ?? '5290';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chedang-e2e-'));
const child = spawn(process.execPath, ['dist/core/serve.js', '--data-dir', dir, '--port', port], { stdio: 'inherit' });
const stop = () => child.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
child.on('exit', (code) => {
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(code ?? 0);
});

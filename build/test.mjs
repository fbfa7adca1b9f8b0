// `npm test`: every suite — vitest (units, core, HTTP, sync, crash) then Playwright (the UI in
// Chromium) — each writing its JSON report to test-results/. Fails if either fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' }).status ?? 1;
const bin = (name) => `node_modules/.bin/${name}${process.platform === 'win32' ? '.cmd' : ''}`;

const vitest = run(bin('vitest'), ['run']);

const chromium = process.env.CHEDANG_CHROMIUM ?? '/usr/bin/chromium';
let e2e = 0;
if (!fs.existsSync(chromium)) {
  console.error(
    `\nThe browser tests need Chromium at ${chromium} (Debian: apt-get install chromium fonts-noto-cjk; or set CHEDANG_CHROMIUM).`,
  );
  e2e = 1;
} else {
  e2e = run(bin('playwright'), ['test']);
}
process.exit(vitest !== 0 || e2e !== 0 ? 1 : 0);

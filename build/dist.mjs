// `npm run dist`: the Windows installer, on a release machine with internet (docs/installer-and-updates.md).
//   1. better-sqlite3 is fetched or rebuilt for Electron's ABI and Windows x64 (electron-builder.yml
//      keeps npmRebuild off, so packing itself never compiles or downloads a native module);
//   2. electron-builder packs dist/ and writes out/installer/Chedang-Setup-<version>.exe,
//      its .blockmap and latest.yml — the three files an update feed serves;
//   3. better-sqlite3 is rebuilt for this machine's Node again, so npm test and npm start still work.
// The feed URL baked into the app (resources/app-update.yml) is CHEDANG_UPDATE_URL, or the
// vendor's server below. Extra arguments go to electron-builder (e.g. `npm run dist -- --dir`).
import { spawnSync } from 'node:child_process';

export const DEFAULT_UPDATE_URL = 'https://updates.chedang.cn/desk/win/';

const run = (cmd, args, env = process.env) => {
  console.log(`> ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
  return r.status ?? 1;
};
const bin = (name) => `node_modules/.bin/${name}${process.platform === 'win32' ? '.cmd' : ''}`;

const env = { ...process.env, CHEDANG_UPDATE_URL: process.env.CHEDANG_UPDATE_URL || DEFAULT_UPDATE_URL };
console.log(`update feed: ${env.CHEDANG_UPDATE_URL}`);

let status = run(bin('electron-builder'), ['install-app-deps', '--platform=win32', '--arch=x64'], env);
if (status === 0)
  status = run(
    bin('electron-builder'),
    ['--win', 'nsis', '--x64', '--publish', 'never', ...process.argv.slice(2)],
    env,
  );
// Whatever happened, leave node_modules usable by this machine's Node.
const restored = run('npm', ['rebuild', 'better-sqlite3']);
if (restored !== 0) console.error('npm rebuild better-sqlite3 failed: run it before npm test / npm start.');
process.exit(status);

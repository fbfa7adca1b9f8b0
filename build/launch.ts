/**
 * `npm start`: the desktop app when Electron can run here, otherwise headless mode in one line's
 * notice. Electron cannot run when its runtime binary was never downloaded (no access to its
 * download host) or when there is no display (a server, CI).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The Electron binary if it is installed, without triggering its lazy download. */
export const electronBinary = (): string | undefined => {
  try {
    const pkgDir = path.dirname(require.resolve('electron/package.json'));
    const pathTxt = path.join(pkgDir, 'path.txt');
    if (!fs.existsSync(pathTxt)) return undefined;
    const bin = path.join(pkgDir, 'dist', fs.readFileSync(pathTxt, 'utf8').trim());
    return fs.existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
};

export const hasDisplay = (platform = process.platform, env = process.env): boolean =>
  platform === 'win32' || platform === 'darwin' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);

const bin = electronBinary();
if (bin && hasDisplay()) {
  const child = spawn(bin, ['.'], {
    stdio: 'inherit',
    cwd: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..'),
  });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const why = !bin ? 'Electron 运行时不可用 (runtime not installed)' : '没有图形显示 (no display)';
  console.log(
    `${why}：改为无界面模式启动，请在浏览器中打开下面的地址 / starting headless; open the URL below in a browser.`,
  );
  // Resolved at run time: dist/launch.js sits next to dist/core/serve.js.
  await import(new URL('./core/serve.js', import.meta.url).href);
}

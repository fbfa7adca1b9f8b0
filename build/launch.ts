/**
 * `npm start`: the desktop app when Electron can run here, otherwise headless mode in one line's
 * notice. Electron cannot run when its runtime binary was never downloaded (no access to its
 * download host) or when there is no display (a server, CI).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary, hasDisplay } from './launch-checks.js';

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

// Builds what `npm start` and `npm run serve` run: the core (Node ESM), the Electron main and
// preload (CommonJS, as a sandboxed preload requires) and the launcher. esbuild takes well under a
// second, so every start builds fresh and dist/ never goes stale.
import fs from 'node:fs';
import { build } from 'esbuild';

const quiet = process.argv.includes('--quiet');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  packages: 'external',
  logLevel: quiet ? 'error' : 'info',
};

await Promise.all([
  build({
    ...common,
    entryPoints: {
      'core/serve': 'electron/core/serve.ts',
      launch: 'build/launch.ts',
      // The reference archive (`npm run archive`): its own program, sharing only shared/.
      'archive/main': 'archive/main.ts',
    },
    outdir: 'dist',
    format: 'esm',
  }),
  build({
    ...common,
    entryPoints: { 'electron/main': 'electron/main/main.ts', 'electron/preload': 'electron/preload/preload.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.cjs' },
    format: 'cjs',
    external: ['electron'],
  }),
  build({
    ...common,
    platform: 'browser',
    target: 'chrome120',
    packages: undefined,
    entryPoints: { main: 'renderer/main.tsx' },
    outdir: 'dist/renderer',
    format: 'esm',
    jsx: 'automatic',
    minify: !process.argv.includes('--dev'),
    define: { 'process.env.NODE_ENV': JSON.stringify(process.argv.includes('--dev') ? 'development' : 'production') },
    legalComments: 'none',
  }),
]);
fs.copyFileSync('renderer/index.html', 'dist/renderer/index.html');
fs.copyFileSync('renderer/app.css', 'dist/renderer/app.css');

/**
 * The installer configuration (electron-builder.yml), checked as far as this machine allows: no
 * Electron binary, no NSIS, no network (docs/installer-and-updates.md, "What is verified where").
 *  - electron-builder's own schema validation (app-builder-lib's validateConfiguration) accepts it;
 *  - a real `electron-builder --linux dir` run with a stand-in Electron folder produces the layout the
 *    Windows installer will contain: app.asar with main, preload, core, renderer and every migration;
 *    better-sqlite3's addon unpacked beside it; resources/app-update.yml pointing at the feed.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, '..');
const FEED = 'http://updates.example.test/chedang/desk/';

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own validation and says what the shop installer needs', async () => {
    // Loaded and validated exactly as electron-builder does before a build.
    const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = require('builder-util');
    const config = await getConfig(root, null, null);
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();

    expect(config.appId).toBe('cn.chedang.desk');
    expect(config.npmRebuild).toBe(false);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: true,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: 'always',
      createStartMenuShortcut: true,
      installerLanguages: ['zh_CN'],
      unicode: true,
      deleteAppDataOnUninstall: false,
    });
    expect(config.win.signtoolOptions.publisherName).toBeInstanceOf(Array);
    // electron-builder's own macros, not template strings.
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an electron-builder macro
    expect(config.win.artifactName).toContain('${version}');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an electron-builder macro
    expect(config.publish).toEqual([{ provider: 'generic', url: '${env.CHEDANG_UPDATE_URL}', channel: 'latest' }]);
  });

  it('is refused by the same validation when a key is wrong (the check is real)', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = require('builder-util');
    // electron-builder 26 moved publisherName under win.signtoolOptions.
    await expect(
      validateConfiguration({ win: { publisherName: ['车档软件'] } }, new DebugLogger(false)),
    ).rejects.toThrow(/configuration\.win/);
  });
});

describe('packing with electron-builder (--linux dir, stand-in Electron)', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'chedang-pack-'));
  const out = path.join(tmp, 'out');
  const unpacked = path.join(out, 'linux-unpacked');
  const resources = path.join(unpacked, 'resources');
  let files: string[] = [];
  let packMs = 0;

  beforeAll(() => {
    // npm test builds dist/ first; a lone `vitest run` of this file on a fresh clone builds it here.
    if (
      !fs.existsSync(path.join(root, 'dist/electron/main.cjs')) ||
      !fs.existsSync(path.join(root, 'dist/core/serve.js'))
    ) {
      const b = spawnSync(process.execPath, ['build/build.mjs', '--quiet'], { cwd: root, stdio: 'inherit' });
      if (b.status !== 0) throw new Error('node build/build.mjs failed');
    }
    // What electron-builder copies from an Electron release for Linux: the executable it renames,
    // the licence, the version and the locales it filters by electronLanguages.
    const fake = path.join(tmp, 'electron-dist');
    fs.mkdirSync(path.join(fake, 'locales'), { recursive: true });
    fs.mkdirSync(path.join(fake, 'resources'));
    fs.writeFileSync(path.join(fake, 'electron'), '#!/bin/sh\necho "stand-in Electron"\n', { mode: 0o755 });
    fs.writeFileSync(path.join(fake, 'LICENSE'), 'stand-in');
    fs.writeFileSync(path.join(fake, 'LICENSES.chromium.html'), '<p>stand-in</p>');
    fs.writeFileSync(path.join(fake, 'version'), require('electron/package.json').version);
    for (const l of ['zh-CN', 'en-US', 'fr', 'de']) fs.writeFileSync(path.join(fake, 'locales', `${l}.pak`), l);

    const started = Date.now();
    const r = spawnSync(
      process.execPath,
      [
        require.resolve('electron-builder/cli.js'),
        '--linux',
        'dir',
        '--publish',
        'never',
        '-c.npmRebuild=false',
        `-c.electronDist=${fake}`,
        `-c.directories.output=${out}`,
      ],
      { cwd: root, encoding: 'utf8', env: { ...process.env, CHEDANG_UPDATE_URL: FEED, CI: '1' } },
    );
    packMs = Date.now() - started;
    if (r.status !== 0) throw new Error(`electron-builder failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
    const asar = require('@electron/asar');
    files = asar
      .listPackage(path.join(resources, 'app.asar'), { isPack: false })
      .map((f: string) => f.replaceAll('\\', '/'));
  }, 180_000);
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('puts main, preload, core, renderer and package.json in app.asar — and no dev tools', () => {
    console.log(`electron-builder --linux dir took ${packMs} ms`);
    for (const f of [
      '/package.json',
      '/dist/electron/main.cjs',
      '/dist/electron/preload.cjs',
      '/dist/core/serve.js',
      '/dist/renderer/index.html',
      '/dist/renderer/main.js',
      '/dist/renderer/app.css',
      '/resources/data/guangdong-cities.json',
    ])
      expect(files, f).toContain(f);
    expect(files.filter((f) => f.startsWith('/dist/archive') || f.endsWith('.map') || f === '/dist/launch.js')).toEqual(
      [],
    );
    const asar = require('@electron/asar');
    const pkg = JSON.parse(asar.extractFile(path.join(resources, 'app.asar'), 'package.json').toString());
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(pkg.productName).toBe('车档 Chedang');
  });

  it('carries every migration where the core looks for it (walking up from dist/core)', () => {
    const dir = path.join(root, 'resources/migrations');
    const expected = fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => `/${path.relative(root, path.join(d.parentPath, d.name)).replaceAll('\\', '/')}`);
    expect(expected.length).toBeGreaterThan(3);
    for (const f of expected) expect(files, f).toContain(f);
    // resolveMigrationsDir (electron/core/paths.ts) tries dist/core/…, dist/…, then the asar's root.
    expect(files).not.toContain('/dist/core/resources/migrations');
    expect(files).not.toContain('/dist/resources/migrations');
  });

  it('has every package the core and the shell import, and not the renderer’s bundled libraries', () => {
    const bare = new Set<string>();
    for (const f of ['dist/core/serve.js', 'dist/electron/main.cjs']) {
      const src = fs.readFileSync(path.join(root, f), 'utf8');
      for (const m of src.matchAll(/(?:from\s*|import\s*\(\s*|require\(\s*)["']([^."'][^"']*)["']/g)) {
        const spec = m[1]!;
        if (spec.startsWith('node:') || spec === 'electron') continue;
        bare.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
    expect(bare).toContain('better-sqlite3');
    expect(bare).toContain('electron-updater');
    for (const name of bare) expect(files, name).toContain(`/node_modules/${name}/package.json`);
    for (const name of ['antd', 'react', 'react-dom', '@tanstack/react-query'])
      expect(files, name).not.toContain(`/node_modules/${name}/package.json`);
  });

  it('unpacks better-sqlite3’s native addon beside the asar', () => {
    const addon = path.join(
      resources,
      'app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    );
    expect(fs.statSync(addon).size).toBeGreaterThan(100_000);
    // Its build leftovers (the SQLite amalgamation, object files) stay out.
    expect(fs.existsSync(path.join(resources, 'app.asar.unpacked/node_modules/better-sqlite3/deps'))).toBe(false);
    expect(fs.existsSync(path.join(resources, 'app.asar.unpacked/node_modules/better-sqlite3/build/Release/obj'))).toBe(
      false,
    );
  });

  it('writes resources/app-update.yml with the generic feed given at build time', () => {
    const yml = fs.readFileSync(path.join(resources, 'app-update.yml'), 'utf8');
    const { load } = require('js-yaml');
    expect(load(yml)).toMatchObject({ provider: 'generic', url: FEED, channel: 'latest' });
    // Only the locales the UI speaks.
    expect(fs.readdirSync(path.join(unpacked, 'locales')).sort()).toEqual(['en-US.pak', 'zh-CN.pak']);
  });
});

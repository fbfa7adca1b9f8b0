import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CliError, DEFAULT_ARCHIVE_PORT, parseArchiveCli } from './cli.js';
import { adminRecords, fixture, lcipproToken, lcipproUpload, SHOP, TestClock, tempDir } from './test-support.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const spawnArchive = (args: string[]): ChildProcess =>
  spawn(process.execPath, ['--import', 'tsx', 'archive/main.ts', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });

const exited = (p: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> =>
  new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    p.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString('utf8');
    });
    p.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString('utf8');
    });
    p.on('exit', (code) => resolve({ code, stdout, stderr }));
  });

/** The URL the program prints once it listens. */
const printedUrl = (p: ChildProcess): Promise<string> =>
  new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 30_000);
    p.stdout?.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const m = /(http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    p.on('exit', (code) => reject(new Error(`exited with ${code} before printing a URL: ${out}`)));
  });

describe('archive/main.ts', () => {
  it('starts on a free port with seeded companies, serves, and stops cleanly on SIGTERM', async () => {
    const dir = tempDir();
    const seedFile = path.join(dir, 'seed.json');
    fs.writeFileSync(seedFile, JSON.stringify([SHOP]));
    const p = spawnArchive(['--port', '0', '--data-dir', dir, '--seed', seedFile, '--fault-seed', '5']);
    const done = exited(p);
    const url = await printedUrl(p);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const token = await lcipproToken(url);
    expect((await lcipproUpload(url, token, fixture(new TestClock()))).json.code).toBe('1');
    expect(await adminRecords(url)).toHaveLength(1);
    p.kill('SIGTERM');
    const { code, stdout } = await done;
    expect(code).toBe(0);
    expect(stdout).toContain('参考档案平台已启动 Chedang reference archive is running');
    expect(fs.existsSync(path.join(dir, 'archive.db'))).toBe(true);
  });

  it('exits with 2 and a bilingual message on bad flags or a bad seed', async () => {
    for (const args of [['--bogus'], ['--port', 'x'], ['--fault-error-rate', '2'], ['--fault-latency-ms', 'slow']]) {
      const { code, stderr } = await exited(spawnArchive([...args, '--data-dir', tempDir()]));
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toContain('参数错误');
      expect(stderr).toContain('Bad arguments');
    }
    const dir = tempDir();
    const seedFile = path.join(dir, 'seed.json');
    fs.writeFileSync(seedFile, JSON.stringify([{ companycode: '440100000000009', areacode: '440100' }]));
    const bad = await exited(spawnArchive(['--port', '0', '--data-dir', dir, '--seed', seedFile]));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('种子企业无效');
    expect(bad.stderr).toContain('Invalid seed company');
  });
});

describe('parseArchiveCli', () => {
  it('has defaults', () => {
    expect(parseArchiveCli([])).toEqual({
      port: DEFAULT_ARCHIVE_PORT,
      host: '127.0.0.1',
      dataDir: '.data/archive',
      tokenTtlMs: 7_200_000,
      faults: {},
      seed: [],
      help: false,
    });
  });

  it('reads every fault flag', () => {
    const c = parseArchiveCli(
      [
        '--token-ttl-seconds',
        '60',
        '--fault-error-rate',
        '0.1',
        '--fault-latency-ms',
        '250',
        '--fault-drop-before-commit',
        '0.2',
        '--fault-drop-after-commit',
        '0.3',
        '--fault-malformed-rate',
        '0.4',
        '--fault-token-expiry-rate',
        '0.5',
        '--fault-retry-after-seconds',
        '3',
        '--fault-seed',
        '7',
      ],
      () => '[]',
    );
    expect(c.tokenTtlMs).toBe(60_000);
    expect(c.faults).toEqual({
      errorRate: 0.1,
      latencyMs: 250,
      dropBeforeCommitRate: 0.2,
      dropAfterCommitRate: 0.3,
      malformedRate: 0.4,
      tokenExpiryRate: 0.5,
      retryAfterSeconds: 3,
      seed: 7,
    });
  });

  it('refuses bad values with CliError', () => {
    expect(() => parseArchiveCli(['--port', '70000'])).toThrow(CliError);
    expect(() => parseArchiveCli(['--token-ttl-seconds', '0'])).toThrow(CliError);
    expect(() => parseArchiveCli(['--seed', 'x.json'], () => '{}')).toThrow(/应为企业数组/);
    expect(() => parseArchiveCli(['--seed', 'x.json'], () => 'nope')).toThrow(/无法读取种子文件/);
  });
});

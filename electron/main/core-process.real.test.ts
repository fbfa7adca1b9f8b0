/**
 * CoreSupervisor against the real core (electron/core/serve.ts under tsx). Electron cannot run
 * here, so the utilityProcess is played by a Node child process whose `process.parentPort` is a
 * small shim over Node's IPC channel (messages arrive wrapped as `{data, ports}`, as in Electron).
 * Ports cannot cross that channel, so the IPC relay itself is covered by core-relay.test.ts; this
 * checks the life cycle: ready, restart on the same port after a crash, a startup error that is
 * final, and a clean shutdown.
 */
import { type ChildProcess, fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoreState } from '../../shared/api/bridge.js';
import type { IpcPort } from '../core/ipc.js';
import { type CoreChild, CoreSupervisor } from './core-process.js';

const SERVE_TS = path.resolve(import.meta.dirname, '../core/serve.ts');

const SHIM = `
process.parentPort = {
  postMessage: (m) => process.send?.(m),
  on: (event, cb) => {
    if (event === 'message') process.on('message', (data) => cb({ data, ports: [] }));
  },
};
`;

let dir = '';
let shimUrl = '';
let procs: ChildProcess[] = [];
let exits: Array<number | null> = [];

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chedang-supervise-'));
  const shim = path.join(dir, 'parent-port-shim.mjs');
  fs.writeFileSync(shim, SHIM);
  shimUrl = pathToFileURL(shim).href;
  procs = [];
  exits = [];
});
afterEach(() => {
  for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
  fs.rmSync(dir, { recursive: true, force: true });
});

const spawnReal =
  (dataDir: string) =>
  (port: number): CoreChild => {
    const cp = fork(SERVE_TS, ['--port', String(port), '--no-demo', '--data-dir', dataDir], {
      execArgv: ['--import', 'tsx', '--import', shimUrl],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    procs.push(cp);
    cp.on('exit', (code) => exits.push(code));
    return {
      on: ((event: 'message' | 'exit', l: (x: unknown) => void) => {
        if (event === 'message') cp.on('message', (m) => l(m));
        else cp.on('exit', (code, signal) => l(code ?? (signal ? 1 : 0)));
      }) as CoreChild['on'],
      // Ports cannot cross Node's IPC channel: the core gets {type:'port'} without one and ignores it.
      postMessage: (m) => {
        if (cp.connected) cp.send(m as object);
      },
      kill: () => cp.kill(),
      stderr: cp.stderr,
    };
  };

const supervise = (dataDir: string) => {
  const states: CoreState[] = [];
  const relay = { attach: vi.fn((_p: IpcPort) => {}), detach: vi.fn() };
  const s = new CoreSupervisor({
    spawn: spawnReal(dataDir),
    createChannel: () => ({ port1: { on() {}, postMessage() {} } as IpcPort, port2: null }),
    relay,
    onState: (st) => states.push(st),
    log: () => {},
  });
  return { s, states, relay };
};

describe('CoreSupervisor with the real core', () => {
  it('starts it, restarts it on the same port after a crash, and stops it cleanly', async () => {
    const { s, states, relay } = supervise(path.join(dir, 'data'));
    s.start();
    await vi.waitFor(() => expect(s.state.state).toBe('ready'), { timeout: 30_000, interval: 50 });
    const url = s.url!;
    expect((await fetch(`${url}/api/health`)).ok).toBe(true);
    expect(relay.attach).toHaveBeenCalledTimes(1);

    procs[0]!.kill('SIGKILL');
    await vi.waitFor(() => expect(states.map((x) => x.state)).toEqual(['ready', 'restarting', 'ready']), {
      timeout: 30_000,
      interval: 50,
    });
    expect(s.url).toBe(url);
    expect((await fetch(`${url}/api/health`)).ok).toBe(true);
    expect(procs).toHaveLength(2);

    await s.stop(10_000);
    expect(exits).toEqual([null, 0]); // SIGKILLed, then a clean exit on {type:'shutdown'}
    await new Promise((r) => setTimeout(r, 1_000));
    expect(procs).toHaveLength(2);
  });

  it('shows a startup error (a damaged database) and does not restart', async () => {
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'chedang.db'), Buffer.alloc(8192, 0x5a));
    const { s, relay } = supervise(dataDir);
    s.start();
    await vi.waitFor(() => expect(s.state.state).toBe('failed'), { timeout: 30_000, interval: 50 });
    expect(s.state.message?.zh).toContain('无法打开数据库文件');
    expect(s.state.message?.en).toContain('cannot be opened');
    expect(s.state.action?.zh).toBeTruthy();
    expect(exits).toEqual([2]);
    expect(relay.detach).toHaveBeenLastCalledWith(true);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(procs).toHaveLength(1);
  });
});

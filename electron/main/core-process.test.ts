import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoreState } from '../../shared/api/bridge.js';
import type { IpcPort } from '../core/ipc.js';
import { type CoreChild, CoreSupervisor, GAVE_UP, RestartPolicy } from './core-process.js';

class FakeChild extends EventEmitter implements CoreChild {
  posted: Array<{ message: unknown; transfer?: unknown[] }> = [];
  killed = false;
  readonly stderr = new PassThrough();
  constructor(readonly port: number) {
    super();
  }
  postMessage(message: unknown, transfer?: unknown[]) {
    this.posted.push({ message, ...(transfer ? { transfer } : {}) });
  }
  kill() {
    this.killed = true;
    return true;
  }
  ready(port = 5170) {
    this.emit('message', { type: 'ready', url: `http://127.0.0.1:${port}` });
  }
  exit(code: number) {
    this.emit('exit', code);
  }
}

const STARTUP_ERROR = {
  type: 'startup-error',
  code: 'db_newer_than_app',
  message: { zh: '数据库版本比本程序新', en: 'The database is newer than this app' },
  action: { zh: '请安装最新版车档', en: 'Install the latest Chedang' },
};

let children: FakeChild[];
let states: CoreState[];
let relay: { attach: ReturnType<typeof vi.fn>; detach: ReturnType<typeof vi.fn> };
let clock: number;

const makeSupervisor = (spawn?: (port: number) => CoreChild) =>
  new CoreSupervisor({
    spawn:
      spawn ??
      ((port) => {
        const c = new FakeChild(port);
        children.push(c);
        return c;
      }),
    createChannel: () => ({ port1: { tag: 'port1' } as unknown as IpcPort, port2: { tag: 'port2' } }),
    relay: relay as never,
    onState: (s) => states.push(s),
    now: () => clock,
    log: () => {},
  });
const last = () => children[children.length - 1]!;
const stateNames = () => states.map((s) => s.state);

beforeEach(() => {
  vi.useFakeTimers();
  children = [];
  states = [];
  relay = { attach: vi.fn(), detach: vi.fn() };
  clock = 0;
});
afterEach(() => vi.useRealTimers());

describe('RestartPolicy', () => {
  it('backs off exponentially with a cap and gives up at the 5th quick failure in a row', () => {
    const p = new RestartPolicy({ baseDelayMs: 500, maxDelayMs: 1_500, stableMs: 60_000, maxQuickFailures: 5 });
    expect([p.onExit(10), p.onExit(10), p.onExit(10), p.onExit(10)]).toEqual([
      { restart: true, delayMs: 500 },
      { restart: true, delayMs: 1_000 },
      { restart: true, delayMs: 1_500 },
      { restart: true, delayMs: 1_500 },
    ]);
    expect(p.onExit(10)).toEqual({ restart: false });
  });

  it('forgives earlier failures once the core has stayed up for a while', () => {
    const p = new RestartPolicy();
    for (let i = 0; i < 4; i++) expect(p.onExit(1_000).restart).toBe(true);
    expect(p.onExit(60_000)).toEqual({ restart: true, delayMs: 500 });
    expect(p.onExit(1_000)).toEqual({ restart: true, delayMs: 1_000 });
  });
});

describe('CoreSupervisor', () => {
  it('starts the core on any free port; on ready attaches the relay and hands the core its port', () => {
    const s = makeSupervisor();
    s.start();
    expect(children).toHaveLength(1);
    expect(last().port).toBe(0);
    expect(s.state).toEqual({ state: 'starting' });
    last().ready(5171);
    expect(relay.attach).toHaveBeenCalledWith({ tag: 'port1' });
    expect(last().posted).toEqual([{ message: { type: 'port' }, transfer: [{ tag: 'port2' }] }]);
    expect(s.url).toBe('http://127.0.0.1:5171');
    expect(stateNames()).toEqual(['ready']);
  });

  it('restarts a core that died, on the same port, after a short back-off', () => {
    const s = makeSupervisor();
    s.start();
    last().ready(5171);
    clock = 5_000;
    last().exit(1);
    expect(relay.detach).toHaveBeenLastCalledWith(false);
    expect(s.state.state).toBe('restarting');
    vi.advanceTimersByTime(499);
    expect(children).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(children).toHaveLength(2);
    expect(last().port).toBe(5171);
    last().ready(5171);
    expect(stateNames()).toEqual(['ready', 'restarting', 'ready']);
    expect(relay.attach).toHaveBeenCalledTimes(2);
  });

  it('takes any free port when a restart on the old port fails before it is ready', () => {
    const s = makeSupervisor();
    s.start();
    last().ready(5171);
    last().exit(1);
    vi.advanceTimersByTime(500);
    expect(last().port).toBe(5171);
    last().exit(2); // EADDRINUSE
    vi.advanceTimersByTime(1_000);
    expect(last().port).toBe(0);
    last().ready(6000);
    expect(s.url).toBe('http://127.0.0.1:6000');
  });

  it('gives up after 5 quick failures in a row and shows why, with the core’s error output', () => {
    const s = makeSupervisor();
    s.start();
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      last().stderr.write(`boom ${i}\n`);
      last().exit(1);
      if (i < 4) {
        const before = children.length;
        let waited = 0;
        while (children.length === before) {
          vi.advanceTimersByTime(100);
          waited += 100;
        }
        delays.push(waited);
      }
    }
    expect(delays).toEqual([500, 1_000, 2_000, 4_000]);
    expect(children).toHaveLength(5);
    expect(s.state).toEqual({ state: 'failed', ...GAVE_UP });
    expect(relay.detach).toHaveBeenLastCalledWith(true);
    expect(s.output).toContain('boom 4');
    vi.advanceTimersByTime(60_000);
    expect(children).toHaveLength(5);
    expect(stateNames()).toEqual(['restarting', 'restarting', 'restarting', 'restarting', 'failed']);
  });

  it('keeps restarting a core that crashes only now and then', () => {
    const s = makeSupervisor();
    s.start();
    for (let i = 0; i < 10; i++) {
      last().ready();
      clock += 120_000;
      last().exit(1);
      vi.advanceTimersByTime(500);
    }
    expect(children).toHaveLength(11);
    expect(s.state.state).toBe('restarting');
  });

  it('does not restart after a startup error; fails with its message and action', () => {
    const s = makeSupervisor();
    s.start();
    last().emit('message', STARTUP_ERROR);
    last().exit(2);
    expect(s.state).toEqual({ state: 'failed', message: STARTUP_ERROR.message, action: STARTUP_ERROR.action });
    expect(relay.detach).toHaveBeenLastCalledWith(true);
    vi.advanceTimersByTime(60_000);
    expect(children).toHaveLength(1);
    expect(stateNames()).toEqual(['failed']);
  });

  it('ignores a malformed startup-error (and so treats the exit as a crash)', () => {
    const s = makeSupervisor();
    s.start();
    last().emit('message', { type: 'startup-error', message: 'just text' });
    last().exit(2);
    expect(s.state.state).toBe('restarting');
  });

  it('counts a core that cannot even be forked as a quick failure', () => {
    let tries = 0;
    const s = makeSupervisor(() => {
      tries++;
      throw new Error('no such file: serve.js');
    });
    s.start();
    vi.advanceTimersByTime(60_000);
    expect(tries).toBe(5);
    expect(s.state.state).toBe('failed');
    expect(s.output).toContain('no such file');
  });

  it('stops cleanly: asks the core to shut down and never restarts it', async () => {
    const s = makeSupervisor();
    s.start();
    last().ready();
    const stopped = s.stop();
    expect(last().posted.at(-1)).toEqual({ message: { type: 'shutdown' } });
    last().exit(0);
    await stopped;
    expect(last().killed).toBe(false);
    vi.advanceTimersByTime(60_000);
    expect(children).toHaveLength(1);
    expect(stateNames()).toEqual(['ready']);
  });

  it('kills a core that does not stop in time', async () => {
    const s = makeSupervisor();
    s.start();
    const stopped = s.stop(3_000);
    vi.advanceTimersByTime(3_000);
    await stopped;
    expect(last().killed).toBe(true);
  });

  it('cancels a pending restart when stopped', async () => {
    const s = makeSupervisor();
    s.start();
    last().exit(1);
    await s.stop();
    vi.advanceTimersByTime(60_000);
    expect(children).toHaveLength(1);
  });
});

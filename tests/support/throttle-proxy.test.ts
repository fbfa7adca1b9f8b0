/**
 * The throttling proxy does what its model says, roughly (timers and a busy machine blur the edges,
 * so the bounds are generous): the RTT it adds, the bandwidth it allows — shared by connections —
 * and loss that delays data but never damages it.
 */
import { createHash, randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startThrottleProxy, type ThrottleProxy } from './throttle-proxy.js';

const servers: net.Server[] = [];
let proxy: ThrottleProxy | null = null;

afterEach(async () => {
  await proxy?.close();
  proxy = null;
  for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

const listen = async (onConnection: (s: net.Socket) => void): Promise<number> => {
  const server = net.createServer(onConnection);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return (server.address() as net.AddressInfo).port;
};

/** Echoes every byte back. */
const echoServer = () => listen((s) => s.pipe(s));

/** Reads everything a connection sends; reports it with the time the last byte came. */
const sinkServer = (onDone: (data: Buffer, lastByteAt: number) => void) =>
  listen((s) => {
    const chunks: Buffer[] = [];
    let last = 0;
    s.on('data', (c: Buffer) => {
      chunks.push(c);
      last = performance.now();
    });
    s.on('end', () => {
      onDone(Buffer.concat(chunks), last);
      s.end();
    });
  });

const connect = (port: number) =>
  new Promise<net.Socket>((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1', () => resolve(s));
    s.once('error', reject);
  });

/** Writes `data` and waits until `n` bytes came back. */
const roundTrip = (s: net.Socket, data: Buffer, n = data.length) =>
  new Promise<number>((resolve) => {
    const t0 = performance.now();
    let got = 0;
    const onData = (c: Buffer) => {
      got += c.length;
      if (got >= n) {
        s.off('data', onData);
        resolve(performance.now() - t0);
      }
    };
    s.on('data', onData);
    s.write(data);
  });

const within = (x: number, expected: number, share = 0.3) => {
  expect(x).toBeGreaterThan(expected * (1 - share));
  expect(x).toBeLessThan(expected * (1 + share));
};

describe('throttle proxy', () => {
  it('adds the round-trip time, and one more for a new connection’s handshake', async () => {
    const port = await echoServer();
    proxy = await startThrottleProxy({ target: { host: '127.0.0.1', port }, bandwidthBps: 100e6, rttMs: 200, loss: 0 });
    const s = await connect(proxy.port);
    // The first bytes wait for the handshake (1 RTT), then go there and back (1 RTT).
    within(await roundTrip(s, Buffer.from('ping')), 400);
    within(await roundTrip(s, Buffer.from('ping')), 200);
    within(await roundTrip(s, Buffer.from('ping')), 200);
    s.destroy();
    expect(proxy.stats()).toMatchObject({ connections: 1, up: { bytes: 12, chunks: 3, retransmits: 0 } });
    expect(proxy.stats().down.bytes).toBe(12);
  });

  it('limits bandwidth, and connections share it as on one line', async () => {
    const done: { data: Buffer; at: number }[] = [];
    const port = await sinkServer((data, at) => done.push({ data, at }));
    // 512 kbit/s = 64 KB/s: 48 KB in 0.75 s, whether on one connection or split over three.
    proxy = await startThrottleProxy({ target: `http://127.0.0.1:${port}`, bandwidthBps: 512_000, rttMs: 20, loss: 0 });
    const send = async (bytes: number) => {
      const s = await connect(proxy!.port);
      s.end(randomBytes(bytes));
    };
    const transfer = async (parts: number[]) => {
      done.length = 0;
      const t0 = performance.now();
      await Promise.all(parts.map(send));
      while (done.length < parts.length) await new Promise((r) => setTimeout(r, 5));
      return Math.max(...done.map((d) => d.at)) - t0;
    };
    const rtt = 20;
    within((await transfer([48_000])) - 1.5 * rtt, 750);
    within((await transfer([16_000, 16_000, 16_000])) - 1.5 * rtt, 750);
    expect(proxy.stats().up.bytes).toBe(96_000);
    // Split into segments of at most 1460 bytes.
    expect(proxy.stats().up.chunks).toBeGreaterThanOrEqual(Math.ceil(96_000 / 1460));
  });

  it('delivers every byte intact and in order under heavy loss, late by the retransmission timeout', async () => {
    let received: Buffer | null = null;
    const port = await sinkServer((data) => {
      received = data;
    });
    proxy = await startThrottleProxy({
      target: `http://127.0.0.1:${port}`,
      bandwidthBps: 100e6,
      rttMs: 10,
      loss: 0.3,
      seed: 7,
    });
    expect(proxy.rtoMs).toBe(200);
    const payload = randomBytes(100_000);
    const t0 = performance.now();
    const s = await connect(proxy.port);
    // Many small writes as well as large ones.
    for (let i = 0; i < payload.length; i += 5_000) s.write(payload.subarray(i, i + 5_000));
    s.end();
    while (!received) await new Promise((r) => setTimeout(r, 5));
    const elapsed = performance.now() - t0;
    const got = received as Buffer;
    expect(got.length).toBe(payload.length);
    expect(createHash('sha256').update(got).digest('hex')).toBe(createHash('sha256').update(payload).digest('hex'));
    const { up } = proxy.stats();
    // About 30 % of the segments were lost and resent.
    expect(up.retransmits / up.chunks).toBeGreaterThan(0.15);
    expect(up.retransmits / up.chunks).toBeLessThan(0.45);
    // At least one RTO late, never lost altogether.
    expect(elapsed).toBeGreaterThan(200);
  });

  it('passes a reset on: a refused target resets the client', async () => {
    const port = await listen(() => {});
    const closed = servers.pop()!;
    await new Promise((r) => closed.close(r));
    proxy = await startThrottleProxy({ target: { host: '127.0.0.1', port }, bandwidthBps: 1e6, rttMs: 10, loss: 0 });
    const s = await connect(proxy.port);
    const ended = await new Promise<string>((resolve) => {
      s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
      s.on('close', () => resolve('closed'));
    });
    expect(['ECONNRESET', 'closed']).toContain(ended);
  });
});

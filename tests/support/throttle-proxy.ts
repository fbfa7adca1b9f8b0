/**
 * A throttling TCP proxy on loopback: a shop's slow, lossy uplink in a box, for tests and benchmarks.
 *
 *   const link = await startThrottleProxy({ target: archive.url, bandwidthBps: 256_000, rttMs: 300, loss: 0.02 });
 *   // point the client at link.url; link.stats() counts bytes and chunks each way; await link.close()
 *
 * The model, per direction (client → target "up", target → client "down"), each direction its own link:
 *
 * - Bandwidth. One link per direction, shared by every connection through the proxy as a real access
 *   line is: data is serialised onto it first come, first served, at `bandwidthBps` bits per second.
 *   A chunk of s bytes occupies the link for s·8/bandwidth seconds, after whatever is queued before it.
 * - Latency. Each chunk arrives rttMs/2 after it has been serialised (propagation one way). A new
 *   connection carries no data until one RTT after it was opened (the SYN / SYN-ACK exchange; the
 *   client's own connect() completes at once on loopback, so its first bytes simply wait).
 * - Loss. TCP never loses bytes; what a sender sees of a lost segment is the retransmission timeout.
 *   So data is cut into MSS-sized chunks (1460 bytes; a smaller write is one chunk, a larger one is
 *   split), and each chunk is, with probability `loss`, delivered only after RTO = max(200 ms, 2·RTT)
 *   more (Linux's minimum RTO is 200 ms; a fresh connection's RTO is about twice the RTT) and charged
 *   to the link a second time (the retransmission's bytes). Delivery stays in order per connection, so a
 *   late chunk holds back everything after it on that connection (head-of-line blocking), as in TCP.
 *   Losses are drawn from a seeded PRNG: a given seed and traffic give the same losses.
 * - Not modelled: congestion-window growth (slow start) and receive windows — the archive's requests
 *   and replies are a few kilobytes, inside a fresh connection's initial window of 10 segments — and
 *   loss of SYN or FIN segments. The proxy buffers without limit, so a sender's writes never block.
 */
import net from 'node:net';

export interface ThrottleOptions {
  /** Where to forward: `http://host:port` (path ignored) or `{ host, port }`. */
  target: string | { host: string; port: number };
  /** Bits per second, each direction. */
  bandwidthBps: number;
  /** Round-trip time added by the link, ms (half each way). */
  rttMs: number;
  /** Probability (0..1) that a chunk is lost once and retransmitted after the RTO. */
  loss: number;
  /** PRNG seed for the losses (default 1). */
  seed?: number;
  /** Segment size the writes are cut into (default 1460, Ethernet's TCP MSS). */
  mss?: number;
}

export interface DirectionStats {
  /** Payload bytes delivered. */
  bytes: number;
  /** Chunks (≈ segments) delivered. */
  chunks: number;
  /** Chunks that were "lost" and delivered one RTO late. */
  retransmits: number;
}

export interface ThrottleStats {
  connections: number;
  /** Client → target. */
  up: DirectionStats;
  /** Target → client. */
  down: DirectionStats;
}

export interface ThrottleProxy {
  /** `http://127.0.0.1:<port>`: the base URL to give a client instead of the target's. */
  url: string;
  port: number;
  /** The retransmission timeout the model applies to a lost chunk, ms. */
  rtoMs: number;
  stats(): ThrottleStats;
  /** Stops listening and destroys every connection through the proxy. */
  close(): Promise<void>;
}

export const DEFAULT_MSS = 1460;

/** RTO of the model: Linux's 200 ms floor, or about twice the RTT on a young connection. */
export const rtoFor = (rttMs: number): number => Math.max(200, 2 * rttMs);

const now = (): number => performance.now();

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
const prng = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};

/** One direction of the line: serialises chunks from every connection, first come, first served. */
class Link {
  private busyUntil = 0;
  readonly stats: DirectionStats = { bytes: 0, chunks: 0, retransmits: 0 };

  constructor(private readonly bytesPerMs: number) {}

  /** Puts `bytes` on the line no earlier than `earliest`; returns when the last bit has left. */
  transmit(bytes: number, earliest: number): number {
    const start = Math.max(earliest, this.busyUntil);
    this.busyUntil = start + bytes / this.bytesPerMs;
    return this.busyUntil;
  }
}

/**
 * One connection's data in one direction: chunks with their arrival times, written to the far
 * socket in order when their time comes. A FIN (end of stream) is queued like a chunk.
 */
class Pipe {
  private readonly queue: { at: number; data: Buffer | null }[] = [];
  private timer: NodeJS.Timeout | null = null;
  /** Arrival of the last chunk queued: nothing may overtake it. */
  private lastAt = 0;

  constructor(
    private readonly to: net.Socket,
    private readonly link: Link,
    private readonly opts: { oneWayMs: number; rtoMs: number; mss: number; lost: () => boolean },
    /** No data before the handshake has completed. */
    private readonly readyAt: number,
  ) {}

  send(data: Buffer): void {
    const { mss, oneWayMs, rtoMs, lost } = this.opts;
    for (let offset = 0; offset < data.length; offset += mss) {
      const chunk = data.subarray(offset, Math.min(data.length, offset + mss));
      let sent = this.link.transmit(chunk.length, Math.max(now(), this.readyAt));
      if (lost()) {
        // The copy that arrives left one RTO after the original. Its bytes take the line a second
        // time, charged now (a line with reservations in the future would be exact; holding the
        // line idle until the RTO, as a naive reservation would, stalls every other connection).
        this.link.stats.retransmits++;
        this.link.transmit(chunk.length, sent);
        sent += rtoMs;
      }
      this.link.stats.chunks++;
      this.link.stats.bytes += chunk.length;
      this.enqueue(sent + oneWayMs, chunk);
    }
  }

  end(): void {
    this.enqueue(Math.max(now(), this.readyAt) + this.opts.oneWayMs, null);
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.queue.length = 0;
  }

  private enqueue(at: number, data: Buffer | null): void {
    this.lastAt = Math.max(this.lastAt, at);
    this.queue.push({ at: this.lastAt, data });
    if (!this.timer) this.schedule();
  }

  private schedule(): void {
    const head = this.queue[0];
    if (!head) return;
    this.timer = setTimeout(() => this.deliver(), Math.max(0, head.at - now()));
  }

  private deliver(): void {
    this.timer = null;
    const t = now();
    while (this.queue.length > 0 && this.queue[0]!.at <= t + 0.5) {
      const { data } = this.queue.shift()!;
      if (this.to.destroyed) {
        this.close();
        return;
      }
      if (data === null) this.to.end();
      else this.to.write(data);
    }
    this.schedule();
  }
}

const parseTarget = (t: ThrottleOptions['target']): { host: string; port: number } => {
  if (typeof t !== 'string') return t;
  const u = new URL(t);
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port || (u.protocol === 'https:' ? 443 : 80)) };
};

export async function startThrottleProxy(opts: ThrottleOptions): Promise<ThrottleProxy> {
  if (!(opts.bandwidthBps > 0)) throw new RangeError(`bandwidthBps must be positive: ${opts.bandwidthBps}`);
  if (!(opts.rttMs >= 0)) throw new RangeError(`rttMs must be ≥ 0: ${opts.rttMs}`);
  if (!(opts.loss >= 0 && opts.loss < 1)) throw new RangeError(`loss must be in [0, 1): ${opts.loss}`);
  const target = parseTarget(opts.target);
  const bytesPerMs = opts.bandwidthBps / 8 / 1000;
  const up = new Link(bytesPerMs);
  const down = new Link(bytesPerMs);
  const random = prng(opts.seed ?? 1);
  const rtoMs = rtoFor(opts.rttMs);
  const pipeOpts = {
    oneWayMs: opts.rttMs / 2,
    rtoMs,
    mss: opts.mss ?? DEFAULT_MSS,
    lost: () => random() < opts.loss,
  };
  const sockets = new Set<net.Socket>();
  const pipes = new Set<Pipe>();
  let connections = 0;

  const server = net.createServer((client) => {
    connections++;
    const readyAt = now() + opts.rttMs;
    const upstream = net.connect(target.port, target.host);
    const toTarget = new Pipe(upstream, up, pipeOpts, readyAt);
    const toClient = new Pipe(client, down, pipeOpts, readyAt);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.setNoDelay(true);
      s.on('close', () => sockets.delete(s));
    }
    pipes.add(toTarget);
    pipes.add(toClient);
    client.on('data', (d: Buffer) => toTarget.send(d));
    upstream.on('data', (d: Buffer) => toClient.send(d));
    client.on('end', () => toTarget.end());
    upstream.on('end', () => toClient.end());
    // A reset on either side resets the other (as the far end would see it), queued data or not.
    const teardown = () => {
      toTarget.close();
      toClient.close();
      pipes.delete(toTarget);
      pipes.delete(toClient);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', teardown);
    upstream.on('error', teardown);
    client.on('close', (hadError) => hadError && teardown());
    upstream.on('close', (hadError) => hadError && teardown());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    rtoMs,
    stats: () => ({ connections, up: { ...up.stats }, down: { ...down.stats } }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const p of pipes) p.close();
        pipes.clear();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

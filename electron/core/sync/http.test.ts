import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retryAfterMs, sendWire, TransportError } from './http.js';

/** One loopback server whose behaviour each test picks by path. */
let server: http.Server;
let base = '';
const seen: { method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({
        method: req.method,
        url: req.url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const path = (req.url ?? '').split('?')[0];
      switch (path) {
        case '/ok':
          res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' });
          res.end('{"code":"1","status":"上传成功"}');
          return;
        case '/busy':
          res.writeHead(503, { 'Retry-After': '120', 'Content-Type': 'text/html' });
          res.end('<html>维护中</html>');
          return;
        case '/redirect':
          res.writeHead(302, { Location: '/ok' });
          res.end();
          return;
        case '/hang':
          return; // never answers
        case '/slow-body':
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.write('{"code":');
          return; // headers and half a body, then silence
        case '/drop':
          req.socket.destroy();
          return;
        case '/big':
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.end('x'.repeat(2048));
          return;
        case '/big-chunked': {
          // No Content-Length: the cap must hold while streaming.
          res.writeHead(200, { 'Content-Type': 'application/json' });
          for (let i = 0; i < 8; i++) res.write('y'.repeat(512));
          res.end();
          return;
        }
        default:
          res.writeHead(404);
          res.end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const transportError = async (p: Promise<unknown>): Promise<TransportError> => {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(TransportError);
    return e as TransportError;
  }
  throw new Error('expected a TransportError');
};

describe('sendWire', () => {
  it('posts the exact body bytes and reads a UTF-8 reply', async () => {
    const body = '{"companycode":"440106000123456","companypassword":"p@ss中"}';
    const res = await sendWire(
      {
        method: 'POST',
        url: `${base}/ok`,
        headers: { 'Content-Type': 'application/json; charset=utf-8', Accept: 'application/json' },
        body,
      },
      { timeoutMs: 5000 },
    );
    expect(res.status).toBe(200);
    expect(res.body).toBe('{"code":"1","status":"上传成功"}');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const got = seen.at(-1);
    expect(got?.method).toBe('POST');
    expect(got?.body).toBe(body);
    expect(got?.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('sends a GET with the query as given', async () => {
    const q = encodeURIComponent('{"a":"中"}');
    await sendWire({ method: 'GET', url: `${base}/ok?d=${q}`, headers: {} }, { timeoutMs: 5000 });
    expect(seen.at(-1)?.url).toBe(`/ok?d=${q}`);
  });

  it('returns a 503 with its Retry-After instead of throwing', async () => {
    const res = await sendWire({ method: 'GET', url: `${base}/busy`, headers: {} }, { timeoutMs: 5000 });
    expect(res.status).toBe(503);
    expect(res.body).toBe('<html>维护中</html>');
    expect(retryAfterMs(res.headers, Date.now())).toBe(120_000);
  });

  it('does not follow redirects', async () => {
    const res = await sendWire(
      { method: 'POST', url: `${base}/redirect`, headers: {}, body: '{}' },
      { timeoutMs: 5000 },
    );
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/ok');
  });

  it('times out when no reply comes', async () => {
    const started = Date.now();
    const e = await transportError(sendWire({ method: 'GET', url: `${base}/hang`, headers: {} }, { timeoutMs: 200 }));
    expect(e.kind).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('times out when the body stalls halfway', async () => {
    const e = await transportError(
      sendWire({ method: 'GET', url: `${base}/slow-body`, headers: {} }, { timeoutMs: 300 }),
    );
    expect(e.kind).toBe('timeout');
  });

  it('a dropped connection is a network error', async () => {
    const e = await transportError(
      sendWire({ method: 'POST', url: `${base}/drop`, headers: {}, body: '{}' }, { timeoutMs: 5000 }),
    );
    expect(e.kind).toBe('network');
    expect(e.message).toContain('127.0.0.1');
  });

  it('a refused connection is a network error with its system code', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const e = await transportError(
      sendWire({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: {} }, { timeoutMs: 5000 }),
    );
    expect(e.kind).toBe('network');
    expect(e.code).toBe('ECONNREFUSED');
  });

  it('caps the body, declared or streamed', async () => {
    for (const path of ['/big', '/big-chunked']) {
      const e = await transportError(
        sendWire({ method: 'GET', url: `${base}${path}`, headers: {} }, { timeoutMs: 5000, maxBytes: 1024 }),
      );
      expect(e.kind).toBe('too_large');
    }
    const res = await sendWire({ method: 'GET', url: `${base}/big`, headers: {} }, { timeoutMs: 5000, maxBytes: 2048 });
    expect(res.body).toHaveLength(2048);
  });

  it('the caller can cancel, before or during the request', async () => {
    const ctl = new AbortController();
    const pending = sendWire(
      { method: 'GET', url: `${base}/hang`, headers: {} },
      { timeoutMs: 10_000, signal: ctl.signal },
    );
    setTimeout(() => ctl.abort(), 50);
    expect((await transportError(pending)).kind).toBe('aborted');
    const e = await transportError(
      sendWire({ method: 'GET', url: `${base}/ok`, headers: {} }, { timeoutMs: 5000, signal: AbortSignal.abort() }),
    );
    expect(e.kind).toBe('aborted');
  });

  it('never puts the URL (and the secrets in its query) into the error', async () => {
    const secret = 'companypassword%22%3A%22s3cret';
    for (const url of [`${base}/drop?companydata=${secret}`, `ftp://x/?companydata=${secret}`, `not a url ${secret}`]) {
      const e = await transportError(sendWire({ method: 'GET', url, headers: {} }, { timeoutMs: 5000 }));
      expect(e.kind).toBe('network');
      expect(e.message).not.toContain('s3cret');
      expect(String(e.stack)).not.toContain('s3cret');
    }
  });
});

describe('retryAfterMs', () => {
  const now = Date.UTC(2026, 10, 24, 1, 0, 0);

  it('delta-seconds', () => {
    expect(retryAfterMs({ 'retry-after': '120' }, now)).toBe(120_000);
    expect(retryAfterMs({ 'retry-after': ' 0 ' }, now)).toBe(0);
    expect(retryAfterMs({ 'retry-after': '-5' }, now)).toBe(0);
  });

  it('HTTP-dates in all three RFC forms, the past clamped to 0', () => {
    expect(retryAfterMs({ 'retry-after': 'Tue, 24 Nov 2026 01:00:30 GMT' }, now)).toBe(30_000);
    expect(retryAfterMs({ 'retry-after': 'Tuesday, 24-Nov-26 01:01:00 GMT' }, now)).toBe(60_000);
    expect(retryAfterMs({ 'retry-after': 'Tue Nov 24 01:00:05 2026' }, now)).toBe(5_000);
    expect(retryAfterMs({ 'retry-after': 'Tue, 24 Nov 2026 00:59:00 GMT' }, now)).toBe(0);
  });

  it('null when absent or unreadable', () => {
    expect(retryAfterMs({}, now)).toBeNull();
    for (const v of [
      '',
      'soon',
      '1.5',
      '12s',
      '2026-11-24T01:00:30Z',
      'Tue, 24 Nov 2026 25:61:00 GMT',
      '9'.repeat(400),
    ]) {
      expect(retryAfterMs({ 'retry-after': v }, now), v).toBeNull();
    }
  });
});

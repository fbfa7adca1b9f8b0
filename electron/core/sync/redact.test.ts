import { describe, expect, it } from 'vitest';
import { ADAPTER_IDS, adapterFor } from './adapters/index.js';
import { ACCOUNT, RECORD, STAMP } from './adapters/test-fixture.js';
import type { WireRequest } from './adapters/types.js';
import { redact } from './redact.js';

/** Characters that change under JSON escaping, percent-encoding and the URL parser. */
const PASSWORD = 'p@ss"w/ord+中';
const TOKEN = "t0k\\en'/ +é𠮷";
const account = { ...ACCOUNT, password: PASSWORD };

const json = (s: string): string => JSON.stringify(s).slice(1, -1);

/** Every encoding a test text may hold the secret in; none may survive redaction. */
const leaks = (text: string, secret: string): string[] =>
  [
    secret,
    json(secret),
    json(json(secret)),
    encodeURIComponent(secret),
    encodeURIComponent(json(secret)),
    encodeURIComponent(json(secret)).toLowerCase(),
  ].filter((form) => text.includes(form));

/** What a ledger keeps: the request as JSON text, so bodies are escaped once more. */
const ledgerLine = (req: WireRequest): string => JSON.stringify({ at: STAMP, request: req });

/** The request text as its reader would decode it: no secret may come back out of it either. */
const decodedStrings = (req: WireRequest): string[] => {
  const out: string[] = [decodeURIComponent(req.url)];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') {
      out.push(v);
      try {
        walk(JSON.parse(v));
      } catch {}
    } else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  if (req.body !== undefined) walk(JSON.parse(req.body));
  const q = req.url.split('?')[1];
  if (q) walk(JSON.parse(decodeURIComponent(q.slice(q.indexOf('=') + 1))));
  return out;
};

const redactRequest = (req: WireRequest, secrets: string[]): WireRequest => ({
  ...req,
  url: redact(req.url, secrets),
  ...(req.body === undefined ? {} : { body: redact(req.body, secrets) }),
});

describe('redact', () => {
  it('replaces raw, JSON-escaped, double-escaped and percent-encoded forms', () => {
    const s = PASSWORD;
    const text = [s, json(s), json(json(s)), encodeURIComponent(s), encodeURIComponent(json(s))].join(' | ');
    expect(redact(text, [s])).toBe('*** | *** | *** | *** | ***');
  });

  it('replaces the forms other serialisers write', () => {
    const text = [
      'p@ss\\"w\\/ord+\\u4e2d', // PHP: \/ and \u escapes
      'p@ss\\u0022w/ord\\u002B\\u4E2D', // .NET System.Text.Json: " and + as \u, upper-case hex
      'p%40ss%22w%2ford%2b%e4%b8%ad', // lower-case percent hex
    ].join(' | ');
    expect(redact(text, [PASSWORD])).toBe('*** | *** | ***');
    expect(redact("a'b c", ["a'b c"])).toBe('***');
    expect(redact('a%27b+c', ["a'b c"])).toBe('***');
  });

  it('leaves everything else alone and ignores empty secrets', () => {
    expect(redact('{"code":"1","status":"获取成功","access_token":"abc"}', ['abc', ''])).toBe(
      '{"code":"1","status":"获取成功","access_token":"***"}',
    );
    expect(redact('nothing secret here', [''])).toBe('nothing secret here');
    expect(redact('ab abc', ['abc', 'ab'])).toBe('*** ***');
  });

  describe.each(ADAPTER_IDS)('%s requests', (id) => {
    const adapter = adapterFor(id);
    const requests: [string, WireRequest, string][] = [
      ['token', adapter.tokenRequest(account, STAMP), PASSWORD],
      ['upload', adapter.uploadRequest(account, TOKEN, RECORD, STAMP), TOKEN],
    ];

    it.each(requests)('%s: the secret is sent, and gone after redaction', (_call, req, secret) => {
      // The test is only meaningful if the request really carries the secret in some form.
      expect(decodedStrings(req).some((s) => s.includes(secret))).toBe(true);
      const clean = redactRequest(req, [PASSWORD, TOKEN]);
      expect(leaks(`${clean.url} ${clean.body ?? ''}`, secret)).toEqual([]);
      expect(decodedStrings(clean).some((s) => s.includes(secret))).toBe(false);
      expect(`${clean.url} ${clean.body ?? ''}`).toContain('***');
      // The ledger keeps requests as JSON text: one more level of escaping.
      const line = redact(ledgerLine(req), [PASSWORD, TOKEN]);
      expect(leaks(line, secret)).toEqual([]);
      expect(decodedStrings(JSON.parse(line).request).some((s) => s.includes(secret))).toBe(false);
    });

    it('the rest of an upload survives redaction intact', () => {
      const req = adapter.uploadRequest(account, TOKEN, RECORD, STAMP);
      const clean = redactRequest(req, [PASSWORD, TOKEN]);
      const text = decodedStrings(clean).join('\n');
      expect(text).toContain('LSJA24U62JG269225');
      expect(text).toContain('定期保养，更换机油机滤');
    });
  });
});

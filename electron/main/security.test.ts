import fs from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { makeCore } from '../../tests/support/core.js';
import { startHttpHost } from '../core/http/server.js';

vi.mock('electron', () => ({}));

const { APP_CSP, AppOrigin, guardSession, guardWebContents, isExternalUrl, isTrustedSender, withCsp } = await import(
  './security.js'
);

const APP = 'http://127.0.0.1:5170';
const origin = () => {
  const o = new AppOrigin();
  o.set(`${APP}/`);
  return o;
};

describe('AppOrigin and URL checks', () => {
  it('knows nothing before the core is ready, then only its exact origin', () => {
    const o = new AppOrigin();
    expect(o.has(`${APP}/`)).toBe(false);
    o.set(`${APP}/index.html`);
    expect(o.get()).toBe(APP);
    expect(o.has(`${APP}/work-orders/1?x=1#y`)).toBe(true);
    for (const other of [
      'http://127.0.0.1:5171/',
      'http://localhost:5170/',
      'https://127.0.0.1:5170/',
      'http://127.0.0.1.evil.example:5170/',
      'data:text/html,hi',
      'file:///C:/x.html',
      'about:blank',
      '',
      'not a url',
    ])
      expect(o.has(other)).toBe(false);
    expect(o.has(undefined)).toBe(false);
  });

  it('only sends http(s) links without credentials to the system browser', () => {
    expect(isExternalUrl('https://www.example.com/a')).toBe(true);
    expect(isExternalUrl('http://example.com')).toBe(true);
    for (const bad of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'ms-settings:',
      'smb://host/share',
      'https://user:pw@example.com/',
      'nope',
      42,
      null,
    ])
      expect(isExternalUrl(bad)).toBe(false);
  });
});

describe('IPC sender check', () => {
  it('trusts only frames showing the app origin', () => {
    const o = origin();
    const ev = (url: string | undefined) => ({ senderFrame: url === undefined ? null : { url } }) as never;
    expect(isTrustedSender(ev(`${APP}/customers`), o)).toBe(true);
    expect(isTrustedSender(ev('http://127.0.0.1:9999/'), o)).toBe(false);
    expect(isTrustedSender(ev('data:text/html,x'), o)).toBe(false);
    expect(isTrustedSender(ev('https://evil.example/'), o)).toBe(false);
    expect(isTrustedSender(ev(undefined), o)).toBe(false);
    const destroyed = {
      get senderFrame(): never {
        throw new Error('Render frame was disposed');
      },
    };
    expect(isTrustedSender(destroyed as never, o)).toBe(false);
  });
});

/** A webContents that records the listeners it is given. */
const fakeContents = () => {
  const on: Record<string, (...a: unknown[]) => void> = {};
  let openHandler: ((d: { url: string }) => { action: string }) | undefined;
  return {
    on: (event: string, l: (...a: unknown[]) => void) => {
      on[event] = l;
    },
    setWindowOpenHandler: (h: typeof openHandler) => {
      openHandler = h;
    },
    fire(event: string, url?: string) {
      const e = { preventDefault: vi.fn() };
      on[event]!(e, url);
      return e.preventDefault.mock.calls.length > 0;
    },
    open: (url: string) => openHandler!({ url }),
  };
};

describe('navigation and new windows', () => {
  it('allows navigation within the app, blocks the rest, and opens web links in the browser', () => {
    const wc = fakeContents();
    const openExternal = vi.fn();
    guardWebContents(wc as never, origin(), openExternal);
    expect(wc.fire('will-navigate', `${APP}/settings`)).toBe(false);
    expect(wc.fire('will-navigate', 'https://www.example.com/')).toBe(true);
    expect(openExternal).toHaveBeenCalledWith('https://www.example.com/');
    expect(wc.fire('will-navigate', 'file:///C:/Windows/win.ini')).toBe(true);
    expect(wc.fire('will-navigate', 'http://127.0.0.1:9/')).toBe(true);
    expect(openExternal).toHaveBeenCalledTimes(2);
    expect(wc.fire('will-redirect', `${APP}/x`)).toBe(false);
    expect(wc.fire('will-redirect', 'https://www.example.com/')).toBe(true);
    expect(openExternal).toHaveBeenCalledTimes(2);
    expect(wc.fire('will-attach-webview')).toBe(true);
  });

  it('blocks all navigation before the app origin is known', () => {
    const wc = fakeContents();
    guardWebContents(wc as never, new AppOrigin(), () => {});
    expect(wc.fire('will-navigate', `${APP}/`)).toBe(true);
  });

  it('denies every new window, handing http(s) links to the system browser', () => {
    const wc = fakeContents();
    const openExternal = vi.fn();
    guardWebContents(wc as never, origin(), openExternal);
    expect(wc.open('https://gov.example.cn/archive')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledWith('https://gov.example.cn/archive');
    expect(wc.open(`${APP}/popup`)).toEqual({ action: 'deny' });
    expect(wc.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(wc.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(openExternal).toHaveBeenCalledTimes(2);
  });
});

describe('session: permissions and CSP', () => {
  type RequestHandler = (wc: unknown, p: string, cb: (ok: boolean) => void, d: unknown) => void;
  type CheckHandler = (wc: unknown, p: string, origin: string) => boolean;
  type HeadersHandler = (
    d: { url: string; responseHeaders?: Record<string, string[]> },
    cb: (r: unknown) => void,
  ) => void;
  interface FakeSession {
    request: RequestHandler;
    check: CheckHandler;
    headers: HeadersHandler;
    setPermissionRequestHandler(h: RequestHandler): void;
    setPermissionCheckHandler(h: CheckHandler): void;
    webRequest: { onHeadersReceived(h: HeadersHandler): void };
  }
  const fakeSession = (): FakeSession => {
    const s: FakeSession = {
      request: () => {},
      check: () => false,
      headers: () => {},
      setPermissionRequestHandler: (h) => {
        s.request = h;
      },
      setPermissionCheckHandler: (h) => {
        s.check = h;
      },
      webRequest: {
        onHeadersReceived: (h) => {
          s.headers = h;
        },
      },
    };
    return s;
  };

  it('denies permission requests and checks, bar clipboard writes from the app', () => {
    const s = fakeSession();
    guardSession(s as never, origin());
    const ask = (p: string, url: string) => {
      let answer: boolean | undefined;
      s.request(
        null,
        p,
        (ok) => {
          answer = ok;
        },
        { requestingUrl: url },
      );
      return answer;
    };
    for (const p of ['media', 'geolocation', 'notifications', 'midi', 'openExternal', 'fullscreen', 'hid'])
      expect(ask(p, `${APP}/`)).toBe(false);
    expect(ask('clipboard-sanitized-write', `${APP}/`)).toBe(true);
    expect(ask('clipboard-sanitized-write', 'https://evil.example/')).toBe(false);
    expect(ask('clipboard-read', `${APP}/`)).toBe(false);
    expect(s.check(null, 'media', APP)).toBe(false);
    expect(s.check(null, 'clipboard-sanitized-write', APP)).toBe(true);
    expect(s.check(null, 'clipboard-sanitized-write', 'null')).toBe(false);
  });

  it("sets exactly one CSP, the app's, on the app's responses and leaves others alone", () => {
    const s = fakeSession();
    guardSession(s as never, origin());
    let result: unknown;
    s.headers(
      {
        url: `${APP}/index.html`,
        responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] },
      },
      (r) => {
        result = r;
      },
    );
    expect(result).toEqual({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [APP_CSP] },
    });
    s.headers({ url: 'https://example.com/', responseHeaders: {} }, (r) => {
      result = r;
    });
    expect(result).toEqual({});
    expect(withCsp(undefined)).toEqual({ 'Content-Security-Policy': [APP_CSP] });
  });

  it("is the same CSP the core's HTTP host sends with the app's pages", async () => {
    const t = await makeCore();
    const host = await startHttpHost({ app: t.app, host: '127.0.0.1', port: 0, version: 'test' });
    try {
      const res = await fetch(`${host.url}/`);
      expect(res.headers.get('content-security-policy')).toBe(APP_CSP);
    } finally {
      await host.close();
      t.close();
      fs.rmSync(t.dir, { recursive: true, force: true });
    }
  });
});

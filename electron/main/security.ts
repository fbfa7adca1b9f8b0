/**
 * The window's fences. The app's pages come from the core's loopback HTTP host (its origin, e.g.
 * http://127.0.0.1:5170, is "the app origin"); everything else is foreign:
 *   - navigation anywhere else is blocked (http(s) links go to the system browser instead);
 *   - new windows are denied, likewise handing http(s) links to the system browser;
 *   - permission requests (camera, notifications, geolocation…) are denied, bar writing text to
 *     the clipboard from the app itself (copying a VIN or an order number);
 *   - the app's responses carry the same Content-Security-Policy the core's HTTP host sends;
 *   - IPC is answered only for frames showing the app origin.
 */
import type { IpcMainInvokeEvent, Session, WebContents } from 'electron';

/** Identical to the core HTTP host's header (electron/core/http/server.ts; a test holds them equal). */
export const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

/** The origin of the core's HTTP host, known once the core is ready (and stable across restarts). */
export class AppOrigin {
  private origin: string | null = null;
  set(url: string): void {
    this.origin = originOf(url);
  }
  get(): string | null {
    return this.origin;
  }
  /** Whether `url` is a page of the app. */
  has(url: string | undefined | null): boolean {
    return this.origin !== null && typeof url === 'string' && originOf(url) === this.origin;
  }
}

export const originOf = (url: string): string | null => {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
};

/** Only web links leave the app for the system browser: never file:, javascript:, custom schemes. */
export const isExternalUrl = (url: unknown): url is string => {
  if (typeof url !== 'string') return false;
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.username === '' && u.password === '';
  } catch {
    return false;
  }
};

/** The IPC sender check: the calling frame must show the app origin. */
export const isTrustedSender = (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, origin: AppOrigin): boolean => {
  try {
    return origin.has(event.senderFrame?.url);
  } catch {
    // A frame that navigated away or was destroyed throws on access.
    return false;
  }
};

export type OpenExternal = (url: string) => unknown;

type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Navigation and window-opening rules for one webContents (every one the app creates). */
export function guardWebContents(wc: GuardedContents, origin: AppOrigin, openExternal: OpenExternal): void {
  const block = (e: { preventDefault(): void }, url: string) => {
    if (origin.has(url)) return;
    e.preventDefault();
    if (isExternalUrl(url)) openExternal(url);
  };
  wc.on('will-navigate', (e, url) => block(e, url));
  // A redirect from the app to elsewhere is stopped too, without opening anything.
  wc.on('will-redirect', (e, url) => {
    if (!origin.has(url)) e.preventDefault();
  });
  wc.on('will-attach-webview', (e) => e.preventDefault());
  wc.setWindowOpenHandler(({ url }) => {
    if (isExternalUrl(url)) openExternal(url);
    return { action: 'deny' };
  });
}

/** Permissions granted to the app origin; everything else (and everyone else) is refused. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export const permissionAllowed = (permission: string, requestingUrl: string | undefined, origin: AppOrigin) =>
  ALLOWED_PERMISSIONS.has(permission) && origin.has(requestingUrl);

type GuardedSession = {
  setPermissionRequestHandler: Session['setPermissionRequestHandler'];
  setPermissionCheckHandler: Session['setPermissionCheckHandler'];
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived'>;
};

/** Permission handlers and the CSP header for the session the window uses. */
export function guardSession(session: GuardedSession, origin: AppOrigin): void {
  session.setPermissionRequestHandler((_wc, permission, callback, details) =>
    callback(permissionAllowed(permission, details?.requestingUrl, origin)),
  );
  session.setPermissionCheckHandler((_wc, permission, requestingOrigin) =>
    permissionAllowed(permission, requestingOrigin, origin),
  );
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!origin.has(details.url)) return callback({});
    callback({ responseHeaders: withCsp(details.responseHeaders) });
  });
}

/** The headers with exactly one Content-Security-Policy: ours. */
export const withCsp = (headers: Record<string, string[] | string> | undefined): Record<string, string[]> => {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() !== 'content-security-policy') out[k] = Array.isArray(v) ? v : [v];
  }
  out['Content-Security-Policy'] = [APP_CSP];
  return out;
};

/**
 * The credentials a browser keeps (docs/users-and-lan.md): a paired device's token in localStorage (it
 * stays paired until revoked) and a desk session's token in sessionStorage (one tab, gone with it).
 * Inside Electron the IPC port keeps the session itself and nothing is stored here.
 */
const DEVICE_KEY = 'chedang.deviceToken';
const SESSION_KEY = 'chedang.sessionToken';

const read = (s: Storage | undefined, k: string) => {
  try {
    return s?.getItem(k) ?? null;
  } catch {
    return null;
  }
};
const storage = (kind: 'local' | 'session'): Storage | undefined =>
  typeof window === 'undefined' ? undefined : kind === 'local' ? window.localStorage : window.sessionStorage;

/** The token to send: a signed-in session first, else the device's pairing. */
export const currentToken = (): string | null =>
  read(storage('session'), SESSION_KEY) ?? read(storage('local'), DEVICE_KEY);

export const hasSessionToken = (): boolean => read(storage('session'), SESSION_KEY) !== null;
export const hasDeviceToken = (): boolean => read(storage('local'), DEVICE_KEY) !== null;

export const setSessionToken = (token: string | null): void => {
  if (token) storage('session')?.setItem(SESSION_KEY, token);
  else storage('session')?.removeItem(SESSION_KEY);
};
export const setDeviceToken = (token: string | null): void => {
  if (token) storage('local')?.setItem(DEVICE_KEY, token);
  else storage('local')?.removeItem(DEVICE_KEY);
};

/** Any call answered 401: the sign-in gate re-asks who we are (session ended, device revoked). */
export const UNAUTHENTICATED_EVENT = 'chedang:unauthenticated';

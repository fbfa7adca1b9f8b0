/**
 * Who is using this window, before any screen shows (docs/users-and-lan.md):
 *   - an unpaired browser on the LAN (auth.me → 401) sees the pairing page;
 *   - multi-user mode with nobody signed in shows the sign-in screen;
 *   - a technician only ever sees the technician view (/tech) — the core refuses them the rest anyway.
 * Single-user mode on this PC passes straight through, as before users had PINs.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Button, Flex, Result, Spin } from 'antd';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { MethodOutput } from '../../shared/api/contract.js';
import { call, getTransport } from '../api/client.js';
import { useCall } from '../api/query.js';
import {
  hasDeviceToken,
  hasSessionToken,
  setDeviceToken,
  setSessionToken,
  UNAUTHENTICATED_EVENT,
} from '../api/session.js';
import { ErrorAlert } from '../components/errors.js';
import { PairDevice } from './PairDevice.js';
import { SignIn } from './SignIn.js';

export type Me = MethodOutput<'auth.me'>;
const MeContext = createContext<Me | null>(null);
/** The signed-in user, mode and device of this window (null outside the gate). */
export const useMe = (): Me | null => useContext(MeContext);

/** After sign-in, sign-out or pairing: new credentials for the event stream, fresh data everywhere. */
export function useCredentialsChanged() {
  const qc = useQueryClient();
  return () => {
    (getTransport() as { reconnect?: () => void }).reconnect?.();
    void qc.invalidateQueries();
  };
}

/** Sign out of this window's session (lock, switch user). */
export function useSignOut() {
  const changed = useCredentialsChanged();
  return async () => {
    try {
      await call('auth.logout', {});
    } catch {
      // Already signed out (the core restarted): forgetting the token below is what matters.
    }
    setSessionToken(null);
    changed();
  };
}

export function AccessGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation('access');
  const location = useLocation();
  const changed = useCredentialsChanged();
  const me = useCall('auth.me', {}, { staleTime: 60_000 });
  // This device's pairing was refused (revoked, or its user stopped): say so on the pairing page.
  const [pairingEnded, setPairingEnded] = useState(false);
  useEffect(() => {
    if (me.data) setPairingEnded(false);
  }, [me.data]);

  // A call answered 401: the session ended (idle, core restart) or this device was revoked. Forget
  // the token that failed and ask again; with no token left there is nothing to forget (no loop).
  useEffect(() => {
    const onUnauthenticated = () => {
      if (hasSessionToken()) setSessionToken(null);
      else if (hasDeviceToken()) {
        setDeviceToken(null);
        setPairingEnded(true);
      } else return;
      changed();
    };
    window.addEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, onUnauthenticated);
  }, [changed]);

  if (me.isLoading)
    return (
      <Flex align="center" justify="center" style={{ minHeight: '60vh' }}>
        <Spin size="large" />
      </Flex>
    );
  if (me.error?.code === 'unauthenticated') return <PairDevice ended={pairingEnded} />;
  if (me.error || !me.data)
    return (
      <Result
        status="warning"
        title={t('common:app.name')}
        extra={
          <>
            <ErrorAlert error={me.error} />
            <Button onClick={() => void me.refetch()}>{t('retry')}</Button>
          </>
        }
      />
    );
  const m = me.data;
  if (m.mode === 'multi' && !m.user) return <SignIn />;
  if (m.user?.role === 'technician' && !location.pathname.startsWith('/tech')) return <Navigate to="/tech" replace />;
  return <MeContext.Provider value={m}>{children}</MeContext.Provider>;
}

/**
 * Inside the app, the shell restarts the core if it dies; meanwhile the window says so instead of
 * failing calls silently, and every query refreshes once the core is back. (A failed start-up gets
 * the shell's own error page.) In a browser there is no shell, and the event stream reconnects itself.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Result, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoreState } from '../../shared/api/bridge.js';

export function CoreStateOverlay() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [state, setState] = useState<CoreState['state']>('ready');
  useEffect(() => {
    const bridge = window.chedang;
    if (!bridge) return;
    return bridge.onCoreState((s) => {
      setState((was) => {
        if (s.state === 'ready' && was !== 'ready') void qc.invalidateQueries();
        return s.state;
      });
    });
  }, [qc]);
  if (state === 'ready') return null;
  return (
    <div className="core-overlay" role="alertdialog" aria-live="assertive" data-testid="core-overlay">
      <Result icon={<Spin size="large" />} title={t(`core.${state}`)} subTitle={t('core.wait')} />
    </div>
  );
}

/**
 * The header's note when the shell has downloaded an update (docs/installer-and-updates.md): never a
 * dialog, never a forced restart. "Restart and update" asks the shell, which refuses while an order
 * form has unsaved edits, a settle runs or records are uploading; the update then waits for quit.
 * Outside the app (a browser) there is no updater and nothing shows.
 */
import { CloudDownloadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Popover, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUpdateStatus } from './useUpdateStatus.js';

export function UpdatePrompt() {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const status = useUpdateStatus();
  const [asking, setAsking] = useState(false);
  if (status.state !== 'ready') return null;

  const restart = async () => {
    const bridge = window.chedang;
    if (!bridge) return;
    setAsking(true);
    try {
      const r = await bridge.installUpdate();
      if (!r.ok) {
        const reasons = r.busy.map((b) => t(`update.reasons.${b}`)).join('、');
        void message.warning(t('update.busy', { reasons }));
      }
    } finally {
      setAsking(false);
    }
  };

  return (
    <Popover
      content={
        <div style={{ maxWidth: 280 }}>
          <p>{t('update.onQuit')}</p>
          <Button type="primary" size="small" loading={asking} onClick={restart} data-testid="update-restart">
            {t('update.restart')}
          </Button>
        </div>
      }
    >
      <Tag color="green" icon={<CloudDownloadOutlined />} data-testid="update-ready">
        {t('update.ready', { version: status.version })}
      </Tag>
    </Popover>
  );
}

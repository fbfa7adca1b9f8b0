/**
 * 软件更新: the version running and what the updater does (electron/main/updater.ts). Backups, LAN
 * access and users have their own tabs. In a browser there is no updater: the desktop app updates.
 */
import { SyncOutlined } from '@ant-design/icons';
import { Card, Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useUpdateStatus } from '../../app/update/useUpdateStatus.js';

export function SystemTab() {
  const { t } = useTranslation('settings');
  const bridge = window.chedang;
  const status = useUpdateStatus();
  return (
    <Card
      size="small"
      title={
        <span>
          <SyncOutlined /> {t('system.updates')}
        </span>
      }
      data-testid="settings-system-updates"
      style={{ maxWidth: 720 }}
    >
      {bridge ? (
        <>
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('system.version')}>{bridge.version}</Descriptions.Item>
            <Descriptions.Item label={t('system.updates')}>
              {status.state === 'ready' ? (
                <Tag color="green">{t('system.ready', { version: status.version })}</Tag>
              ) : (
                t('system.none')
              )}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph>{t('system.auto')}</Typography.Paragraph>
          <Typography.Paragraph>{t('system.busyRule')}</Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('system.lanFeed')}
          </Typography.Paragraph>
        </>
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('system.browser')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

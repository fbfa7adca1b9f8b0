/** The upload status in the header: counts, 演示平台 when the demo runs, online or not. */
import { CloudOutlined, CloudSyncOutlined, WarningOutlined } from '@ant-design/icons';
import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCall } from '../api/query.js';
import { pick } from '../i18n/index.js';

export function SyncStatus() {
  const { t } = useTranslation();
  const { data } = useCall('archive.status', {}, { refetchInterval: 15_000 });
  if (!data) return null;
  const attention = data.counts.held + data.counts.rejected;
  return (
    <Link to="/archive" data-testid="sync-status">
      <Space size={4} wrap={false}>
        {data.platform ? (
          <Tooltip title={data.online === false ? t('sync.offlineShort') : t('sync.online')}>
            <Tag color={data.platform.demo ? 'purple' : 'blue'} icon={<CloudOutlined />}>
              {pick(data.platform.label)}
            </Tag>
          </Tooltip>
        ) : (
          <Tag>{t('sync.notConfigured')}</Tag>
        )}
        <Tag color="gold" icon={<CloudSyncOutlined />}>
          {t('sync.pending', { n: data.counts.pending + data.counts.sending })}
        </Tag>
        <Tag color="green">{t('sync.accepted', { n: data.counts.accepted })}</Tag>
        {attention > 0 ? (
          <Tag color="red" icon={<WarningOutlined />}>
            {t('sync.attention', { n: attention })}
          </Tag>
        ) : null}
      </Space>
    </Link>
  );
}

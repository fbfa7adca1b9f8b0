/**
 * Backups, LAN access and updates are configured in a later release. Until then this tab says so,
 * and offers no button that would pretend to do it.
 */
import { CloudServerOutlined, SafetyOutlined, SyncOutlined } from '@ant-design/icons';
import { Card, Col, Row, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

function Placeholder({ id, icon }: { id: 'backup' | 'lan' | 'updates'; icon: ReactNode }) {
  const { t } = useTranslation('settings');
  return (
    <Card
      size="small"
      title={
        <span>
          {icon} {t(`system.${id}.title`)}
        </span>
      }
      extra={<Tag>{t('system.later')}</Tag>}
      data-testid={`settings-system-${id}`}
      style={{ height: '100%' }}
    >
      <Typography.Paragraph style={{ marginBottom: 8 }}>{t(`system.${id}.what`)}</Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        {t(`system.${id}.now`)}
      </Typography.Paragraph>
    </Card>
  );
}

export function SystemTab() {
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={8}>
        <Placeholder id="backup" icon={<SafetyOutlined />} />
      </Col>
      <Col xs={24} lg={8}>
        <Placeholder id="lan" icon={<CloudServerOutlined />} />
      </Col>
      <Col xs={24} lg={8}>
        <Placeholder id="updates" icon={<SyncOutlined />} />
      </Col>
    </Row>
  );
}

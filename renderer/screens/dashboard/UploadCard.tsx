/**
 * Where the archive uploads stand: the platform (演示平台 unmistakably marked), the three numbers the
 * clerk acts on — 待上传 / 已上传 / 需处理 — and when the last upload succeeded or failed.
 */
import { CloudOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Card, Col, Descriptions, Row, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCall } from '../../api/query.js';
import { ErrorAlert } from '../../components/errors.js';
import { dateTime } from '../../components/format.js';
import { pick } from '../../i18n/index.js';

export function UploadCard() {
  const { t } = useTranslation('dashboard');
  const navigate = useNavigate();
  const { data, error, isLoading } = useCall('archive.status', {}, { refetchInterval: 15_000 });
  const platform = data?.platform;
  const attention = data ? data.counts.held + data.counts.rejected : 0;
  return (
    <Card
      size="small"
      loading={isLoading}
      title={t('upload.title')}
      data-testid="dashboard-upload"
      extra={<Link to="/archive">{t('upload.open')}</Link>}
    >
      <ErrorAlert error={error} />
      {data ? (
        <>
          <div style={{ marginBottom: 8 }}>
            {platform ? (
              <Tag color={platform.demo ? 'purple' : 'blue'} icon={<CloudOutlined />} data-testid="dashboard-platform">
                {pick(platform.label)}
              </Tag>
            ) : (
              <Tag data-testid="dashboard-platform">{t('upload.notConfigured')}</Tag>
            )}
            {data.online === false ? <Tag color="red">{t('upload.offline')}</Tag> : null}
            {data.online === true ? <Tag color="green">{t('upload.online')}</Tag> : null}
          </div>
          <Row gutter={8}>
            <Col span={8}>
              <Statistic
                title={t('upload.pending')}
                value={data.counts.pending + data.counts.sending}
                data-testid="dashboard-upload-pending"
              />
            </Col>
            <Col span={8}>
              <Statistic
                title={t('upload.accepted')}
                value={data.counts.accepted}
                data-testid="dashboard-upload-accepted"
              />
            </Col>
            <Col span={8}>
              <Statistic
                title={t('upload.attention')}
                value={attention}
                prefix={attention > 0 ? <WarningOutlined /> : null}
                styles={{ content: attention > 0 ? { color: '#cf1322' } : {} }}
                data-testid="dashboard-upload-attention"
              />
            </Col>
          </Row>
          <Descriptions size="small" column={1} style={{ marginTop: 8 }}>
            <Descriptions.Item label={t('upload.lastSuccess')}>{dateTime(data.lastSuccessAt)}</Descriptions.Item>
          </Descriptions>
          {data.lastError ? (
            <Alert
              type="warning"
              showIcon
              data-testid="dashboard-upload-error"
              title={
                <Typography.Text ellipsis={{ tooltip: data.lastError.message }}>
                  {t('upload.lastError', { at: dateTime(data.lastError.at), error: data.lastError.message })}
                </Typography.Text>
              }
              style={{ marginBottom: 8 }}
            />
          ) : null}
          {attention > 0 ? (
            <Typography.Link
              onClick={() => navigate('/archive?state=held,rejected')}
              data-testid="dashboard-upload-fix"
            >
              {t('upload.fix', { n: attention })}
            </Typography.Link>
          ) : null}
        </>
      ) : null}
    </Card>
  );
}

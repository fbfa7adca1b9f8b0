/**
 * Where a settled order's archive record stands (detail.archive[]: the upload, and a correction after
 * 冲红): state, attempts, when accepted, and for a rejected or held record the reasons with the field
 * to fix. The queue itself lives on the archive screen.
 */
import { Card, Descriptions, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dateTime } from '../../components/format.js';
import { OutboxStateTag } from '../../components/labels.js';
import { pick } from '../../i18n/index.js';
import type { OrderDetail } from './types.js';

export function ArchivePanel({ detail }: { detail: OrderDetail }) {
  const { t } = useTranslation('workOrders');
  return (
    <Card
      size="small"
      title={t('archive.title')}
      extra={<Link to="/archive">{t('archive.open')}</Link>}
      data-testid="wo-archive"
    >
      {detail.archive.length === 0 ? (
        <Typography.Text type="secondary">{t('archive.none')}</Typography.Text>
      ) : (
        detail.archive.map((a) => (
          <div key={a.outboxId} data-testid="wo-archive-row" style={{ marginBottom: 8 }}>
            <Descriptions
              size="small"
              column={4}
              items={[
                { key: 'kind', label: t('archive.kind'), children: t(`archive.kinds.${a.kind}`) },
                { key: 'state', label: t('archive.state'), children: <OutboxStateTag state={a.state} /> },
                { key: 'attempts', label: t('archive.attempts'), children: a.attempts },
                { key: 'accepted', label: t('archive.acceptedAt'), children: dateTime(a.acceptedAt) },
              ]}
            />
            {a.issues.length > 0 || a.lastError ? (
              <List
                size="small"
                bordered
                dataSource={[
                  ...a.issues.map((i) => ({
                    key: `${i.code}:${i.field ?? ''}`,
                    text: pick(i.message),
                    field: i.field,
                    warning: i.severity === 'warning',
                  })),
                  ...(a.lastError && a.issues.length === 0
                    ? [{ key: 'last', text: a.lastError, field: undefined, warning: false }]
                    : []),
                ]}
                renderItem={(i) => (
                  <List.Item>
                    <Typography.Text type={i.warning ? 'warning' : 'danger'}>{i.text}</Typography.Text>
                    {i.field ? <Typography.Text type="secondary"> · {i.field}</Typography.Text> : null}
                  </List.Item>
                )}
              />
            ) : null}
          </div>
        ))
      )}
    </Card>
  );
}

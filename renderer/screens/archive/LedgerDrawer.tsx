/**
 * 台账: one record and every request sent for it with the platform's reply — what a regulator or the
 * platform's support desk asks for when a record is disputed. The core already masks the password
 * and the token (***); bodies are pretty-printed when they are JSON.
 */
import { Card, Descriptions, Drawer, Empty, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MethodOutput } from '../../../shared/api/contract.js';
import { useCall } from '../../api/query.js';
import { ErrorAlert } from '../../components/errors.js';
import { dateTime } from '../../components/format.js';
import { OutboxStateTag } from '../../components/labels.js';
import { IssueList } from './IssueList.js';

type Entry = MethodOutput<'archive.ledger'>['entries'][number];

/** JSON bodies indented; anything else (a form query, an HTML error page) as sent. */
const pretty = (text: string): string => {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
};

/** A request is `METHOD URL` on the first line, then the body. */
const prettyRequest = (request: string): string => {
  const nl = request.indexOf('\n');
  return nl < 0 ? request : `${request.slice(0, nl)}\n${pretty(request.slice(nl + 1))}`;
};

const outcomeColor = (outcome: string): string =>
  outcome.endsWith(':ok') ? 'green' : outcome.endsWith(':sent') ? 'blue' : 'red';

const Pre = ({ children, testId }: { children: string; testId: string }) => (
  <pre
    data-testid={testId}
    style={{
      margin: 0,
      padding: 8,
      background: '#fafafa',
      border: '1px solid #f0f0f0',
      borderRadius: 4,
      fontSize: 12,
      maxHeight: 260,
      overflow: 'auto',
      whiteSpace: 'pre-wrap',
      wordBreak: 'break-all',
    }}
  >
    {children}
  </pre>
);

function EntryCard({ e }: { e: Entry }) {
  const { t } = useTranslation('archive');
  const ms = e.finishedAt === null ? null : e.finishedAt - e.startedAt;
  return (
    <Card
      size="small"
      data-testid="archive-ledger-entry"
      title={
        <Flex gap={8} align="center" wrap>
          <span>{t('ledger.attempt', { n: e.attempt })}</span>
          <Tag color={outcomeColor(e.outcome)}>{e.outcome}</Tag>
          {e.httpStatus !== null ? <Tag>HTTP {e.httpStatus}</Tag> : <Tag>{t('ledger.noHttp')}</Tag>}
        </Flex>
      }
      extra={
        <Typography.Text type="secondary">
          {dateTime(e.startedAt)}
          {ms !== null ? ` · ${t('ledger.took', { ms })}` : ` · ${t('ledger.unfinished')}`}
        </Typography.Text>
      }
    >
      <Descriptions size="small" column={2} style={{ marginBottom: 8 }}>
        <Descriptions.Item label={t('ledger.platform')}>{e.platform}</Descriptions.Item>
        <Descriptions.Item label={t('ledger.companyCode')}>{e.companyCode}</Descriptions.Item>
      </Descriptions>
      {e.error ? (
        <Typography.Paragraph type="danger" style={{ marginBottom: 8 }}>
          {e.error}
        </Typography.Paragraph>
      ) : null}
      <Typography.Text strong>{t('ledger.request')}</Typography.Text>
      <Pre testId="archive-ledger-request">{prettyRequest(e.request)}</Pre>
      <Typography.Text strong style={{ display: 'block', marginTop: 8 }}>
        {t('ledger.response')}
      </Typography.Text>
      <Pre testId="archive-ledger-response">{e.response === null ? t('ledger.noResponse') : pretty(e.response)}</Pre>
    </Card>
  );
}

export function LedgerDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation('archive');
  const { data, error, isLoading } = useCall('archive.ledger', { id: id ?? '' }, { enabled: id !== null });
  const r = data?.record;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={720}
      title={r ? t('ledger.title', { no: r.settlementNo }) : t('ledger.titleEmpty')}
      loading={isLoading}
      destroyOnHidden
    >
      <ErrorAlert error={error} />
      {r ? (
        <Flex vertical gap={12} data-testid="archive-ledger">
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('queue.plate')}>{r.plate}</Descriptions.Item>
            <Descriptions.Item label={t('queue.vin')}>{r.vin}</Descriptions.Item>
            <Descriptions.Item label={t('queue.state')}>
              <OutboxStateTag state={r.state} />
            </Descriptions.Item>
            <Descriptions.Item label={t('queue.settleDate')}>{r.settleDate ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('ledger.acceptedAt')}>{dateTime(r.acceptedAt)}</Descriptions.Item>
            <Descriptions.Item label={t('ledger.order')}>
              <Link to={`/work-orders/${r.workOrderId}`}>{t('ledger.openOrder')}</Link>
            </Descriptions.Item>
          </Descriptions>
          <IssueList issues={r.issues} workOrderId={r.workOrderId} />
          <details>
            <summary style={{ cursor: 'pointer' }}>{t('ledger.record')}</summary>
            <Pre testId="archive-ledger-record">{JSON.stringify(r.record, null, 2)}</Pre>
          </details>
          {data.entries.length === 0 ? (
            <Empty description={t('ledger.empty')} />
          ) : (
            data.entries.map((e) => <EntryCard key={e.id} e={e} />)
          )}
        </Flex>
      ) : null}
    </Drawer>
  );
}

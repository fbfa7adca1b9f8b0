/**
 * 上传队列: every archive record, newest first, paged on the server. Filter by state (chips) and
 * settlement date; held and rejected rows open to show what is wrong, with the field to fix, and can
 * be requeued once fixed. 台账 opens the requests and replies of one record.
 */
import { Button, DatePicker, Flex, Input, Modal, message, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { MethodOutput } from '../../../shared/api/contract.js';
import { OUTBOX_STATE_LABEL, OUTBOX_STATES, type OutboxState } from '../../../shared/domain/enums.js';
import { useCall } from '../../api/query.js';
import { ErrorAlert } from '../../components/errors.js';
import { dateTime } from '../../components/format.js';
import { OutboxStateTag } from '../../components/labels.js';
import { useTableHeight } from '../../components/useTableHeight.js';
import { pick } from '../../i18n/index.js';
import { IssueList } from './IssueList.js';
import { LedgerDrawer } from './LedgerDrawer.js';
import { canRequeue, RequeueButton } from './RequeueButton.js';

type Row = MethodOutput<'archive.records'>['items'][number];

const PAGE_SIZE = 20;
const isState = (s: string): s is OutboxState => (OUTBOX_STATES as readonly string[]).includes(s);
/** Rows that open by themselves: the clerk has to act on them. */
const needsAction = (r: Row) => (r.state === 'held' || r.state === 'rejected') && r.issues.length > 0;

export function QueueTab() {
  const { t } = useTranslation('archive');
  const height = useTableHeight(340);
  const [params, setParams] = useSearchParams();
  // The state filter lives in the address, so the dashboard and the status bar can link to "需处理".
  const states = (params.get('state') ?? '').split(',').filter(isState);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [settlementNo, setSettlementNo] = useState('');
  const [page, setPage] = useState(1);
  const [ledgerId, setLedgerId] = useState<string | null>(null);
  const [toggled, setToggled] = useState<Record<string, boolean>>({});
  const [modal, modalHolder] = Modal.useModal();
  const [msg, msgHolder] = message.useMessage();

  const setStates = (next: OutboxState[]) => {
    setPage(1);
    setParams(
      (p) => {
        const q = new URLSearchParams(p);
        if (next.length) q.set('state', next.join(','));
        else q.delete('state');
        return q;
      },
      { replace: true },
    );
  };
  const toggleState = (s: OutboxState, on: boolean) => setStates(on ? [...states, s] : states.filter((x) => x !== s));

  const from = range?.[0]?.format('YYYY-MM-DD');
  const to = range?.[1]?.format('YYYY-MM-DD');
  const { data, error, isFetching } = useCall(
    'archive.records',
    {
      ...(states.length ? { state: states } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(settlementNo ? { settlementNo } : {}),
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    },
    { placeholderData: (prev) => prev },
  );
  const rows = data?.items ?? [];
  const expanded = rows.filter((r) => toggled[r.id] ?? needsAction(r)).map((r) => r.id);

  return (
    <Flex vertical gap={12}>
      {modalHolder}
      {msgHolder}
      <Flex gap={12} align="center" wrap data-testid="archive-queue-filters">
        <Flex gap={4} align="center" wrap>
          <Tag.CheckableTag
            checked={states.length === 0}
            onChange={() => setStates([])}
            data-testid="archive-state-all"
          >
            {t('queue.allStates')}
          </Tag.CheckableTag>
          {OUTBOX_STATES.map((s) => (
            <Tag.CheckableTag
              key={s}
              checked={states.includes(s)}
              onChange={(on) => toggleState(s, on)}
              data-testid={`archive-state-${s}`}
            >
              {pick(OUTBOX_STATE_LABEL[s])}
            </Tag.CheckableTag>
          ))}
        </Flex>
        <DatePicker.RangePicker
          value={range}
          onChange={(v) => {
            setPage(1);
            setRange(v);
          }}
          placeholder={[t('queue.settleFrom'), t('queue.settleTo')]}
          allowEmpty={[true, true]}
          style={{ width: 260 }}
          data-testid="archive-date-range"
        />
        <Input.Search
          allowClear
          placeholder={t('queue.settlementNo')}
          onSearch={(v) => {
            setPage(1);
            setSettlementNo(v.trim());
          }}
          style={{ width: 220 }}
          data-testid="archive-settlement-search"
        />
      </Flex>
      <ErrorAlert error={error} />
      <Table<Row>
        size="small"
        rowKey="id"
        data-testid="archive-queue"
        loading={isFetching && !data}
        dataSource={rows}
        virtual
        scroll={{ y: height }}
        tableLayout="fixed"
        locale={{ emptyText: t('queue.empty') }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          showTotal: (n) => t('queue.total', { n }),
          onChange: setPage,
          size: 'small',
        }}
        onRow={(r) =>
          ({ 'data-testid': 'archive-queue-row', 'data-state': r.state }) as React.HTMLAttributes<HTMLElement>
        }
        expandable={{
          expandedRowKeys: expanded,
          rowExpandable: (r) => r.issues.length > 0 || r.lastError !== null,
          onExpand: (open, r) => setToggled((m) => ({ ...m, [r.id]: open })),
          expandedRowRender: (r) => (
            <Flex vertical gap={8} style={{ paddingInlineStart: 8 }}>
              <IssueList issues={r.issues} workOrderId={r.workOrderId} />
              {r.lastError ? (
                <Typography.Text type="danger" data-testid="archive-last-error-full">
                  {t('queue.lastErrorFull', { error: r.lastError })}
                </Typography.Text>
              ) : null}
            </Flex>
          ),
        }}
        columns={[
          {
            title: t('queue.settlementNo'),
            dataIndex: 'settlementNo',
            width: 160,
            render: (v: string, r) => (
              <Flex vertical>
                <span>
                  {v} {r.kind === 'correction' ? <Tag color="magenta">{t('queue.correction')}</Tag> : null}
                </span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {r.settleDate ?? ''}
                </Typography.Text>
              </Flex>
            ),
          },
          { title: t('queue.plate'), dataIndex: 'plate', width: 96 },
          {
            title: t('queue.vin'),
            dataIndex: 'vin',
            width: 168,
            render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span>,
          },
          {
            title: t('queue.state'),
            dataIndex: 'state',
            width: 82,
            render: (s: OutboxState) => <OutboxStateTag state={s} />,
          },
          { title: t('queue.attempts'), dataIndex: 'attempts', width: 60, align: 'right' },
          {
            title: t('queue.nextAttempt'),
            dataIndex: 'nextAttemptAt',
            width: 130,
            render: (v: number | null, r) => (r.state === 'pending' || r.state === 'sending' ? dateTime(v) : '—'),
          },
          {
            title: t('queue.lastError'),
            dataIndex: 'lastError',
            ellipsis: { showTitle: true },
            render: (v: string | null) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : '—'),
          },
          {
            title: t('queue.actions'),
            key: 'actions',
            width: 204,
            render: (_: unknown, r) => (
              <Flex gap={4}>
                <Button size="small" onClick={() => setLedgerId(r.id)} data-testid="archive-ledger-open">
                  {t('queue.ledger')}
                </Button>
                {canRequeue(r) ? <RequeueButton row={r} modal={modal} msg={msg} /> : null}
              </Flex>
            ),
          },
        ]}
      />
      <LedgerDrawer id={ledgerId} onClose={() => setLedgerId(null)} />
    </Flex>
  );
}

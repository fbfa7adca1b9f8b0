/**
 * 工单列表 (/work-orders): status tabs with counts, a date range, a vehicle/customer filter found
 * through the global search (workOrders.list has no free-text filter, but filters by vehicle and
 * customer), and a server-paged table. The filters live in the URL so Back returns to the same view.
 * Row click or Enter opens the order; ↑/↓ move between rows.
 */
import { CloseOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Button, DatePicker, Flex, Input, Select, Table, Tabs, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type KeyboardEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { MethodInput } from '../../../shared/api/contract.js';
import {
  REPAIR_CATEGORY_LABEL,
  WORK_ORDER_STATUS_LABEL,
  WORK_ORDER_STATUSES,
  type WorkOrderStatus,
} from '../../../shared/domain/enums.js';
import { useCall } from '../../api/query.js';
import { ErrorAlert } from '../../components/errors.js';
import { dateTime, yuan } from '../../components/format.js';
import { OrderStatusTag } from '../../components/labels.js';
import { Page } from '../../components/Page.js';
import { useTableHeight } from '../../components/useTableHeight.js';
import { pick } from '../../i18n/index.js';
import type { OrderSummary } from './types.js';

type Tab = 'all' | WorkOrderStatus;
type Sort = 'created_desc' | 'promised_asc';
const OPEN: ReadonlySet<WorkOrderStatus> = new Set(['received', 'in_progress', 'completed']);
const ISO = 'YYYY-MM-DD';

function TabLabel({ tab, base }: { tab: Tab; base: MethodInput<'workOrders.list'> }) {
  const { t } = useTranslation('workOrders');
  const { data } = useCall('workOrders.list', { ...base, ...(tab === 'all' ? {} : { status: tab }), limit: 1 });
  const label = tab === 'all' ? t('list.all') : pick(WORK_ORDER_STATUS_LABEL[tab]);
  return (
    <span>
      {label}
      {data ? <span style={{ marginInlineStart: 4, opacity: 0.6 }}>{data.total}</span> : null}
    </span>
  );
}

/** Find a vehicle or customer to filter by (or jump straight to an order by its number). */
function FilterSearch({ onPick }: { onPick: (kind: 'vehicle' | 'customer', id: string, label: string) => void }) {
  const { t } = useTranslation('workOrders');
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const term = q.trim();
  const { data } = useCall('search.global', { q: term, limit: 10 }, { enabled: term.length > 0 });
  const hits = term ? (data?.hits ?? []).filter((h) => h.kind !== 'part') : [];
  const choose = (value: string) => {
    const hit = hits.find((h) => `${h.kind}:${h.id}` === value);
    if (!hit) return;
    setQ('');
    if (hit.kind === 'workOrder') navigate(`/work-orders/${hit.id}`);
    else if (hit.kind === 'vehicle' || hit.kind === 'customer') onPick(hit.kind, hit.id, hit.title);
  };
  return (
    <AutoComplete
      style={{ width: 360 }}
      value={q}
      onChange={setQ}
      onSelect={choose}
      defaultActiveFirstOption
      options={hits.map((h) => ({
        value: `${h.kind}:${h.id}`,
        label: (
          <span>
            <Tag style={{ marginInlineEnd: 6 }}>{t(`list.hitKind.${h.kind}`)}</Tag>
            <strong>{h.title}</strong> <Typography.Text type="secondary">{h.subtitle}</Typography.Text>
          </span>
        ),
      }))}
      notFoundContent={term && data ? t('list.noMatch') : null}
    >
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('list.filterPlaceholder')}
        aria-label={t('list.filterPlaceholder')}
        data-testid="wo-filter-search"
      />
    </AutoComplete>
  );
}

export function WorkOrdersScreen() {
  const { t } = useTranslation('workOrders');
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = (params.get('status') ?? 'all') as Tab;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const vehicleId = params.get('vehicle') ?? undefined;
  const customerId = params.get('customer') ?? undefined;
  const filterLabel = params.get('label') ?? '';
  const sort = (params.get('sort') ?? 'created_desc') as Sort;
  const page = Number(params.get('page') ?? '1') || 1;
  const size = Number(params.get('size') ?? '50') || 50;
  const height = useTableHeight(360);

  const set = (patch: Record<string, string | undefined>, keepPage = false) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!keepPage) next.delete('page');
    setParams(next, { replace: true });
  };

  const base: MethodInput<'workOrders.list'> = { from, to, vehicleId, customerId };
  const { data, error, isFetching } = useCall(
    'workOrders.list',
    { ...base, ...(tab === 'all' ? {} : { status: tab }), sort, limit: size, offset: (page - 1) * size },
    { placeholderData: (prev) => prev },
  );

  const open = (id: string) => navigate(`/work-orders/${id}`);
  const onRowKey = (e: KeyboardEvent<HTMLElement>, id: string) => {
    if (e.key === 'Enter') return open(id);
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const rows = [
      ...(e.currentTarget.closest('.ant-table')?.querySelectorAll<HTMLElement>('[data-testid="work-order-row"]') ?? []),
    ];
    const i = rows.indexOf(e.currentTarget);
    rows[e.key === 'ArrowDown' ? i + 1 : i - 1]?.focus();
  };

  const range: [Dayjs, Dayjs] | null = from && to ? [dayjs(from), dayjs(to)] : null;
  const now = Date.now();

  return (
    <Page
      title={t('list.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/reception')} data-testid="wo-new">
          {t('list.newOrder')}
        </Button>
      }
    >
      <Tabs
        data-testid="wo-tabs"
        activeKey={tab}
        onChange={(k) => set({ status: k === 'all' ? undefined : k })}
        items={(['all', ...WORK_ORDER_STATUSES] as Tab[]).map((k) => ({
          key: k,
          label: <TabLabel tab={k} base={base} />,
        }))}
        style={{ marginBottom: 4 }}
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <DatePicker.RangePicker
          value={range}
          allowEmpty={[false, false]}
          onChange={(v) => set({ from: v?.[0]?.format(ISO), to: v?.[1]?.format(ISO) })}
          presets={[
            { label: t('list.presets.today'), value: [dayjs(), dayjs()] },
            { label: t('list.presets.week'), value: [dayjs().startOf('week'), dayjs()] },
            { label: t('list.presets.month'), value: [dayjs().startOf('month'), dayjs()] },
            { label: t('list.presets.last30'), value: [dayjs().subtract(29, 'day'), dayjs()] },
          ]}
          data-testid="wo-date-filter"
        />
        <FilterSearch
          onPick={(kind, id, label) =>
            set({ vehicle: kind === 'vehicle' ? id : undefined, customer: kind === 'customer' ? id : undefined, label })
          }
        />
        {vehicleId || customerId ? (
          <Tag
            closable
            closeIcon={<CloseOutlined />}
            onClose={() => set({ vehicle: undefined, customer: undefined, label: undefined })}
            color="blue"
            data-testid="wo-filter-tag"
          >
            {t(vehicleId ? 'list.filteredVehicle' : 'list.filteredCustomer', { name: filterLabel })}
          </Tag>
        ) : null}
        <Select<Sort>
          value={sort}
          onChange={(v) => set({ sort: v === 'created_desc' ? undefined : v })}
          style={{ width: 150, marginInlineStart: 'auto' }}
          aria-label={t('list.sort')}
          options={[
            { value: 'created_desc', label: t('list.sortNewest') },
            { value: 'promised_asc', label: t('list.sortPromised') },
          ]}
        />
      </Flex>
      <ErrorAlert error={error} />
      <div data-testid="wo-table">
        <Table<OrderSummary>
          size="small"
          rowKey="id"
          virtual
          scroll={{ y: height }}
          loading={isFetching && !data}
          dataSource={data?.items ?? []}
          locale={{ emptyText: t('list.empty') }}
          onRow={(r) =>
            ({
              tabIndex: 0,
              'data-testid': 'work-order-row',
              style: { cursor: 'pointer' },
              onClick: () => open(r.id),
              onKeyDown: (e: KeyboardEvent<HTMLElement>) => onRowKey(e, r.id),
            }) as object
          }
          pagination={{
            current: page,
            pageSize: size,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (n) => t('list.total', { n }),
            onChange: (p, s) => set({ page: String(p), size: s === 50 ? undefined : String(s) }, true),
          }}
          columns={[
            {
              title: t('list.columns.number'),
              dataIndex: 'number',
              width: 150,
              render: (v: string, r) => (
                <span>
                  <span style={{ fontVariantNumeric: 'tabular-nums' }}>{v}</span>
                  {r.settlementNo ? (
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      {r.settlementNo}
                    </Typography.Text>
                  ) : null}
                </span>
              ),
            },
            {
              title: t('list.columns.plate'),
              dataIndex: 'plate',
              width: 110,
              render: (v: string | null, r) =>
                v ??
                (r.vin ? (
                  `…${r.vin.slice(-6)}`
                ) : (
                  <Typography.Text type="secondary">{t('list.unplated')}</Typography.Text>
                )),
            },
            { title: t('list.columns.customer'), dataIndex: 'customerName', width: 120, ellipsis: true },
            {
              title: t('list.columns.category'),
              dataIndex: 'repairCategory',
              width: 110,
              ellipsis: true,
              render: (v: OrderSummary['repairCategory']) => pick(REPAIR_CATEGORY_LABEL[v]),
            },
            { title: t('list.columns.fault'), dataIndex: 'faultDescription', ellipsis: true },
            {
              title: t('list.columns.status'),
              dataIndex: 'status',
              width: 120,
              render: (v: WorkOrderStatus) => <OrderStatusTag status={v} />,
            },
            {
              title: t('list.columns.total'),
              dataIndex: 'totalFen',
              width: 100,
              align: 'right',
              render: (v: number) => yuan(v),
            },
            { title: t('list.columns.repairDate'), dataIndex: 'repairDate', width: 100 },
            {
              title: t('list.columns.promised'),
              dataIndex: 'promisedAt',
              width: 130,
              render: (v: number | null, r) =>
                v != null && OPEN.has(r.status) && v < now ? (
                  <Typography.Text type="danger" title={t('list.overdue')}>
                    {dateTime(v)}
                  </Typography.Text>
                ) : (
                  dateTime(v)
                ),
            },
          ]}
        />
      </div>
    </Page>
  );
}

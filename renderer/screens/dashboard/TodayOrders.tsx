/** Orders opened today, newest first: a few rows, a click (or Enter) opens the order. */
import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { MethodOutput } from '../../../shared/api/contract.js';
import { WORK_ORDER_STATUS_LABEL } from '../../../shared/domain/enums.js';
import { useCall } from '../../api/query.js';
import { ErrorAlert } from '../../components/errors.js';
import { yuan } from '../../components/format.js';
import { OrderStatusTag } from '../../components/labels.js';
import { pick } from '../../i18n/index.js';

type Row = MethodOutput<'workOrders.list'>['items'][number];

const ROWS = 6;

export function TodayOrders({ today }: { today: string }) {
  const { t } = useTranslation('dashboard');
  const navigate = useNavigate();
  const { data, isLoading, error } = useCall('workOrders.list', { from: today, to: today, limit: ROWS });
  const open = (r: Row) => navigate(`/work-orders/${r.id}`);
  return (
    <Card
      size="small"
      title={t('today.title')}
      data-testid="dashboard-today"
      extra={
        <Link to="/work-orders">{data && data.total > ROWS ? t('today.all', { n: data.total }) : t('today.list')}</Link>
      }
    >
      <ErrorAlert error={error} />
      <Table<Row>
        size="small"
        rowKey="id"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('today.empty') }}
        onRow={(r) => ({
          onClick: () => open(r),
          onKeyDown: (e) => e.key === 'Enter' && open(r),
          tabIndex: 0,
          style: { cursor: 'pointer' },
          'data-testid': 'dashboard-today-row',
        })}
        columns={[
          { title: t('today.number'), dataIndex: 'number', width: 150 },
          {
            title: t('today.plate'),
            dataIndex: 'plate',
            width: 100,
            render: (v: string | null) => v ?? t('today.unplated'),
          },
          { title: t('today.customer'), dataIndex: 'customerName', width: 90, ellipsis: true },
          { title: t('today.fault'), dataIndex: 'faultDescription', ellipsis: true },
          {
            title: t('today.status'),
            dataIndex: 'status',
            width: 124,
            // A long English label is clipped, not spilled over the amount.
            render: (s: Row['status']) => (
              <div style={{ overflow: 'hidden', whiteSpace: 'nowrap' }} title={pick(WORK_ORDER_STATUS_LABEL[s])}>
                <OrderStatusTag status={s} />
              </div>
            ),
          },
          {
            title: t('today.total'),
            dataIndex: 'totalFen',
            width: 100,
            align: 'right',
            render: (v: number) => yuan(v),
          },
        ]}
      />
    </Card>
  );
}

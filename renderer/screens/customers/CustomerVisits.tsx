/**
 * The customer's visits: work orders with them as 托修方 (workOrders.list by customerId), newest
 * first, paged on the server. A vehicle's full record, whoever brought it in, is on the vehicle page.
 */
import { keepPreviousData } from '@tanstack/react-query';
import { Card, Table, type TableColumnsType, Typography } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { MethodOutput } from '../../../shared/api/contract.js';
import { REPAIR_CATEGORY_LABEL, type RepairCategory, type WorkOrderStatus } from '../../../shared/domain/enums.js';
import { useCall } from '../../api/query.js';
import { ErrorAlert } from '../../components/errors.js';
import { yuan } from '../../components/format.js';
import { OrderStatusTag } from '../../components/labels.js';
import { pick } from '../../i18n/index.js';
import { rowKeys } from '../vehicles/useSearchList.js';

type Row = MethodOutput<'workOrders.list'>['items'][number];
const PAGE = 10;

export function CustomerVisits({ customerId }: { customerId: string }) {
  const { t } = useTranslation('customers');
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const { data, error, isFetching } = useCall(
    'workOrders.list',
    { customerId, sort: 'created_desc', limit: PAGE, offset: (page - 1) * PAGE },
    { placeholderData: keepPreviousData },
  );

  const columns: TableColumnsType<Row> = [
    { title: t('visit.date'), dataIndex: 'repairDate', width: 110 },
    { title: t('visit.number'), dataIndex: 'number', width: 170 },
    { title: t('visit.plate'), dataIndex: 'plate', width: 110, render: (p: string | null) => p ?? '—' },
    { title: t('visit.fault'), dataIndex: 'faultDescription', ellipsis: true },
    {
      title: t('visit.category'),
      dataIndex: 'repairCategory',
      width: 100,
      render: (c: RepairCategory) => pick(REPAIR_CATEGORY_LABEL[c]),
    },
    {
      title: t('visit.status'),
      dataIndex: 'status',
      width: 120,
      render: (s: WorkOrderStatus) => <OrderStatusTag status={s} />,
    },
    { title: t('visit.total'), dataIndex: 'totalFen', width: 110, align: 'right', render: yuan },
    { title: t('visit.settlementNo'), dataIndex: 'settlementNo', width: 170, render: (n: string | null) => n ?? '—' },
  ];

  return (
    <Card
      size="small"
      title={t('detail.visits')}
      extra={<Typography.Text type="secondary">{t('detail.visitsNote')}</Typography.Text>}
    >
      <ErrorAlert error={error} />
      <Table<Row>
        data-testid="customer-visits"
        rowKey="id"
        size="small"
        loading={isFetching}
        columns={columns}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('detail.noVisits') }}
        onRow={(o) =>
          ({
            'data-testid': 'customer-visit-row',
            'data-row': '',
            ...rowKeys(() => navigate(`/work-orders/${o.id}`)),
          }) as HTMLAttributes<HTMLElement>
        }
        pagination={
          (data?.total ?? 0) > PAGE
            ? { current: page, pageSize: PAGE, total: data?.total ?? 0, onChange: setPage, size: 'small' }
            : false
        }
      />
    </Card>
  );
}

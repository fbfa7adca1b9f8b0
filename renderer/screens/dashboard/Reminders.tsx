/**
 * 保养提醒: vehicles whose last settled visit is more than 180 days ago, longest first — the clerk
 * rings the owner. A click opens the vehicle's record.
 */
import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { MethodOutput } from '../../../shared/api/contract.js';
import { useCall } from '../../api/query.js';
import { ErrorAlert } from '../../components/errors.js';
import { km } from '../../components/format.js';

type Row = MethodOutput<'reports.remindersDue'>['items'][number];

const DAYS = 180;
const ROWS = 5;

export function Reminders() {
  const { t } = useTranslation('dashboard');
  const navigate = useNavigate();
  const { data, isLoading, error } = useCall('reports.remindersDue', { days: DAYS, limit: ROWS });
  const open = (r: Row) => navigate(`/vehicles/${r.vehicleId}`);
  return (
    <Card
      size="small"
      title={data?.total ? t('reminders.titleN', { days: DAYS, n: data.total }) : t('reminders.title', { days: DAYS })}
      data-testid="dashboard-reminders"
    >
      <ErrorAlert error={error} />
      <Table<Row>
        size="small"
        rowKey="vehicleId"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t('reminders.empty', { days: DAYS }) }}
        onRow={(r) =>
          ({
            onClick: () => open(r),
            onKeyDown: (e: React.KeyboardEvent) => e.key === 'Enter' && open(r),
            tabIndex: 0,
            style: { cursor: 'pointer' },
            'data-testid': 'dashboard-reminder-row',
          }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            title: t('today.plate'),
            dataIndex: 'plate',
            width: 100,
            render: (v: string | null) => v ?? t('today.unplated'),
          },
          { title: t('reminders.vehicle'), dataIndex: 'brandModel', ellipsis: true },
          { title: t('reminders.owner'), dataIndex: 'ownerName', width: 90, ellipsis: true },
          { title: t('reminders.phone'), dataIndex: 'ownerPhone', width: 120 },
          { title: t('reminders.lastVisit'), dataIndex: 'lastVisitDate', width: 100 },
          {
            title: t('reminders.since'),
            dataIndex: 'daysSince',
            width: 80,
            align: 'right',
            render: (v: number) => t('reminders.days', { n: v }),
          },
          { title: t('reminders.mileage'), dataIndex: 'lastMileageKm', width: 110, align: 'right', render: km },
        ]}
      />
    </Card>
  );
}

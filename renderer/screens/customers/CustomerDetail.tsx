/**
 * One customer: contact details (editable), the vehicles registered to them, their visits, and
 * 合并重复客户. A merged customer still opens (old documents link to it) but points to the survivor.
 */
import { EditOutlined, MergeCellsOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Result, Skeleton, Table, type TableColumnsType, Tag } from 'antd';
import { type HTMLAttributes, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { MethodOutput } from '../../../shared/api/contract.js';
import { CUSTOMER_KIND_LABEL } from '../../../shared/domain/enums.js';
import { useCall } from '../../api/query.js';
import { ErrorAlert } from '../../components/errors.js';
import { dateTime, km } from '../../components/format.js';
import { Page } from '../../components/Page.js';
import { pick } from '../../i18n/index.js';
import { PlateText } from '../vehicles/PlateText.js';
import { rowKeys } from '../vehicles/useSearchList.js';
import { CustomerEditModal } from './CustomerEditModal.js';
import type { CustomerT } from './CustomerPicker.js';
import { CustomerVisits } from './CustomerVisits.js';
import { MergeDialog } from './MergeDialog.js';

type VehicleRow = MethodOutput<'customers.get'>['vehicles'][number];

function ContactInfo({ c }: { c: CustomerT }) {
  const { t } = useTranslation('customers');
  return (
    <Card size="small" data-testid="customer-info" style={{ marginBottom: 16 }}>
      <Descriptions
        size="small"
        column={3}
        items={[
          { key: 'phone', label: t('field.phone'), children: c.phone || '—' },
          { key: 'initials', label: t('field.initials'), children: c.initials || '—' },
          { key: 'created', label: t('field.createdAt'), children: dateTime(c.createdAt) },
          { key: 'address', label: t('field.address'), span: c.kind === 'company' ? 2 : 3, children: c.address || '—' },
          ...(c.kind === 'company'
            ? [{ key: 'credit', label: t('field.creditCode'), children: c.creditCode || '—' }]
            : []),
          { key: 'note', label: t('field.note'), span: 3, children: c.note || '—' },
        ]}
      />
    </Card>
  );
}

function Vehicles({ vehicles }: { vehicles: VehicleRow[] }) {
  const { t } = useTranslation('vehicles');
  const navigate = useNavigate();
  const columns: TableColumnsType<VehicleRow> = [
    {
      title: t('field.plate'),
      key: 'plate',
      width: 180,
      render: (_, v) => <PlateText plate={v.plate} color={v.plateColor} unplated={v.unplated} />,
    },
    { title: t('field.vin'), dataIndex: 'vin', width: 210, render: (v: string | null) => v ?? '—' },
    { title: t('field.brandModel'), dataIndex: 'brandModel', ellipsis: true },
    { title: t('field.lastMileage'), dataIndex: 'lastMileageKm', width: 130, align: 'right', render: km },
  ];
  return (
    <Card size="small" title={t('customers:detail.vehicles')} style={{ marginBottom: 16 }}>
      <Table<VehicleRow>
        data-testid="customer-vehicles"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={vehicles}
        pagination={false}
        locale={{ emptyText: t('customers:detail.noVehicles') }}
        onRow={(v) =>
          ({
            'data-testid': 'customer-vehicle-row',
            'data-row': '',
            ...rowKeys(() => navigate(`/vehicles/${v.id}`)),
          }) as HTMLAttributes<HTMLElement>
        }
      />
    </Card>
  );
}

export function CustomerDetail() {
  const { t } = useTranslation('customers');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [dialog, setDialog] = useState<'edit' | 'merge' | null>(null);
  const { data, error, isLoading } = useCall('customers.get', { id });

  if (isLoading) return <Skeleton active />;
  if (!data) {
    return error?.code === 'not_found' ? (
      <Result status="404" title={t('detail.notFound')} />
    ) : (
      <ErrorAlert error={error} />
    );
  }
  const c = data.customer;
  const merged = c.mergedInto !== null;
  return (
    <Page
      title={
        <span data-testid="customer-title">
          {c.name}{' '}
          <Tag color={c.kind === 'company' ? 'geekblue' : 'default'} style={{ verticalAlign: 'middle' }}>
            {pick(CUSTOMER_KIND_LABEL[c.kind])}
          </Tag>
        </span>
      }
      extra={
        merged ? null : (
          <>
            <Button icon={<EditOutlined />} data-testid="customer-edit" onClick={() => setDialog('edit')}>
              {t('common:action.edit')}
            </Button>
            <Button icon={<MergeCellsOutlined />} data-testid="customer-merge" onClick={() => setDialog('merge')}>
              {t('detail.merge')}
            </Button>
          </>
        )
      }
    >
      {merged ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('detail.merged')}
          action={<Link to={`/customers/${c.mergedInto}`}>{t('detail.openMerged')}</Link>}
        />
      ) : null}
      <ContactInfo c={c} />
      <Vehicles vehicles={data.vehicles} />
      <CustomerVisits customerId={c.id} />
      {dialog === 'edit' ? <CustomerEditModal customer={c} onClose={() => setDialog(null)} /> : null}
      {dialog === 'merge' ? (
        <MergeDialog
          customer={c}
          onClose={() => setDialog(null)}
          onMerged={(survivor) => {
            setDialog(null);
            if (survivor.id !== c.id) navigate(`/customers/${survivor.id}`, { replace: true });
          }}
        />
      ) : null}
    </Page>
  );
}

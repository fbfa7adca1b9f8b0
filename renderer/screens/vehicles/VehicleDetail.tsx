/**
 * One vehicle: its particulars, its owner (and previous owners), and the health record of every
 * visit. 打印健康档案 opens the print layout; 新建工单 hands the vehicle to reception.
 */
import { EditOutlined, FileAddOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, Result, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { MethodOutput } from '../../../shared/api/contract.js';
import { useCall } from '../../api/query.js';
import { ErrorAlert } from '../../components/errors.js';
import { date, km } from '../../components/format.js';
import { Page } from '../../components/Page.js';
import { HealthTimeline } from './HealthTimeline.js';
import { PlateText } from './PlateText.js';
import { VehicleEditModal } from './VehicleEditModal.js';

type History = MethodOutput<'vehicles.history'>;

function VehicleInfo({ history }: { history: History }) {
  const { t } = useTranslation('vehicles');
  const v = history.vehicle;
  // Ownership periods other than the current one, oldest first, as the core keeps them.
  const previous = history.owners.filter((o) => o.toAt !== null);
  return (
    <Card size="small" data-testid="vehicle-info" style={{ marginBottom: 16 }}>
      <Descriptions
        size="small"
        column={3}
        items={[
          {
            key: 'plate',
            label: t('field.plate'),
            children: <PlateText plate={v.plate} color={v.plateColor} unplated={v.unplated} />,
          },
          {
            key: 'vin',
            label: t('field.vin'),
            span: 2,
            children: (
              <Flex gap={8} align="center" wrap>
                <Typography.Text copyable={!!v.vin} style={{ fontFamily: 'monospace' }}>
                  {v.vin ?? '—'}
                </Typography.Text>
                {v.vinCheckConfirmed ? <Tag color="warning">{t('detail.vinCheckConfirmed')}</Tag> : null}
              </Flex>
            ),
          },
          { key: 'brand', label: t('field.brandModel'), children: v.brandModel || '—' },
          { key: 'engine', label: t('field.engineNo'), children: v.engineNo || '—' },
          { key: 'type', label: t('field.vehicleType'), children: v.vehicleType || '—' },
          {
            key: 'owner',
            label: t('field.owner'),
            children: v.owner ? (
              <Link to={`/customers/${v.owner.id}`} data-testid="vehicle-owner-link">
                {v.owner.name}
              </Link>
            ) : (
              <Typography.Text type="secondary">{t('detail.noOwner')}</Typography.Text>
            ),
          },
          { key: 'phone', label: t('field.ownerPhone'), children: v.owner?.phone || '—' },
          { key: 'km', label: t('field.lastMileage'), children: km(v.lastMileageKm) },
          { key: 'reg', label: t('field.registrationDate'), children: v.registrationDate ?? '—' },
          { key: 'note', label: t('field.note'), span: 2, children: v.note || '—' },
          ...(previous.length
            ? [
                {
                  key: 'owners',
                  label: t('detail.ownerHistory'),
                  span: 3,
                  children: (
                    <Flex gap={16} wrap>
                      {previous.map((o) => (
                        <span key={`${o.customer.id}:${o.fromAt}`}>
                          <Link to={`/customers/${o.customer.id}`}>{o.customer.name}</Link>{' '}
                          <Typography.Text type="secondary">
                            {t('detail.ownerPeriod', { from: date(o.fromAt), to: date(o.toAt) })}
                          </Typography.Text>
                        </span>
                      ))}
                    </Flex>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

export function VehicleDetail() {
  const { t } = useTranslation('vehicles');
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [editing, setEditing] = useState(false);
  const { data, error, isLoading } = useCall('vehicles.history', { id });
  const shop = useCall('shop.get', {});

  if (isLoading) return <Skeleton active />;
  if (!data) {
    return error?.code === 'not_found' ? (
      <Result status="404" title={t('detail.notFound')} />
    ) : (
      <ErrorAlert error={error} />
    );
  }
  const v = data.vehicle;
  return (
    <Page
      title={
        <span data-testid="vehicle-title">
          {v.plate ?? v.vin ?? t('field.unplated')}
          {v.brandModel ? (
            <Typography.Text type="secondary" style={{ fontSize: 16, fontWeight: 400, marginInlineStart: 12 }}>
              {v.brandModel}
            </Typography.Text>
          ) : null}
        </span>
      }
      extra={
        <>
          <Button icon={<EditOutlined />} data-testid="vehicle-edit" onClick={() => setEditing(true)}>
            {t('common:action.edit')}
          </Button>
          <Button
            icon={<PrinterOutlined />}
            data-testid="vehicle-print-health"
            onClick={() => navigate(`/print/health/${v.id}`)}
          >
            {t('detail.print')}
          </Button>
          <Button
            type="primary"
            icon={<FileAddOutlined />}
            data-testid="vehicle-new-order"
            onClick={() => navigate(`/reception?vehicleId=${v.id}`)}
          >
            {t('detail.newOrder')}
          </Button>
        </>
      }
    >
      <ErrorAlert error={error} />
      <VehicleInfo history={data} />
      <HealthTimeline visits={data.visits} shopName={shop.data?.name ?? ''} />
      {editing ? <VehicleEditModal vehicle={v} open onClose={() => setEditing(false)} /> : null}
    </Page>
  );
}

/** The order at a glance: vehicle, customer, dates, mileage, fault, category, technicians, and once
 * completed or settled the inspection, settlement and warranty facts printed on the sheet. */
import { Card, Descriptions, type DescriptionsProps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  OLD_PARTS_DISPOSITION_LABEL,
  PAYMENT_METHOD_LABEL,
  PLATE_COLOR_LABEL,
  REPAIR_CATEGORY_LABEL,
} from '../../../shared/domain/enums.js';
import { warrantyText } from '../../../shared/domain/warranty.js';
import { dateTime, km, yuan } from '../../components/format.js';
import { pick } from '../../i18n/index.js';
import type { OrderDetail } from './types.js';

export function DetailHeader({ detail }: { detail: OrderDetail }) {
  const { t } = useTranslation('workOrders');
  const { order, vehicle, customer, technicians, reversal } = detail;
  const plate = vehicle.plate ?? (vehicle.unplated ? t('list.unplated') : '—');
  const items: DescriptionsProps['items'] = [
    {
      key: 'plate',
      label: t('fields.plate'),
      children: (
        <Link to={`/vehicles/${vehicle.id}`} data-testid="wo-vehicle-link">
          {plate}
          {vehicle.plateColor ? ` · ${pick(PLATE_COLOR_LABEL[vehicle.plateColor])}` : ''}
        </Link>
      ),
    },
    {
      key: 'vin',
      label: t('fields.vin'),
      children: vehicle.vin ?? <Typography.Text type="danger">{t('fields.vinMissing')}</Typography.Text>,
    },
    { key: 'model', label: t('fields.brandModel'), children: vehicle.brandModel || '—' },
    {
      key: 'customer',
      label: t('fields.customer'),
      children: (
        <Link to={`/customers/${customer.id}`}>
          {customer.name}
          {customer.phone ? ` · ${customer.phone}` : ''}
        </Link>
      ),
    },
    {
      key: 'sender',
      label: t('fields.sender'),
      children: [order.senderName, order.senderPhone].filter(Boolean).join(' · ') || '—',
    },
    { key: 'category', label: t('fields.category'), children: pick(REPAIR_CATEGORY_LABEL[order.repairCategory]) },
    { key: 'repairDate', label: t('fields.repairDate'), children: order.repairDate },
    { key: 'promised', label: t('fields.promisedAt'), children: dateTime(order.promisedAt) },
    {
      key: 'mileage',
      label: t('fields.mileage'),
      children: `${km(order.mileageInKm)}${order.mileageOutKm != null ? ` → ${km(order.mileageOutKm)}` : ''}`,
    },
    {
      key: 'techs',
      label: t('fields.technicians'),
      children: technicians.map((u) => u.name).join(t('listSep')) || '—',
    },
    ...(order.completedAt
      ? [
          { key: 'completed', label: t('fields.completedAt'), children: dateTime(order.completedAt) },
          {
            key: 'inspector',
            label: t('fields.inspectorCert'),
            children: [order.inspector, order.certificateNo].filter(Boolean).join(' · ') || '—',
          },
        ]
      : []),
    ...(order.settlementNo
      ? [
          {
            key: 'settlement',
            label: t('fields.settlementNo'),
            children: `${order.settlementNo} · ${order.settleDate ?? ''}`,
          },
          {
            key: 'payment',
            label: t('fields.paymentMethod'),
            children: order.paymentMethod ? pick(PAYMENT_METHOD_LABEL[order.paymentMethod]) : '—',
          },
          {
            key: 'oldParts',
            label: t('fields.oldParts'),
            children: order.oldPartsDisposition ? pick(OLD_PARTS_DISPOSITION_LABEL[order.oldPartsDisposition]) : '—',
          },
          {
            key: 'warranty',
            label: t('fields.warranty'),
            children:
              order.warrantyKm != null && order.warrantyDays != null
                ? pick(warrantyText({ km: order.warrantyKm, days: order.warrantyDays }))
                : '—',
          },
        ]
      : []),
    {
      key: 'fault',
      label: t('fields.fault'),
      span: 'filled' as const,
      children: order.faultDescription || <Typography.Text type="danger">{t('fields.faultMissing')}</Typography.Text>,
    },
    ...(order.notes
      ? [{ key: 'notes', label: t('fields.notes'), span: 'filled' as const, children: order.notes }]
      : []),
    ...(order.voidReason
      ? [
          {
            key: 'void',
            label: t('fields.voidReason'),
            span: 'filled' as const,
            children: `${order.voidReason} · ${dateTime(order.voidedAt)}`,
          },
        ]
      : []),
    ...(reversal
      ? [
          {
            key: 'reversal',
            label: t('fields.reversal'),
            span: 'filled' as const,
            children: t('fields.reversalText', {
              number: reversal.number,
              reason: reversal.reason,
              total: reversal.totalFen < 0 ? `-${yuan(-reversal.totalFen)}` : yuan(reversal.totalFen),
              at: dateTime(reversal.createdAt),
            }),
          },
        ]
      : []),
  ];
  return (
    <Card size="small" data-testid="wo-header">
      <Descriptions size="small" column={3} items={items} />
    </Card>
  );
}

/**
 * A known vehicle at reception: plate, VIN, model, owner, last mileage and last visit — and a warning
 * when it already has an open order (the clerk probably wants that one, not a second).
 */
import { Alert, Button, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PLATE_COLOR_LABEL, REPAIR_CATEGORY_LABEL } from '../../../shared/domain/enums.js';
import { useCall } from '../../api/query.js';
import { km } from '../../components/format.js';
import { OrderStatusTag } from '../../components/labels.js';
import { pick } from '../../i18n/index.js';
import type { FoundVehicle } from './VehicleLookup.js';

export function VehicleCard({ vehicle, onChange }: { vehicle: FoundVehicle; onChange: () => void }) {
  const { t } = useTranslation('reception');
  const { data: recent } = useCall('workOrders.list', { vehicleId: vehicle.id, limit: 5 });
  const visits = (recent?.items ?? []).filter((o) => o.status !== 'voided');
  const last = visits[0];
  const open = visits.filter((o) => o.status === 'received' || o.status === 'in_progress' || o.status === 'completed');
  const owner = vehicle.owner;

  return (
    <div data-testid="reception-vehicle-card">
      <Descriptions
        size="small"
        column={1}
        styles={{ label: { width: 84 } }}
        items={[
          {
            key: 'plate',
            label: t('vehicle.plate'),
            children: (
              <Link to={`/vehicles/${vehicle.id}`}>
                <strong style={{ fontSize: 16 }}>{vehicle.plate ?? t('vehicle.unplated')}</strong>
                {vehicle.plateColor ? ` · ${pick(PLATE_COLOR_LABEL[vehicle.plateColor])}` : ''}
              </Link>
            ),
          },
          {
            key: 'vin',
            label: t('vehicle.vin'),
            children: vehicle.vin ?? <Typography.Text type="warning">{t('vehicle.noVin')}</Typography.Text>,
          },
          { key: 'model', label: t('vehicle.brandModel'), children: vehicle.brandModel || '—' },
          {
            key: 'owner',
            label: t('vehicle.owner'),
            children: owner ? (
              <Link to={`/customers/${owner.id}`}>
                {owner.name}
                {owner.phone ? ` · ${owner.phone}` : ''}
              </Link>
            ) : (
              <Typography.Text type="warning">{t('vehicle.noOwner')}</Typography.Text>
            ),
          },
          { key: 'mileage', label: t('vehicle.lastMileage'), children: km(vehicle.lastMileageKm) },
          {
            key: 'visit',
            label: t('vehicle.lastVisit'),
            children: last ? (
              <span data-testid="reception-last-visit">
                {last.repairDate} · {pick(REPAIR_CATEGORY_LABEL[last.repairCategory])}{' '}
                <Link to={`/work-orders/${last.id}`}>{last.number}</Link> <OrderStatusTag status={last.status} />
              </span>
            ) : (
              t('vehicle.firstVisit')
            ),
          },
        ]}
      />
      {open.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          data-testid="reception-open-orders"
          title={t('vehicle.openOrders')}
          description={open.map((o) => (
            <div key={o.id}>
              <Link to={`/work-orders/${o.id}`}>{o.number}</Link> <OrderStatusTag status={o.status} />{' '}
              {o.faultDescription}
            </div>
          ))}
        />
      ) : null}
      <Button size="small" style={{ marginTop: 8 }} onClick={onChange} data-testid="reception-change-vehicle">
        {t('vehicle.change')}
      </Button>
    </div>
  );
}

/**
 * 车辆档案 list: one search box (plate, VIN tail, owner, phone — the core's search index) over a
 * server-paged table. The core has no "all vehicles" listing, so an empty box shows a hint instead of
 * a table of everything.
 */
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/api/contract.js';
import { km } from '../../components/format.js';
import { PlateText } from './PlateText.js';
import { SearchListPage } from './SearchListPage.js';

type Row = MethodOutput<'vehicles.search'>['items'][number];

export function VehicleList() {
  const { t } = useTranslation('vehicles');

  const columns: TableColumnsType<Row> = [
    {
      title: t('field.plate'),
      key: 'plate',
      width: 170,
      render: (_, v) => <PlateText plate={v.plate} color={v.plateColor} unplated={v.unplated} />,
    },
    { title: t('field.vin'), dataIndex: 'vin', width: 200, render: (vin: string | null) => vin ?? '—' },
    { title: t('field.brandModel'), dataIndex: 'brandModel', ellipsis: true },
    { title: t('field.owner'), key: 'owner', width: 200, ellipsis: true, render: (_, v) => v.owner?.name ?? '—' },
    { title: t('field.ownerPhone'), key: 'phone', width: 140, render: (_, v) => v.owner?.phone || '—' },
    { title: t('field.lastMileage'), dataIndex: 'lastMileageKm', width: 130, align: 'right', render: km },
  ];

  return (
    <SearchListPage<Row>
      ns="vehicles"
      kind="vehicle"
      basePath="/vehicles"
      title={t('common:nav.vehicles')}
      method="vehicles.search"
      columns={columns}
    />
  );
}

/** The party blocks every form shares: 托修方, the vehicle, 承修方 (archive-interface.md §4). */
import type { MethodOutput } from '../../../shared/api/contract.js';
import { type Field, KV, useSheetT } from './sheet.js';

type Detail = MethodOutput<'workOrders.get'>;
type Vehicle = Detail['vehicle'];
type Shop = MethodOutput<'shop.get'>;

/** 托修方: the owner, who brought it in and the number to call (the sender's, else the owner's). */
export function CustomerBlock({ detail }: { detail: Detail }) {
  const t = useSheetT();
  const { order, customer } = detail;
  return (
    <KV
      testId="print-customer"
      caption={t('cap.customer')}
      fields={[
        { label: t('f.owner'), value: customer.name },
        { label: t('f.sender'), value: order.senderName || customer.name },
        { label: t('f.phone'), value: order.senderPhone || customer.phone },
      ]}
    />
  );
}

/** The vehicle; `extra` adds a form's own vehicle fields (送修里程 on the estimate). */
export function VehicleBlock({ vehicle, extra = [] }: { vehicle: Vehicle; extra?: Field[] }) {
  const t = useSheetT();
  const fields: Field[] = [
    { label: t('f.plate'), value: vehicle.plate ?? (vehicle.unplated ? t('unplated') : '') },
    { label: t('f.brandModel'), value: vehicle.brandModel, span: 2 },
    // 17 characters do not fit one slot at dot-matrix sizes.
    { label: t('f.vin'), value: vehicle.vin ?? '', span: 2 },
    { label: t('f.engineNo'), value: vehicle.engineNo },
  ];
  if (vehicle.vehicleType) fields.push({ label: t('f.vehicleType'), value: vehicle.vehicleType });
  return <KV testId="print-vehicle" caption={t('cap.vehicle')} fields={[...fields, ...extra]} />;
}

/** 承修方, from the shop profile (Settings). */
export function ShopBlock({ shop }: { shop: Shop }) {
  const t = useSheetT();
  const fields: Field[] = [
    { label: t('f.shopName'), value: shop.name, span: 2 },
    { label: t('f.contact'), value: shop.contactName },
    { label: t('f.address'), value: shop.address, span: 2 },
    { label: t('f.phone'), value: shop.phone },
    { label: t('f.creditCode'), value: shop.creditCode, span: 3 },
  ];
  if (shop.roadTransportLicence) fields.push({ label: t('f.licence'), value: shop.roadTransportLicence, span: 3 });
  return <KV testId="print-shop" caption={t('cap.shop')} fields={fields} />;
}

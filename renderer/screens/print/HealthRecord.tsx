/**
 * 一车一档: the vehicle's health record for its owner — the vehicle and owner, then every visit
 * (voided orders are left out by the core) with date, mileage, fault, items with hours, parts with
 * codes and quantities, the settlement number and the shop. Owners may ask for it free of charge
 * (交办运〔2021〕82号, archive-interface.md §7).
 */
import dayjs from 'dayjs';
import type { MethodOutput } from '../../../shared/api/contract.js';
import { REPAIR_CATEGORY_LABEL, WORK_ORDER_STATUS_LABEL } from '../../../shared/domain/enums.js';
import type { PrintLayout } from './layout.js';
import { dateOf, type Field, hoursText, KV, qtyText, Sheet, useSheetT, yuanSign } from './sheet.js';

type History = MethodOutput<'vehicles.history'>;
type Visit = History['visits'][number];
type Shop = MethodOutput<'shop.get'>;

export function HealthRecord({ history, shop, layout }: { history: History; shop: Shop; layout: PrintLayout }) {
  const t = useSheetT();
  const { vehicle, owners, visits } = history;
  const owner = vehicle.owner;
  const previous = owners.filter((o) => o.toAt != null);

  const vehicleFields: Field[] = [
    { label: t('f.plate'), value: vehicle.plate ?? (vehicle.unplated ? t('unplated') : '') },
    { label: t('f.brandModel'), value: vehicle.brandModel, span: 2 },
    { label: t('f.vin'), value: vehicle.vin ?? '', span: 2 },
    { label: t('f.engineNo'), value: vehicle.engineNo },
    { label: t('f.vehicleType'), value: vehicle.vehicleType },
    { label: t('f.registrationDate'), value: vehicle.registrationDate ?? '' },
    {
      label: t('f.lastMileage'),
      value: vehicle.lastMileageKm == null ? '' : t('kmValue', { n: vehicle.lastMileageKm }),
    },
  ];
  const ownerFields: Field[] = [
    { label: t('f.owner'), value: owner?.name ?? '', span: 2 },
    { label: t('f.ownerPhone'), value: owner?.phone ?? '' },
  ];
  if (previous.length) {
    ownerFields.push({
      label: t('f.previousOwners'),
      value: previous.map((o) => `${o.customer.name}（${dateOf(o.fromAt)} ~ ${dateOf(o.toAt)}）`).join('；'),
      span: 3,
    });
  }

  return (
    <Sheet layout={layout} testId="print-sheet-health">
      <div className="pr-head" data-testid="print-header">
        <h1 className="pr-title">{t('doc.health')}</h1>
        <div className="pr-subtitle">{t('health.intro')}</div>
        <div className="pr-meta">
          <span>
            {t('f.shopName')}：{shop.name}
          </span>
          <span>
            {t('f.visitCount')}：{visits.length}
            {visits.length > 1 ? t('health.newestFirst') : null}
          </span>
          <span>
            {t('f.printedAt')}：{dayjs().format('YYYY-MM-DD')}
          </span>
        </div>
      </div>
      <KV testId="print-vehicle" caption={t('cap.vehicle')} fields={vehicleFields} />
      <KV testId="print-customer" caption={t('cap.owner')} fields={ownerFields} />
      <div data-testid="print-visits">
        {visits.length === 0 ? (
          <p className="pr-empty">{t('health.empty')}</p>
        ) : (
          visits.map((v, i) => <VisitBlock key={v.workOrderId} visit={v} index={visits.length - i} shop={shop} />)
        )}
      </div>
    </Sheet>
  );
}

function VisitBlock({ visit, index, shop }: { visit: Visit; index: number; shop: Shop }) {
  const t = useSheetT();
  const fields: Field[] = [
    { label: t('f.visitDate'), value: visit.repairDate },
    { label: t('f.category'), value: REPAIR_CATEGORY_LABEL[visit.repairCategory].zh },
    { label: t('f.mileageIn'), value: visit.mileageInKm == null ? '' : t('kmValue', { n: visit.mileageInKm }) },
    // The settlement number is what the owner (and the archive) knows the visit by; the internal
    // work-order number only stands in while there is none.
    visit.settlementNo
      ? { label: t('f.settlementNo'), value: visit.settlementNo, span: 2 }
      : { label: t('f.orderNo'), value: visit.number, span: 2 },
    // A visit still in the shop, or reversed, must not read as a finished, paid repair.
    visit.status === 'settled'
      ? { label: t('f.visitTotal'), value: yuanSign(visit.totalFen) }
      : { label: t('f.status'), value: WORK_ORDER_STATUS_LABEL[visit.status].zh },
    { label: t('f.shopName'), value: shop.name, span: 3 },
    { label: t('f.fault'), value: visit.faultDescription, span: 3 },
  ];
  return (
    <div className="pr-visit" data-testid="print-visit">
      <KV testId="print-visit-info" caption={`${t('cap.visit')} ${index}`} fields={fields} />
      <table className="pr-t" data-testid="print-visit-items">
        <colgroup>
          <col style={{ width: '2.8em' }} />
          <col />
          <col style={{ width: '6em' }} />
          <col style={{ width: '2.8em' }} />
          <col />
          <col style={{ width: '7em' }} />
          <col style={{ width: '5.2em' }} />
        </colgroup>
        <thead>
          <tr>
            <th>{t('labour.seq')}</th>
            <th>{t('health.items')}</th>
            <th>{t('health.hours')}</th>
            <th>{t('parts.seq')}</th>
            <th>{t('health.partName')}</th>
            <th>{t('health.partCode')}</th>
            <th>{t('health.qty')}</th>
          </tr>
        </thead>
        <tbody>
          {/* Items and parts side by side, row by row: half the paper of two stacked tables. */}
          {Array.from({ length: Math.max(visit.labour.length, visit.parts.length, 1) }, (_, i) => {
            const l = visit.labour[i];
            const p = visit.parts[i];
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional
              <tr key={i}>
                <td className="pr-c">{l ? i + 1 : ''}</td>
                <td>{l ? l.item : i === 0 ? t('none') : ''}</td>
                <td className="pr-n">{l ? hoursText(l.hoursTenths) : ''}</td>
                <td className="pr-c">{p ? i + 1 : ''}</td>
                <td>{p ? p.name : i === 0 ? t('none') : ''}</td>
                <td>{p?.code ?? ''}</td>
                <td className="pr-n">{p ? qtyText(p.quantity) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

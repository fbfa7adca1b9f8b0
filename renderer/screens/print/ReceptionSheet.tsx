/**
 * 接车单 / 估价单: what the customer signs at reception — who, which vehicle, what is wrong, when it
 * is promised, and the estimated labour and parts with amounts. It says plainly that it is an
 * estimate, not a bill (the bill is the settlement sheet).
 */
import type { MethodOutput } from '../../../shared/api/contract.js';
import { REPAIR_CATEGORY_LABEL } from '../../../shared/domain/enums.js';
import { fenToChineseCapital } from '../../../shared/domain/money.js';
import { CustomerBlock, VehicleBlock } from './blocks.js';
import type { PrintLayout } from './layout.js';
import { dateTimeOf, type Field, KV, Line, Sheet, Signatures, useSheetT, yuanSign } from './sheet.js';
import { LabourTable, PartsTable } from './tables.js';

type Detail = MethodOutput<'workOrders.get'>;
type Shop = MethodOutput<'shop.get'>;

const CLAUSES = ['c1', 'c2', 'c3', 'c4'] as const;

export function ReceptionSheet({ detail, shop, layout }: { detail: Detail; shop: Shop; layout: PrintLayout }) {
  const t = useSheetT();
  const { order } = detail;
  const estimateFen = order.labourTotalFen + order.partsTotalFen;

  // 接车时间 is in the header; the promised time gets a whole row (a date-time does not fit one slot).
  const job: Field[] = [
    { label: t('f.repairDate'), value: order.repairDate },
    { label: t('f.category'), value: REPAIR_CATEGORY_LABEL[order.repairCategory].zh },
    { label: t('f.technicians'), value: detail.technicians.map((u) => u.name).join('、') },
    { label: t('f.promisedAt'), value: dateTimeOf(order.promisedAt), span: 3 },
    { label: t('f.fault'), value: order.faultDescription, span: 3 },
  ];
  if (order.notes) job.push({ label: t('f.notes'), value: order.notes, span: 3 });

  return (
    <Sheet layout={layout} testId="print-sheet-reception">
      <div className="pr-head" data-testid="print-header">
        <h1 className="pr-title">{t('doc.reception')}</h1>
        {/* 承修方 in the header: an estimate needs the shop's name and number, not the full block. */}
        <div className="pr-subtitle" data-testid="print-shop">
          {[shop.name, shop.address, shop.phone && `${t('f.phone')}：${shop.phone}`].filter(Boolean).join('　')}
        </div>
        <div className="pr-meta">
          <span>
            {t('f.orderNo')}：<b>{order.number}</b>
          </span>
          <span>
            {t('f.receivedAt')}：{dateTimeOf(order.createdAt)}
          </span>
        </div>
      </div>
      <CustomerBlock detail={detail} />
      <VehicleBlock
        vehicle={detail.vehicle}
        extra={[
          {
            label: t('f.mileageIn'),
            value: order.mileageInKm == null ? '' : t('kmValue', { n: order.mileageInKm }),
          },
        ]}
      />
      <KV testId="print-job" caption={t('cap.job')} fields={job} />
      <LabourTable lines={detail.labour} totalFen={order.labourTotalFen} estimate />
      <PartsTable lines={detail.parts} totalFen={order.partsTotalFen} estimate />
      <KV
        testId="print-totals"
        caption={t('cap.estimate')}
        fields={[
          { label: t('f.labourTotal'), value: yuanSign(order.labourTotalFen) },
          { label: t('f.partsTotal'), value: yuanSign(order.partsTotalFen) },
          {
            label: t('f.estimateTotal'),
            value: (
              <span className="pr-big" data-testid="print-total">
                {yuanSign(estimateFen)}
              </span>
            ),
          },
        ]}
      />
      <Line label={t('f.estimateCapital')} testId="print-capital">
        {t('rmb')} {fenToChineseCapital(estimateFen)}
      </Line>
      <div className="pr-keep">
        <table className="pr-t pr-block" data-testid="print-clauses">
          <tbody>
            <tr>
              <td>
                <b>{t('clauses.title')}</b>
                <ol className="pr-clauses">
                  {CLAUSES.map((k) => (
                    <li key={k}>{t(`clauses.items.${k}`)}</li>
                  ))}
                </ol>
              </td>
            </tr>
          </tbody>
        </table>
        <Signatures left={[t('sign.customerConfirm')]} right={[t('sign.receiver')]} />
      </div>
    </Sheet>
  );
}

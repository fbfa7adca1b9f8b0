/**
 * 机动车维修费用结算清单 (JT/T 1133-2017) with every block of archive-interface.md §4, in the order
 * of the official template. Only a settled order gets the real title and number; anything else
 * prints as a clearly marked preview (banner + watermark on every page) so a draft can never pass
 * for a settlement sheet. A reversed (冲红) settlement prints marked as no longer valid.
 */
import type { MethodOutput } from '../../../shared/api/contract.js';
import {
  OLD_PARTS_DISPOSITION_LABEL,
  OLD_PARTS_DISPOSITIONS,
  PAYMENT_METHOD_LABEL,
  REPAIR_CATEGORY_LABEL,
} from '../../../shared/domain/enums.js';
import { fenToChineseCapital } from '../../../shared/domain/money.js';
import { needsCompletionInspection, warrantyFor, warrantyText } from '../../../shared/domain/warranty.js';
import { CustomerBlock, ShopBlock, VehicleBlock } from './blocks.js';
import type { PrintLayout } from './layout.js';
import { Checks, dateOf, type Field, KV, Line, Sheet, Signatures, useSheetT, yuanSign } from './sheet.js';
import { LabourTable, PartsTable } from './tables.js';

type Detail = MethodOutput<'workOrders.get'>;
type Shop = MethodOutput<'shop.get'>;

export function SettlementSheet({ detail, shop, layout }: { detail: Detail; shop: Shop; layout: PrintLayout }) {
  const t = useSheetT();
  const { order, reversal } = detail;
  const settled = order.status === 'settled' || order.status === 'reversed';
  const km = (n: number | null) => (n == null ? '' : t('kmValue', { n }));

  // The banner and watermark that keep a non-sheet from passing for one.
  let banner: string | null = null;
  let watermark: string | undefined;
  if (order.status === 'voided') {
    banner = t('draft.voided', { reason: order.voidReason ?? '' });
    watermark = t('draft.voidedWatermark');
  } else if (order.status === 'reversed') {
    banner = t('draft.reversed', { number: reversal?.number ?? '', reason: reversal?.reason ?? '' });
    watermark = t('draft.reversedWatermark');
  } else if (!settled) {
    banner = t('draft.banner');
    watermark = t('draft.watermark');
  }

  // The order's own warranty is fixed at settlement; before that, the category's statutory minimum.
  const statutory = warrantyFor(order.repairCategory);
  const warranty =
    order.warrantyKm != null && order.warrantyDays != null
      ? { km: order.warrantyKm, days: order.warrantyDays }
      : statutory;

  const job: Field[] = [
    { label: t('f.repairDate'), value: order.repairDate },
    { label: t('f.outDate'), value: dateOf(order.completedAt) || (order.settleDate ?? '') },
    { label: t('f.category'), value: REPAIR_CATEGORY_LABEL[order.repairCategory].zh },
    { label: t('f.mileageIn'), value: km(order.mileageInKm) },
    { label: t('f.mileageOut'), value: km(order.mileageOutKm) },
  ];
  if (needsCompletionInspection(order.repairCategory)) {
    job.push({ label: t('f.inspector'), value: order.inspector });
    job.push({ label: t('f.certificateNo'), value: order.certificateNo, span: 3 });
  }
  if (shop.labourStandard) job.push({ label: t('f.labourStandard'), value: shop.labourStandard, span: 3 });
  job.push({ label: t('f.fault'), value: order.faultDescription, span: 3 });

  return (
    <Sheet layout={layout} watermark={watermark} testId="print-sheet-settlement">
      <div className="pr-head" data-testid="print-header">
        <h1 className="pr-title">{t(settled ? 'doc.settlement' : 'doc.settlementDraft')}</h1>
        <div className="pr-meta">
          <span>
            {t('f.settlementNo')}：<b data-testid="print-settlement-no">{order.settlementNo ?? t('draft.pendingNo')}</b>
          </span>
          <span>
            {t('f.orderNo')}：{order.number}
          </span>
          <span>
            {t('f.settleDate')}：{order.settleDate ?? ''}
          </span>
        </div>
      </div>
      {banner ? (
        <div className="pr-banner" data-testid="print-not-settled">
          {banner}
        </div>
      ) : null}
      <CustomerBlock detail={detail} />
      <VehicleBlock vehicle={detail.vehicle} />
      <ShopBlock shop={shop} />
      <KV testId="print-job" caption={t('cap.job')} fields={job} />
      <LabourTable lines={detail.labour} totalFen={order.labourTotalFen} />
      <PartsTable lines={detail.parts} totalFen={order.partsTotalFen} />
      <KV
        testId="print-totals"
        caption={t('cap.totals')}
        fields={[
          { label: t('f.labourTotal'), value: yuanSign(order.labourTotalFen) },
          { label: t('f.partsTotal'), value: yuanSign(order.partsTotalFen) },
          { label: t('f.otherFee'), value: yuanSign(order.otherFeeFen) },
          { label: t('f.discount'), value: yuanSign(order.discountFen) },
          {
            label: t('f.total'),
            value: (
              <span className="pr-big" data-testid="print-total">
                {yuanSign(order.totalFen)}
              </span>
            ),
          },
          { label: t('f.payment'), value: order.paymentMethod ? PAYMENT_METHOD_LABEL[order.paymentMethod].zh : '' },
        ]}
      />
      <Line label={t('f.totalCapital')} testId="print-capital">
        {t('rmb')} <span className="pr-big">{fenToChineseCapital(order.totalFen)}</span>
      </Line>
      <Line label={t('f.oldParts')} testId="print-old-parts">
        <Checks
          options={OLD_PARTS_DISPOSITIONS}
          chosen={order.oldPartsDisposition}
          label={(k) => OLD_PARTS_DISPOSITION_LABEL[k].zh}
        />
      </Line>
      <Line label={t('f.warranty')} testId="print-warranty">
        {warrantyText(warranty).zh}
        {t('warrantyFrom')}
        {order.warrantyKm == null ? t('warrantyStatutory') : null}
      </Line>
      <div className="pr-keep">
        <p className="pr-note" data-testid="print-copies">
          {t('copies')}
        </p>
        <Signatures left={[t('sign.customer')]} right={[t('sign.shop')]} />
      </div>
    </Sheet>
  );
}

/**
 * The 工时费用 and 材料费用 tables of JT/T 1133, shared by the settlement sheet and the estimate.
 * Headers repeat on every page (thead) and no row is split across pages (see styles.tsx); the 小计
 * row is the last body row, not a tfoot, which Chromium would repeat on every page.
 */
import type { MethodOutput } from '../../../shared/api/contract.js';
import { PART_TYPE_LABEL } from '../../../shared/domain/enums.js';
import { hoursText, money, qtyText, useSheetT } from './sheet.js';

type Detail = MethodOutput<'workOrders.get'>;

export function LabourTable({
  lines,
  totalFen,
  estimate = false,
}: {
  lines: Detail['labour'];
  totalFen: number;
  estimate?: boolean;
}) {
  const t = useSheetT();
  const hoursSum = lines.reduce((s, l) => s + l.hoursTenths, 0);
  return (
    <table className="pr-t" data-testid="print-labour">
      <colgroup>
        <col style={{ width: '2.8em' }} />
        <col />
        <col style={{ width: '6em' }} />
        <col style={{ width: '6.5em' }} />
        <col style={{ width: '7em' }} />
      </colgroup>
      <thead>
        <tr>
          <th className="pr-tcap" colSpan={5}>
            {t('labour.title')}
          </th>
        </tr>
        <tr>
          <th>{t('labour.seq')}</th>
          <th>{t('labour.item')}</th>
          <th>{t(estimate ? 'labour.estHours' : 'labour.hours')}</th>
          <th>{t('labour.rate')}</th>
          <th>{t(estimate ? 'labour.estAmount' : 'labour.amount')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.length === 0 ? (
          <tr>
            <td className="pr-c" colSpan={5}>
              {t('none')}
            </td>
          </tr>
        ) : (
          lines.map((l, i) => (
            <tr key={l.id} data-testid="print-labour-row">
              <td className="pr-c">{i + 1}</td>
              <td>{l.item}</td>
              <td className="pr-n">{hoursText(l.hoursTenths)}</td>
              <td className="pr-n">{money(l.rateFen)}</td>
              <td className="pr-n">{money(l.amountFen)}</td>
            </tr>
          ))
        )}
        <tr className="pr-sum">
          <td className="pr-c" colSpan={2}>
            {t('subtotal')}
          </td>
          <td className="pr-n">{hoursText(hoursSum)}</td>
          <td />
          <td className="pr-n">{money(totalFen)}</td>
        </tr>
      </tbody>
    </table>
  );
}

export function PartsTable({
  lines,
  totalFen,
  estimate = false,
}: {
  lines: Detail['parts'];
  totalFen: number;
  estimate?: boolean;
}) {
  const t = useSheetT();
  return (
    <table className="pr-t" data-testid="print-parts">
      <colgroup>
        <col style={{ width: '2.8em' }} />
        <col />
        <col style={{ width: '7em' }} />
        <col style={{ width: '4.2em' }} />
        <col style={{ width: '5em' }} />
        <col style={{ width: '5.4em' }} />
        <col style={{ width: '6em' }} />
        <col style={{ width: '5em' }} />
        <col style={{ width: '5.2em' }} />
      </colgroup>
      <thead>
        <tr>
          <th className="pr-tcap" colSpan={9}>
            {t('parts.title')}
          </th>
        </tr>
        <tr>
          <th>{t('parts.seq')}</th>
          <th>{t('parts.name')}</th>
          <th>{t('parts.code')}</th>
          <th>{t('parts.brand')}</th>
          <th>{t('parts.qty')}</th>
          <th>{t('parts.price')}</th>
          <th>{t(estimate ? 'parts.estAmount' : 'parts.amount')}</th>
          <th>{t('parts.type')}</th>
          <th>{t('parts.supplied')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.length === 0 ? (
          <tr>
            <td className="pr-c" colSpan={9}>
              {t('none')}
            </td>
          </tr>
        ) : (
          lines.map((p, i) => (
            <tr key={p.id} data-testid="print-parts-row">
              <td className="pr-c">{i + 1}</td>
              <td>{p.name}</td>
              <td>{p.code}</td>
              <td>{p.brand}</td>
              <td className="pr-n">{qtyText(p.quantity, p.unit)}</td>
              <td className="pr-n">{money(p.unitPriceFen)}</td>
              <td className="pr-n">{money(p.amountFen)}</td>
              <td className="pr-c">{PART_TYPE_LABEL[p.partType].zh}</td>
              <td className="pr-c">{t(p.customerSupplied ? 'yes' : 'no')}</td>
            </tr>
          ))
        )}
        <tr className="pr-sum">
          <td className="pr-c" colSpan={6}>
            {t('subtotal')}
          </td>
          <td className="pr-n">{money(totalFen)}</td>
          <td colSpan={2} />
        </tr>
      </tbody>
    </table>
  );
}

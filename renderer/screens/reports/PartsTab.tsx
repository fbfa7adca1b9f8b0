/** 配件毛利: per stock part, quantity issued on settled orders, revenue, cost and margin. */
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/api/contract.js';
import { useCall } from '../../api/query.js';
import { yuan } from '../../components/format.js';
import { type ReportColumn, totalledColumns } from './columns.js';
import { ReportTable } from './ReportTable.js';

type Report = MethodOutput<'reports.partsUsage'>;
type Row = Report['rows'][number];

const totalled = totalledColumns<Row, Report['totals']>();
const rate = (margin: number, revenue: number) => (revenue > 0 ? margin / revenue : null);

export function PartsTab({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation('reports');
  const result = useCall('reports.partsUsage', { from, to });
  const columns: ReportColumn<Row, Report['totals']>[] = [
    { key: 'code', title: (c) => c.t('col.code'), kind: 'text', value: (r) => r.code, width: 150, xlsxWidth: 18 },
    { key: 'name', title: (c) => c.t('col.name'), kind: 'text', value: (r) => r.name, xlsxWidth: 24 },
    { key: 'unit', title: (c) => c.t('col.unit'), kind: 'text', value: (r) => r.unit, width: 64, xlsxWidth: 6 },
    { key: 'quantity', title: (c) => c.t('col.quantity'), kind: 'qty', value: (r) => r.quantity, width: 96 },
    totalled('revenueFen', 'revenue', 'yuan', 120),
    totalled('costFen', 'cost', 'yuan', 120),
    totalled('marginFen', 'margin', 'yuan', 120),
    {
      key: 'rate',
      title: (c) => c.t('col.marginRate'),
      kind: 'ratio',
      value: (r) => rate(r.marginFen, r.revenueFen),
      total: (s) => rate(s.marginFen, s.revenueFen),
      width: 90,
      xlsxWidth: 10,
    },
  ];
  const notes = [t('note.settledOnly'), t('note.parts')];
  const nonStock = result.data?.nonStockRevenueFen;
  if (nonStock) notes.push(t('note.nonStock', { amount: yuan(nonStock) }));
  return (
    <ReportTable
      report="parts"
      from={from}
      to={to}
      columns={columns}
      result={result}
      rowKey={(r) => r.partId}
      notes={notes}
    />
  );
}

/** 维修类别: orders and takings per repair category, split into labour, parts, fees and discounts. */
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/api/contract.js';
import { REPAIR_CATEGORY_LABEL } from '../../../shared/domain/enums.js';
import { useCall } from '../../api/query.js';
import { type ReportColumn, totalledColumns } from './columns.js';
import { ReportTable } from './ReportTable.js';

type Report = MethodOutput<'reports.categories'>;
type Row = Report['rows'][number];
const totalled = totalledColumns<Row, Report['totals']>();

export function CategoriesTab({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation('reports');
  const result = useCall('reports.categories', { from, to });
  const columns: ReportColumn<Row, Report['totals']>[] = [
    {
      key: 'category',
      title: (c) => c.t('col.category'),
      kind: 'text',
      value: (r, c) => REPAIR_CATEGORY_LABEL[r.category][c.lang],
      width: 200,
      xlsxWidth: 16,
    },
    totalled('orders', 'orders', 'int', 90),
    totalled('totalFen', 'total', 'yuan'),
    totalled('labourFen', 'labour', 'yuan'),
    totalled('partsFen', 'parts', 'yuan'),
    totalled('otherFeeFen', 'otherFee', 'yuan'),
    totalled('discountFen', 'discount', 'yuan'),
  ];
  return (
    <ReportTable
      report="categories"
      from={from}
      to={to}
      columns={columns}
      result={result}
      rowKey={(r) => r.category}
      notes={[t('note.settledOnly')]}
    />
  );
}

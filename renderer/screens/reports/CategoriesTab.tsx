/** 维修类别: orders and takings per repair category, split into labour, parts, fees and discounts. */
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/api/contract.js';
import { REPAIR_CATEGORY_LABEL } from '../../../shared/domain/enums.js';
import { useCall } from '../../api/query.js';
import type { ReportColumn } from './columns.js';
import { ReportTable } from './ReportTable.js';

type Report = MethodOutput<'reports.categories'>;
type Row = Report['rows'][number];
type Money = 'totalFen' | 'labourFen' | 'partsFen' | 'otherFeeFen' | 'discountFen';

const money = (key: Money, col: string): ReportColumn<Row, Report['totals']> => ({
  key,
  title: (c) => c.t(`col.${col}`),
  kind: 'yuan',
  value: (r) => r[key],
  total: (s) => s[key],
});

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
    {
      key: 'orders',
      title: (c) => c.t('col.orders'),
      kind: 'int',
      value: (r) => r.orders,
      total: (s) => s.orders,
      width: 90,
    },
    money('totalFen', 'total'),
    money('labourFen', 'labour'),
    money('partsFen', 'parts'),
    money('otherFeeFen', 'otherFee'),
    money('discountFen', 'discount'),
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

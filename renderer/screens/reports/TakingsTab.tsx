/** 营业额: takings per settle day or month, split by payment method. */
import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/api/contract.js';
import { PAYMENT_METHOD_LABEL, PAYMENT_METHODS } from '../../../shared/domain/enums.js';
import { useCall } from '../../api/query.js';
import { type ReportColumn, totalledColumns } from './columns.js';
import { ReportTable } from './ReportTable.js';

type Report = MethodOutput<'reports.takings'>;
type Row = Report['rows'][number];

const totalled = totalledColumns<Row, Report['totals']>();

export function TakingsTab({
  from,
  to,
  groupBy,
  onGroupBy,
}: {
  from: string;
  to: string;
  groupBy: 'day' | 'month';
  onGroupBy: (g: 'day' | 'month') => void;
}) {
  const { t } = useTranslation('reports');
  const result = useCall('reports.takings', { from, to, groupBy });
  const columns: ReportColumn<Row, Report['totals']>[] = [
    {
      key: 'period',
      title: (c) => c.t(groupBy === 'month' ? 'col.month' : 'col.period'),
      kind: 'text',
      value: (r) => r.period,
      width: 120,
      xlsxWidth: 12,
    },
    totalled('orders', 'orders', 'int', 90),
    totalled('totalFen', 'total', 'yuan', 140),
    ...PAYMENT_METHODS.map(
      (m): ReportColumn<Row, Report['totals']> => ({
        key: m,
        title: (c) => PAYMENT_METHOD_LABEL[m][c.lang],
        kind: 'yuan',
        value: (r) => r.byPayment[m],
        total: (s) => s.byPayment[m],
      }),
    ),
  ];
  return (
    <ReportTable
      report="takings"
      from={from}
      to={to}
      columns={columns}
      result={result}
      rowKey={(r) => r.period}
      notes={[t('note.settledOnly')]}
      toolbar={
        <Segmented
          value={groupBy}
          onChange={(v) => onGroupBy(v as 'day' | 'month')}
          options={[
            { value: 'day', label: t('groupBy.day') },
            { value: 'month', label: t('groupBy.month') },
          ]}
          data-testid="takings-group-by"
        />
      }
    />
  );
}

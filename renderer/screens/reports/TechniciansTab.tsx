/** 技师工时: labour hours and labour amounts per technician. */
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/api/contract.js';
import { useCall } from '../../api/query.js';
import { type ReportColumn, totalledColumns } from './columns.js';
import { ReportTable } from './ReportTable.js';

type Report = MethodOutput<'reports.technicianHours'>;
type Row = Report['rows'][number];

const totalled = totalledColumns<Row, Report['totals']>();

export function TechniciansTab({ from, to }: { from: string; to: string }) {
  const { t } = useTranslation('reports');
  const result = useCall('reports.technicianHours', { from, to });
  const columns: ReportColumn<Row, Report['totals']>[] = [
    {
      key: 'technician',
      title: (c) => c.t('col.technician'),
      kind: 'text',
      value: (r, c) => (r.technicianId ? r.name : c.t('unassigned')),
      width: 220,
      xlsxWidth: 16,
    },
    totalled('orders', 'orders', 'int'),
    totalled('hoursTenths', 'hours', 'hours'),
    totalled('labourFen', 'labourAmount', 'yuan'),
  ];
  return (
    <ReportTable
      report="technicians"
      from={from}
      to={to}
      columns={columns}
      result={result}
      rowKey={(r) => r.technicianId ?? '-'}
      notes={[t('note.settledOnly'), t('note.technicians')]}
    />
  );
}

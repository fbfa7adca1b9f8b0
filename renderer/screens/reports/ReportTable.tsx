/**
 * One report on screen: a toolbar (the report's own controls, then 导出 Excel), the table with a
 * fixed totals row, and the note that says what is counted. Columns come from columns.ts, shared
 * with the Excel file.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Flex, Table, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/errors.js';
import { ErrorAlert } from '../../components/errors.js';
import { currentLang } from '../../i18n/index.js';
import { formatCell, isNumeric, type ReportColumn } from './columns.js';
import { ExportTooLarge, exportReport, type ReportName } from './exportXlsx.js';

export function ReportTable<R, T>({
  report,
  from,
  to,
  columns,
  result,
  rowKey,
  toolbar,
  notes,
}: {
  report: ReportName;
  from: string;
  to: string;
  columns: ReportColumn<R, T>[];
  /** The report's query, as useCall returns it. */
  result: { data?: { rows: R[]; totals: T } | undefined; isFetching: boolean; error: ApiError | null };
  rowKey: (r: R) => string;
  toolbar?: ReactNode;
  notes: ReactNode[];
}) {
  const { t } = useTranslation('reports');
  const { message } = App.useApp();
  const [exporting, setExporting] = useState(false);
  const here = { t, lang: currentLang() };
  const rows = result.data?.rows ?? [];
  const totals = result.data?.totals ?? null;
  const { isFetching: loading, error } = result;

  const onExport = async () => {
    setExporting(true);
    try {
      const name = await exportReport({ report, from, to, columns, rows, totals });
      message.success(t('exported', { name }));
    } catch (e) {
      message.error(
        e instanceof ExportTooLarge
          ? t('exportTooLarge')
          : t('exportFailed', { message: e instanceof Error ? e.message : String(e) }),
      );
    } finally {
      setExporting(false);
    }
  };

  return (
    <Flex vertical gap={8}>
      <Flex gap={8} align="center" wrap>
        {toolbar}
        <Button
          icon={<DownloadOutlined />}
          onClick={() => void onExport()}
          loading={exporting}
          disabled={rows.length === 0}
          style={{ marginLeft: 'auto' }}
          data-testid={`export-${report}`}
        >
          {t('export')}
        </Button>
      </Flex>
      <ErrorAlert error={error} />
      <Table<R>
        size="small"
        rowKey={rowKey}
        loading={loading}
        dataSource={rows}
        pagination={false}
        scroll={{ y: 'calc(100vh - 390px)' }}
        locale={{ emptyText: t('empty') }}
        data-testid={`report-${report}`}
        onRow={() => ({ 'data-testid': `report-${report}-row` }) as never}
        columns={columns.map((c) => ({
          key: c.key,
          title: c.title(here),
          ...(c.width ? { width: c.width } : {}),
          align: isNumeric(c.kind) ? ('right' as const) : ('left' as const),
          ellipsis: true,
          render: (_: unknown, r: R) => formatCell(c.kind, c.value(r, here)),
        }))}
        summary={() =>
          totals && rows.length > 0 ? (
            <Table.Summary fixed>
              <Table.Summary.Row data-testid={`report-${report}-totals`}>
                {columns.map((c, i) => (
                  <Table.Summary.Cell key={c.key} index={i} align={isNumeric(c.kind) ? 'right' : 'left'}>
                    <strong>{i === 0 ? t('totals') : c.total ? formatCell(c.kind, c.total(totals)) : ''}</strong>
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            </Table.Summary>
          ) : null
        }
      />
      {notes.map((n, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list of notes, never reordered
        <Typography.Text key={i} type="secondary" style={{ fontSize: 12 }}>
          {n}
        </Typography.Text>
      ))}
    </Flex>
  );
}

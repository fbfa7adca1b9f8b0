/**
 * The search-first list both 车辆档案 and 客户 use: one big search box over a server-paged table.
 * Enter opens the only hit (a scan or a full plate usually finds exactly one), ↓ moves into the rows,
 * and an empty box shows a hint, since the core has no "list everything" call.
 */
import { SearchOutlined } from '@ant-design/icons';
import { Input, Table, type TableColumnsType, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/errors.js';
import { Page } from '../../components/Page.js';
import { useTableHeight } from '../../components/useTableHeight.js';
import { focusFirstRow, PAGE_SIZE, rowKeys, useSearchList, useSearchResults } from './useSearchList.js';

export interface SearchListPageProps<T extends { id: string }> {
  /** i18n namespace with list.searchPlaceholder, list.empty and list.hint. */
  ns: 'vehicles' | 'customers';
  /** Test ids `<kind>-search`, `<kind>-table`, `<kind>-row`. */
  kind: 'vehicle' | 'customer';
  /** Where a row opens: `<basePath>/<id>`. */
  basePath: string;
  title: string;
  /** The core's search method that pages this list. */
  method: 'vehicles.search' | 'customers.search';
  columns: TableColumnsType<T>;
}

export function SearchListPage<T extends { id: string }>(p: SearchListPageProps<T>) {
  const { t } = useTranslation(p.ns);
  const navigate = useNavigate();
  const s = useSearchList();
  const { rows, total, error, isFetching } = useSearchResults<T>(p.method, s);
  const height = useTableHeight(320);
  const open = (id: string) => navigate(`${p.basePath}/${id}`);
  return (
    <Page title={p.title}>
      <Input
        data-testid={`${p.kind}-search`}
        size="large"
        autoFocus
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('list.searchPlaceholder')}
        aria-label={t('list.searchPlaceholder')}
        value={s.text}
        onChange={(e) => s.onText(e.target.value)}
        onKeyDown={(e) => focusFirstRow(e, `${p.kind}-table`)}
        onPressEnter={() => {
          if (rows.length === 1) open(rows[0]!.id);
        }}
        style={{ maxWidth: 640, marginBottom: 12 }}
      />
      <ErrorAlert error={error} />
      {s.term ? (
        <Table<T>
          data-testid={`${p.kind}-table`}
          rowKey="id"
          size="middle"
          loading={isFetching}
          columns={p.columns}
          dataSource={rows}
          virtual
          scroll={{ y: height }}
          locale={{ emptyText: t('list.empty') }}
          onRow={(r) =>
            ({
              'data-testid': `${p.kind}-row`,
              'data-row': '',
              ...rowKeys(() => open(r.id)),
            }) as HTMLAttributes<HTMLElement>
          }
          pagination={{
            current: s.page,
            pageSize: PAGE_SIZE,
            // The core counts only up to one past this page: enough to offer "next" without counting all.
            total,
            showSizeChanger: false,
            onChange: s.setPage,
            size: 'small',
          }}
        />
      ) : (
        <Typography.Paragraph type="secondary">{t('list.hint')}</Typography.Paragraph>
      )}
    </Page>
  );
}

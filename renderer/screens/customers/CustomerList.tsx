/**
 * 客户 list: search by name, pinyin initials (张三 → zs), phone or company name over a server-paged
 * table. Merged customers never appear (the core hides them). The core has no "all customers"
 * listing, so an empty box shows a hint.
 */
import { SearchOutlined } from '@ant-design/icons';
import { keepPreviousData } from '@tanstack/react-query';
import { Input, Table, type TableColumnsType, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CUSTOMER_KIND_LABEL } from '../../../shared/domain/enums.js';
import { useCall } from '../../api/query.js';
import { ErrorAlert } from '../../components/errors.js';
import { Page } from '../../components/Page.js';
import { pick } from '../../i18n/index.js';
import { focusFirstRow, PAGE_SIZE, rowKeys, useSearchList, useTableHeight } from '../vehicles/useSearchList.js';
import type { CustomerT } from './CustomerPicker.js';

export function CustomerList() {
  const { t } = useTranslation('customers');
  const navigate = useNavigate();
  const s = useSearchList();
  const height = useTableHeight(320);
  const { data, error, isFetching } = useCall('customers.search', s.query, {
    enabled: s.term.length > 0,
    placeholderData: keepPreviousData,
  });
  const rows = s.term ? (data?.items ?? []) : [];

  const columns: TableColumnsType<CustomerT> = [
    {
      title: t('field.name'),
      dataIndex: 'name',
      width: 260,
      ellipsis: true,
      render: (n: string) => <strong>{n}</strong>,
    },
    {
      title: t('field.kind'),
      dataIndex: 'kind',
      width: 90,
      render: (k: CustomerT['kind']) => (
        <Tag color={k === 'company' ? 'geekblue' : 'default'}>{pick(CUSTOMER_KIND_LABEL[k])}</Tag>
      ),
    },
    { title: t('field.phone'), dataIndex: 'phone', width: 150, render: (p: string) => p || '—' },
    { title: t('field.address'), dataIndex: 'address', ellipsis: true, render: (a: string) => a || '—' },
    { title: t('field.creditCode'), dataIndex: 'creditCode', width: 200, render: (c: string) => c || '—' },
  ];

  return (
    <Page title={t('common:nav.customers')}>
      <Input
        data-testid="customer-search"
        size="large"
        autoFocus
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('list.searchPlaceholder')}
        aria-label={t('list.searchPlaceholder')}
        value={s.text}
        onChange={(e) => s.onText(e.target.value)}
        onKeyDown={(e) => focusFirstRow(e, 'customer-table')}
        onPressEnter={() => {
          if (rows.length === 1) navigate(`/customers/${rows[0]!.id}`);
        }}
        style={{ maxWidth: 640, marginBottom: 12 }}
      />
      <ErrorAlert error={error} />
      {s.term ? (
        <Table<CustomerT>
          data-testid="customer-table"
          rowKey="id"
          size="middle"
          loading={isFetching}
          columns={columns}
          dataSource={rows}
          scroll={{ y: height }}
          locale={{ emptyText: t('list.empty') }}
          onRow={(c) =>
            ({
              'data-testid': 'customer-row',
              'data-row': '',
              ...rowKeys(() => navigate(`/customers/${c.id}`)),
            }) as HTMLAttributes<HTMLElement>
          }
          pagination={{
            current: s.page,
            pageSize: PAGE_SIZE,
            // The core counts only up to one past this page: enough to offer "next" without counting all.
            total: data?.total ?? 0,
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

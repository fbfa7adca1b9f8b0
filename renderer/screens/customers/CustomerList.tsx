/**
 * 客户 list: search by name, pinyin initials (张三 → zs), phone or company name over a server-paged
 * table. Merged customers never appear (the core hides them). The core has no "all customers"
 * listing, so an empty box shows a hint.
 */
import { type TableColumnsType, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_KIND_LABEL } from '../../../shared/domain/enums.js';
import { pick } from '../../i18n/index.js';
import { SearchListPage } from '../vehicles/SearchListPage.js';
import type { CustomerT } from './CustomerPicker.js';

export function CustomerList() {
  const { t } = useTranslation('customers');

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
    <SearchListPage<CustomerT>
      ns="customers"
      kind="customer"
      basePath="/customers"
      title={t('common:nav.customers')}
      method="customers.search"
      columns={columns}
    />
  );
}

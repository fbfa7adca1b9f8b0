/** 库存预警: active parts below their minimum stock, with a shortcut to stock them in. */
import { Button, Flex, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/query.js';
import { ErrorAlert } from '../../components/errors.js';
import { qty, yuan } from '../../components/format.js';
import { useTableHeight } from '../../components/useTableHeight.js';
import type { Part } from './PartPicker.js';
import { PAGE, pagedTableProps } from './pagedTable.js';

export function LowStock({ onReceive, onOpen }: { onReceive: (id: string) => void; onOpen: (id: string) => void }) {
  const { t } = useTranslation('parts');
  const height = useTableHeight(330);
  const [page, setPage] = useState(1);
  const result = useCall('parts.search', {
    q: '',
    lowStockOnly: true,
    limit: PAGE,
    offset: (page - 1) * PAGE,
  });
  const { error } = result;
  const paged = pagedTableProps(result, page, setPage, height);
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">{t('lowStock.hint')}</Typography.Text>
      <ErrorAlert error={error} />
      <Table<Part>
        {...paged}
        pagination={{ ...paged.pagination, hideOnSinglePage: true }}
        locale={{ emptyText: t('lowStock.empty') }}
        onRow={() => ({ 'data-testid': 'low-stock-row' }) as never}
        columns={[
          {
            title: t('field.code'),
            dataIndex: 'code',
            width: 150,
            ellipsis: true,
            render: (code: string, p) => <Typography.Link onClick={() => onOpen(p.id)}>{code}</Typography.Link>,
          },
          { title: t('field.name'), dataIndex: 'name', ellipsis: true },
          {
            title: t('field.onHand'),
            key: 'onHand',
            width: 110,
            align: 'right',
            render: (_, p) => (
              <Typography.Text type="danger">
                {qty(p.onHand)} {p.unit}
              </Typography.Text>
            ),
          },
          { title: t('field.minStock'), dataIndex: 'minStock', width: 100, align: 'right', render: qty },
          {
            title: t('field.diff'),
            key: 'short',
            width: 110,
            align: 'right',
            render: (_, p) => t('lowStock.shortBy', { qty: qty(p.minStock - p.onHand) }),
          },
          { title: t('field.avgCost'), dataIndex: 'avgCostFen', width: 100, align: 'right', render: yuan },
          {
            key: 'action',
            width: 90,
            render: (_, p) => (
              <Button size="small" onClick={() => onReceive(p.id)} data-testid="low-stock-receive">
                {t('form.receiveThis')}
              </Button>
            ),
          },
        ]}
      />
    </Flex>
  );
}

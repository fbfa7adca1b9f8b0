/**
 * 配件目录: the catalogue, searched and paged by the core. Enter in the search box with a scanned
 * barcode (or an exact code) opens that part at once; a click on a row opens it for editing.
 */
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PART_TYPE_LABEL } from '../../../shared/domain/enums.js';
import { useCall } from '../../api/query.js';
import { ErrorAlert } from '../../components/errors.js';
import { qty, yuan } from '../../components/format.js';
import { useTableHeight } from '../../components/useTableHeight.js';
import { pick } from '../../i18n/index.js';
import { lookupPart, type Part } from './PartPicker.js';
import { PAGE, pagedTableProps } from './pagedTable.js';

/** The typed text, settled for a moment before it becomes a query (one request per pause, not per key). */
export function useSettled<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return settled;
}

export function PartCatalog({ onOpen, onNew }: { onOpen: (id: string) => void; onNew: () => void }) {
  const { t } = useTranslation('parts');
  const height = useTableHeight(330);
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const [page, setPage] = useState(1);
  const q = useSettled(text.trim());
  const result = useCall('parts.search', { q, limit: PAGE, offset: (page - 1) * PAGE });
  const { data, error } = result;

  const onEnter = async () => {
    const typed = text.trim();
    if (!typed) return;
    const { part } = await lookupPart(typed);
    if (part && (part.barcode === typed || part.code.toUpperCase() === typed.toUpperCase())) onOpen(part.id);
    else if (!part && data?.total === 0) message.info(t('catalog.notFound', { q: typed }));
  };

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} align="center">
        <Input
          autoFocus
          allowClear
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setPage(1);
          }}
          onPressEnter={() => void onEnter()}
          prefix={<SearchOutlined />}
          placeholder={t('catalog.search')}
          aria-label={t('catalog.search')}
          style={{ maxWidth: 420 }}
          data-testid="parts-search"
        />
        <Typography.Text type="secondary">{t('catalog.total', { n: data?.total ?? 0 })}</Typography.Text>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={onNew}
          style={{ marginLeft: 'auto' }}
          data-testid="part-new"
        >
          {t('catalog.new')}
        </Button>
      </Flex>
      <ErrorAlert error={error} />
      <Table<Part>
        {...pagedTableProps(result, page, setPage, height)}
        onRow={(p) =>
          ({ onClick: () => onOpen(p.id), style: { cursor: 'pointer' }, 'data-testid': 'part-row' }) as never
        }
        columns={[
          { title: t('field.code'), dataIndex: 'code', width: 140, ellipsis: true },
          {
            title: t('field.name'),
            key: 'name',
            ellipsis: true,
            render: (_, p) => (
              <>
                {p.name}{' '}
                <Typography.Text type="secondary">{[p.brand, p.spec].filter(Boolean).join(' ')}</Typography.Text>
                {p.active ? null : <Tag style={{ marginLeft: 6 }}>{t('catalog.inactive')}</Tag>}
              </>
            ),
          },
          {
            title: t('field.partType'),
            dataIndex: 'partType',
            width: 96,
            render: (k: Part['partType']) => pick(PART_TYPE_LABEL[k]),
          },
          { title: t('field.salePrice'), dataIndex: 'salePriceFen', width: 100, align: 'right', render: yuan },
          {
            title: t('field.onHand'),
            key: 'onHand',
            width: 110,
            align: 'right',
            render: (_, p) => {
              const low = p.active && p.onHand < p.minStock;
              return (
                <Typography.Text type={low ? 'danger' : undefined} title={low ? t('catalog.low') : undefined}>
                  {qty(p.onHand)} {p.unit}
                </Typography.Text>
              );
            },
          },
          { title: t('field.minStock'), dataIndex: 'minStock', width: 90, align: 'right', render: qty },
          { title: t('field.avgCost'), dataIndex: 'avgCostFen', width: 100, align: 'right', render: yuan },
          { title: t('field.barcode'), dataIndex: 'barcode', width: 140, ellipsis: true },
        ]}
      />
    </Flex>
  );
}

/** 出入库记录: the stock ledger, filtered by part, kind and document date, paged by the core. */
import { DatePicker, Flex, Select, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MethodOutput } from '../../../shared/api/contract.js';
import {
  STOCK_MOVEMENT_KIND_LABEL,
  STOCK_MOVEMENT_KINDS,
  type StockMovementKind,
} from '../../../shared/domain/enums.js';
import { useCall } from '../../api/query.js';
import { ErrorAlert } from '../../components/errors.js';
import { dateTime, qty, yuan } from '../../components/format.js';
import { useTableHeight } from '../../components/useTableHeight.js';
import { pick } from '../../i18n/index.js';
import { KindTag, SignedQty, SignedYuan } from './KindTag.js';
import { PartPicker } from './PartPicker.js';
import { PAGE, pagedTableProps } from './pagedTable.js';

type Movement = MethodOutput<'stock.movements'>['items'][number];

export function Movements({ initialPartId }: { initialPartId?: string | undefined }) {
  const { t } = useTranslation('parts');
  const height = useTableHeight(330);
  const [partId, setPartId] = useState<string | undefined>(initialPartId);
  const [kind, setKind] = useState<StockMovementKind | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const filter = {
    ...(partId ? { partId } : {}),
    ...(kind ? { kind } : {}),
    ...(range?.[0] ? { from: range[0].format('YYYY-MM-DD') } : {}),
    ...(range?.[1] ? { to: range[1].format('YYYY-MM-DD') } : {}),
  };
  const result = useCall('stock.movements', { ...filter, limit: PAGE, offset: (page - 1) * PAGE });
  const { data, error } = result;
  const refilter =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} wrap align="center" data-testid="movements-filters">
        <PartPicker
          value={partId ?? null}
          onChange={refilter(setPartId)}
          placeholder={t('movements.allParts')}
          style={{ width: 320 }}
          data-testid="movements-part"
        />
        <Select
          allowClear
          value={kind ?? null}
          onChange={refilter((v: StockMovementKind | null) => setKind(v ?? undefined))}
          placeholder={t('movements.allKinds')}
          style={{ width: 140 }}
          options={STOCK_MOVEMENT_KINDS.map((k) => ({ value: k, label: pick(STOCK_MOVEMENT_KIND_LABEL[k]) }))}
          data-testid="movements-kind"
        />
        <DatePicker.RangePicker value={range} onChange={refilter(setRange)} data-testid="movements-range" />
        <Typography.Text type="secondary">{t('movements.total', { n: data?.total ?? 0 })}</Typography.Text>
      </Flex>
      <ErrorAlert error={error} />
      <Table<Movement>
        {...pagedTableProps(result, page, setPage, height)}
        onRow={() => ({ 'data-testid': 'movement-row' }) as never}
        columns={[
          {
            title: t('field.docDate'),
            dataIndex: 'docDate',
            width: 100,
            // When it was entered, for the clerk who wonders (the document date may be earlier).
            render: (d: string, m) => <span title={dateTime(m.createdAt)}>{d}</span>,
          },
          {
            title: t('field.part'),
            key: 'part',
            ellipsis: true,
            render: (_, m) => (
              <>
                {m.partCode} <Typography.Text type="secondary">{m.partName}</Typography.Text>
              </>
            ),
          },
          { title: t('field.kind'), key: 'kind', width: 96, render: (_, m) => <KindTag kind={m.kind} /> },
          {
            title: t('field.quantity'),
            key: 'quantity',
            width: 90,
            align: 'right',
            render: (_, m) => <SignedQty value={m.quantity} />,
          },
          { title: t('field.costPerUnit'), dataIndex: 'unitCostFen', width: 96, align: 'right', render: yuan },
          {
            title: t('field.amount'),
            key: 'value',
            width: 110,
            align: 'right',
            render: (_, m) => <SignedYuan value={m.valueFen} />,
          },
          { title: t('field.onHandAfter'), dataIndex: 'onHandAfter', width: 84, align: 'right', render: qty },
          {
            title: t('field.docNo'),
            key: 'doc',
            width: 170,
            ellipsis: true,
            render: (_, m) =>
              m.workOrderId ? (
                <Link to={`/work-orders/${m.workOrderId}`}>{m.docNo || t('movements.order')}</Link>
              ) : (
                [m.supplierName, m.docNo].filter(Boolean).join(' · ')
              ),
          },
          { title: t('field.reason'), dataIndex: 'reason', width: 150, ellipsis: true },
        ]}
      />
    </Flex>
  );
}

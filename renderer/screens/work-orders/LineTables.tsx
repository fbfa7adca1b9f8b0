/**
 * The order's labour and part lines as tables; while the order is open each row can be edited (a
 * dialog) or removed (confirmed). Amounts come from the core, never recomputed here.
 */
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, type ButtonProps, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PART_TYPE_LABEL } from '../../../shared/domain/enums.js';
import { useMutate } from '../../api/query.js';
import { hours, qty, yuan } from '../../components/format.js';
import { pick } from '../../i18n/index.js';
import { LineEditModal } from './LineEditModal.js';
import type { LabourLine, OrderDetail, PartLine } from './types.js';
import { useTechnicianOptions } from './useTechnicians.js';

function RowActions({ detail, line }: { detail: OrderDetail; line: LabourLine | PartLine }) {
  const { t } = useTranslation('workOrders');
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const remove = useMutate('workOrders.removeLine', {
    onError: (e) => message.error(pick(e.bilingual)),
  });
  return (
    <Space size={0}>
      <Button
        type="link"
        size="small"
        icon={<EditOutlined />}
        aria-label={t('lines.edit')}
        title={t('lines.edit')}
        data-testid="line-edit"
        onClick={() => setEditing(true)}
      />
      <Popconfirm
        title={t('lines.removeConfirm')}
        okText={t('lines.remove')}
        okButtonProps={{ danger: true, 'data-testid': 'line-remove-ok' } as ButtonProps}
        cancelText={t('common:action.cancel')}
        onConfirm={() => remove.mutateAsync({ workOrderId: detail.order.id, lineId: line.id }).catch(() => undefined)}
      >
        <Button
          type="link"
          size="small"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('lines.remove')}
          title={t('lines.remove')}
          loading={remove.isPending}
          data-testid="line-remove"
        />
      </Popconfirm>
      {editing ? <LineEditModal detail={detail} line={line} onClose={() => setEditing(false)} /> : null}
    </Space>
  );
}

const num = { align: 'right' as const };

export function LabourTable({ detail, editable }: { detail: OrderDetail; editable: boolean }) {
  const { t } = useTranslation('workOrders');
  const techs = useTechnicianOptions();
  const techName = (id: string | null) =>
    id ? (techs.find((o) => o.value === id)?.label ?? detail.technicians.find((u) => u.id === id)?.name ?? '') : '';
  return (
    <div data-testid="labour-table">
      <Table<LabourLine>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={detail.labour}
        locale={{ emptyText: t('lines.noLabour') }}
        onRow={() => ({ 'data-testid': 'labour-row' }) as object}
        columns={[
          { title: t('lines.seq'), dataIndex: 'seq', width: 48 },
          {
            title: t('lines.item'),
            dataIndex: 'item',
            render: (v: string, l) => (
              <>
                {v}
                {l.note ? <Typography.Text type="secondary"> · {l.note}</Typography.Text> : null}
              </>
            ),
          },
          { title: t('lines.hours'), dataIndex: 'hoursTenths', width: 80, ...num, render: (v: number) => hours(v) },
          { title: t('lines.rate'), dataIndex: 'rateFen', width: 100, ...num, render: (v: number) => yuan(v) },
          { title: t('lines.amount'), dataIndex: 'amountFen', width: 110, ...num, render: (v: number) => yuan(v) },
          { title: t('lines.technician'), dataIndex: 'technicianId', width: 130, render: techName },
          ...(editable
            ? [
                {
                  title: '',
                  key: 'actions',
                  width: 84,
                  render: (_: unknown, l: LabourLine) => <RowActions detail={detail} line={l} />,
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}

export function PartsTable({ detail, editable }: { detail: OrderDetail; editable: boolean }) {
  const { t } = useTranslation('workOrders');
  return (
    <div data-testid="parts-table">
      <Table<PartLine>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={detail.parts}
        locale={{ emptyText: t('lines.noParts') }}
        onRow={() => ({ 'data-testid': 'part-row' }) as object}
        columns={[
          { title: t('lines.seq'), dataIndex: 'seq', width: 48 },
          {
            title: t('lines.code'),
            dataIndex: 'code',
            width: 140,
            render: (v: string) => (v ? v : <Typography.Text type="danger">{t('lines.noCode')}</Typography.Text>),
          },
          {
            title: t('lines.name'),
            dataIndex: 'name',
            render: (v: string, p) => (
              <>
                {v}
                {p.brand ? <Typography.Text type="secondary"> · {p.brand}</Typography.Text> : null}
              </>
            ),
          },
          {
            title: t('lines.partType'),
            dataIndex: 'partType',
            width: 150,
            render: (v: PartLine['partType'], p) => (
              <>
                <Tag>{pick(PART_TYPE_LABEL[v])}</Tag>
                {p.customerSupplied ? <Tag color="gold">{t('lines.customerSuppliedShort')}</Tag> : null}
              </>
            ),
          },
          {
            title: t('lines.qty'),
            dataIndex: 'quantity',
            width: 90,
            ...num,
            render: (v: number, p) => `${qty(v)} ${p.unit}`,
          },
          {
            title: t('lines.unitPrice'),
            dataIndex: 'unitPriceFen',
            width: 100,
            ...num,
            render: (v: number) => yuan(v),
          },
          { title: t('lines.amount'), dataIndex: 'amountFen', width: 110, ...num, render: (v: number) => yuan(v) },
          ...(editable
            ? [
                {
                  title: '',
                  key: 'actions',
                  width: 84,
                  render: (_: unknown, p: PartLine) => <RowActions detail={detail} line={p} />,
                },
              ]
            : []),
        ]}
      />
    </div>
  );
}

/**
 * 新增 / 编辑配件 in a modal. Prices are typed in yuan and minimum stock in units (two decimals);
 * both become the core's integers exactly (fen, hundredths). When editing, the part's stock and its
 * latest movements are shown, with shortcuts to stock-in and adjustment for this part.
 */
import { App, Button, Col, Descriptions, Flex, Form, Input, Modal, Row, Select, Switch, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/errors.js';
import { PART_TYPE_LABEL, PART_TYPES } from '../../../shared/domain/enums.js';
import type { Issue } from '../../../shared/domain/issue.js';
import { useCall, useMutate } from '../../api/query.js';
import { applyApiError, ErrorAlert } from '../../components/errors.js';
import { dateTime, qty, yuan } from '../../components/format.js';
import { pick } from '../../i18n/index.js';
import { KindTag, SignedQty } from './KindTag.js';
import type { Part } from './PartPicker.js';
import { amountRule, fenText, parseFen, parseQty, qtyText } from './units.js';

interface Values {
  code: string;
  name: string;
  brand?: string;
  spec?: string;
  unit?: string;
  barcode?: string;
  partType: Part['partType'];
  salePriceFen?: string;
  minStock?: string;
  active?: boolean;
}
const FIELDS = ['code', 'name', 'brand', 'spec', 'unit', 'barcode', 'partType', 'salePriceFen', 'minStock', 'active'];

const toValues = (p: Part | undefined): Values =>
  p
    ? {
        code: p.code,
        name: p.name,
        brand: p.brand,
        spec: p.spec,
        unit: p.unit,
        barcode: p.barcode ?? '',
        partType: p.partType,
        salePriceFen: fenText(p.salePriceFen),
        minStock: qtyText(p.minStock),
        active: p.active,
      }
    : { code: '', name: '', unit: '个', partType: 'oem', salePriceFen: '', minStock: '' };

export function PartForm({
  open,
  partId,
  onClose,
  onAction,
}: {
  open: boolean;
  /** Edit this part; create a new one when null. */
  partId: string | null;
  onClose: () => void;
  /** Jump to another tab with this part chosen (stock-in, adjustment). */
  onAction?: (tab: 'receive' | 'adjust', partId: string) => void;
}) {
  const { t } = useTranslation('parts');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<{ err: ApiError; rest: Issue[] } | null>(null);
  const part = useCall('parts.get', { id: partId ?? '' }, { enabled: open && !!partId });
  const create = useMutate('parts.create');
  const update = useMutate('parts.update');
  const editing = !!partId;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue(toValues(editing ? part.data : undefined));
  }, [open, editing, part.data, form]);

  const submit = async (v: Values) => {
    setError(null);
    const fields = {
      code: v.code,
      name: v.name,
      brand: v.brand ?? '',
      spec: v.spec ?? '',
      unit: v.unit ?? '',
      barcode: v.barcode ?? '',
      partType: v.partType,
      salePriceFen: parseFen(v.salePriceFen) ?? 0,
      minStock: parseQty(v.minStock) ?? 0,
    };
    try {
      if (partId) await update.mutateAsync({ id: partId, ...fields, active: v.active ?? true });
      else await create.mutateAsync(fields);
      message.success(t('form.saved'));
      onClose();
    } catch (e) {
      const err = e as ApiError;
      setError({ err, rest: applyApiError(form, err, FIELDS) });
    }
  };

  const p = part.data;
  return (
    <Modal
      open={open}
      title={editing ? t('form.editTitle', { code: p?.code ?? '' }) : t('form.createTitle')}
      onCancel={onClose}
      footer={null}
      width={760}
      destroyOnHidden
      data-testid="part-form-modal"
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="part-form" requiredMark>
        <Row gutter={12}>
          <Col span={7}>
            <Form.Item
              name="code"
              label={t('field.code')}
              rules={[{ required: true, whitespace: true, message: t('form.required', { field: t('field.code') }) }]}
            >
              <Input autoFocus={!editing} maxLength={50} data-testid="part-code" />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item
              name="name"
              label={t('field.name')}
              rules={[{ required: true, whitespace: true, message: t('form.required', { field: t('field.name') }) }]}
            >
              <Input autoFocus={editing} maxLength={50} data-testid="part-name" />
            </Form.Item>
          </Col>
          <Col span={3}>
            <Form.Item name="unit" label={t('field.unit')}>
              <Input maxLength={10} data-testid="part-unit" />
            </Form.Item>
          </Col>
          <Col span={5}>
            <Form.Item name="partType" label={t('field.partType')}>
              <Select
                data-testid="part-type"
                options={PART_TYPES.map((k) => ({ value: k, label: pick(PART_TYPE_LABEL[k]) }))}
              />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="brand" label={t('field.brand')}>
              <Input maxLength={50} data-testid="part-brand" />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item name="spec" label={t('field.spec')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="barcode" label={t('field.barcode')}>
              {/* A scanner ends with Enter: keep it from submitting half a form. */}
              <Input maxLength={64} data-testid="part-barcode" onPressEnter={(e) => e.preventDefault()} />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item
              name="salePriceFen"
              label={t('field.salePrice')}
              rules={[amountRule(parseFen, t('form.invalidYuan'))]}
            >
              <Input
                inputMode="decimal"
                suffix={t('common:units.yuan')}
                placeholder={t('form.yuanHint')}
                data-testid="part-price"
              />
            </Form.Item>
          </Col>
          <Col span={9}>
            <Form.Item name="minStock" label={t('field.minStock')} rules={[amountRule(parseQty, t('form.invalidQty'))]}>
              <Input inputMode="decimal" placeholder={t('form.qtyHint')} data-testid="part-min-stock" />
            </Form.Item>
          </Col>
          {editing ? (
            <Col span={8}>
              <Form.Item name="active" label={t('field.active')} valuePropName="checked">
                <Switch data-testid="part-active" />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
        <ErrorAlert error={error?.err} issues={error?.rest} />
        {p ? <StockSummary part={p} onAction={onAction} /> : null}
        <Flex justify="end" gap={8} style={{ marginTop: 12 }}>
          <Button onClick={onClose}>{t('common:action.cancel')}</Button>
          <Button
            type="primary"
            htmlType="submit"
            loading={create.isPending || update.isPending}
            data-testid="part-submit"
          >
            {t('common:action.save')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}

/** Stock figures and the last few movements of the part being edited. */
function StockSummary({ part, onAction }: { part: Part; onAction?: (tab: 'receive' | 'adjust', id: string) => void }) {
  const { t } = useTranslation('parts');
  const moves = useCall('stock.movements', { partId: part.id, limit: 3 });
  return (
    <div data-testid="part-stock">
      <Descriptions
        size="small"
        column={3}
        items={[
          { key: 'onHand', label: t('field.onHand'), children: `${qty(part.onHand)} ${part.unit}` },
          { key: 'avg', label: t('field.avgCost'), children: yuan(part.avgCostFen) },
          {
            key: 'actions',
            label: null,
            children: onAction ? (
              <Flex gap={8}>
                <Button size="small" onClick={() => onAction('receive', part.id)} data-testid="part-receive-this">
                  {t('form.receiveThis')}
                </Button>
                <Button size="small" onClick={() => onAction('adjust', part.id)} data-testid="part-adjust-this">
                  {t('form.adjustThis')}
                </Button>
              </Flex>
            ) : null,
          },
        ]}
      />
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        loading={moves.isLoading}
        dataSource={moves.data?.items ?? []}
        title={() => t('form.recent')}
        columns={[
          { title: t('field.createdAt'), dataIndex: 'createdAt', width: 140, render: dateTime },
          { title: t('field.kind'), key: 'kind', width: 96, render: (_, m) => <KindTag kind={m.kind} /> },
          {
            title: t('field.quantity'),
            key: 'quantity',
            width: 90,
            align: 'right',
            render: (_, m) => <SignedQty value={m.quantity} />,
          },
          { title: t('field.onHandAfter'), dataIndex: 'onHandAfter', width: 90, align: 'right', render: qty },
          { title: t('field.reason'), key: 'ref', ellipsis: true, render: (_, m) => m.docNo || m.reason },
        ]}
      />
    </div>
  );
}

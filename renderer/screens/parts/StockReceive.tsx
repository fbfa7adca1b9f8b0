/**
 * 采购入库 as a purchase register: one line per part received (part, quantity, unit cost), with the
 * invoice's supplier, manufacturer, date and number. After a line is recorded the invoice fields stay
 * and focus returns to the part field, so the next item of the same delivery is one scan away.
 */
import { Button, Card, Col, DatePicker, Flex, Form, Input, Row, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/errors.js';
import { PART_TYPE_LABEL } from '../../../shared/domain/enums.js';
import type { Issue } from '../../../shared/domain/issue.js';
import { lineAmountFen } from '../../../shared/domain/money.js';
import { useCall, useMutate } from '../../api/query.js';
import { applyApiError, ErrorAlert } from '../../components/errors.js';
import { qty, yuan } from '../../components/format.js';
import { pick } from '../../i18n/index.js';
import { SignedQty } from './KindTag.js';
import { SupplierField } from './SupplierField.js';
import { amountRule, fenText, parseFen, parseQty } from './units.js';
import { PartFormItem, useChosenPart } from './useChosenPart.js';

interface Values {
  partId?: string;
  quantity?: string;
  unitCostFen?: string;
  supplierId?: string;
  manufacturer?: string;
  docDate?: Dayjs;
  docNo?: string;
}
const FIELDS = ['partId', 'quantity', 'unitCostFen', 'supplierId', 'manufacturer', 'docDate', 'docNo'];

/** Focus an input and select its text, so typing replaces a suggested value instead of appending. */
export const focusAndSelect = (id: string) => {
  const el = document.getElementById(id) as HTMLInputElement | null;
  el?.focus();
  el?.select();
};

export function StockReceive({ initialPartId }: { initialPartId?: string | undefined }) {
  const { t } = useTranslation('parts');
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<{ err: ApiError; rest: Issue[] } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const receive = useMutate('stock.receive');
  const chosen = useChosenPart(form, initialPartId, (p) => {
    // Suggest the current average cost; the invoice's price overrides it.
    if (!form.getFieldValue('unitCostFen') && p.avgCostFen > 0)
      form.setFieldValue('unitCostFen', fenText(p.avgCostFen));
    setTimeout(() => focusAndSelect('receive_quantity'), 0);
  });
  const { part } = chosen;

  const quantity = parseQty(Form.useWatch('quantity', form));
  const cost = parseFen(Form.useWatch('unitCostFen', form));
  const amount = quantity !== undefined && cost !== undefined ? lineAmountFen(quantity, cost) : undefined;

  const submit = async (v: Values) => {
    setError(null);
    setDone(null);
    try {
      const m = await receive.mutateAsync({
        partId: v.partId!,
        quantity: parseQty(v.quantity)!,
        unitCostFen: parseFen(v.unitCostFen)!,
        ...(v.supplierId ? { supplierId: v.supplierId } : {}),
        manufacturer: v.manufacturer ?? '',
        docDate: (v.docDate ?? dayjs()).format('YYYY-MM-DD'),
        docNo: v.docNo ?? '',
      });
      setDone(
        t('receive.done', { name: m.partName, qty: qty(m.quantity), unit: part?.unit ?? '', amount: yuan(m.valueFen) }),
      );
      form.setFieldsValue({ partId: undefined, quantity: '', unitCostFen: '' });
      chosen.cleared();
    } catch (e) {
      const err = e as ApiError;
      setError({ err, rest: applyApiError(form, err, FIELDS) });
    }
  };

  return (
    <Flex vertical gap={12}>
      <Card size="small" title={t('receive.title')}>
        <Form
          form={form}
          name="receive"
          layout="vertical"
          onFinish={submit}
          initialValues={{ docDate: dayjs() }}
          data-testid="receive-form"
        >
          <Row gutter={12}>
            <Col span={12}>
              <PartFormItem chosen={chosen} data-testid="receive-part" />
            </Col>
            <Col span={6}>
              <Form.Item
                name="quantity"
                label={part ? t('field.quantityIn', { unit: part.unit }) : t('field.quantity')}
                rules={[amountRule(parseQty, t('form.invalidQty'), { required: true, min: 1 })]}
              >
                <Input
                  inputMode="decimal"
                  data-testid="receive-quantity"
                  // Enter moves on to the cost; Enter there records the line.
                  onPressEnter={(e) => {
                    e.preventDefault();
                    focusAndSelect('receive_unitCostFen');
                  }}
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item
                name="unitCostFen"
                label={t('field.unitCost')}
                rules={[amountRule(parseFen, t('form.invalidYuan'), { required: true })]}
              >
                <Input inputMode="decimal" suffix={t('common:units.yuan')} data-testid="receive-cost" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="supplierId" label={t('field.supplier')}>
                <SupplierField />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="manufacturer" label={t('field.manufacturer')}>
                <Input maxLength={100} data-testid="receive-manufacturer" />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item name="docDate" label={t('field.docDate')}>
                <DatePicker allowClear={false} style={{ width: '100%' }} data-testid="receive-date" />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item name="docNo" label={t('field.docNo')}>
                <Input maxLength={50} data-testid="receive-doc-no" />
              </Form.Item>
            </Col>
          </Row>
          <ErrorAlert error={error?.err} issues={error?.rest} />
          <Flex align="center" gap={16} wrap>
            {part ? (
              <Typography.Text type="secondary" data-testid="receive-part-info">
                <Tag title={t('receive.partTypeHint')}>{pick(PART_TYPE_LABEL[part.partType])}</Tag>
                {t('picker.summary', {
                  onHand: qty(part.onHand),
                  unit: part.unit,
                  cost: yuan(part.avgCostFen),
                  price: yuan(part.salePriceFen),
                })}
              </Typography.Text>
            ) : null}
            {done ? (
              <Typography.Text type="success" data-testid="receive-done">
                {done}
              </Typography.Text>
            ) : null}
            <Flex align="center" gap={12} style={{ marginLeft: 'auto' }}>
              <Typography.Text>
                {t('receive.amount')}
                <strong>{yuan(amount)}</strong>
              </Typography.Text>
              <Button type="primary" htmlType="submit" loading={receive.isPending} data-testid="receive-submit">
                {t('receive.submit')}
              </Button>
            </Flex>
          </Flex>
        </Form>
      </Card>
      <RecentMovements kind="receive" title={t('receive.register')} testId="receive-register" />
    </Flex>
  );
}

/** The latest movements of one kind: the register under the form, so the clerk sees what was entered. */
export function RecentMovements({
  kind,
  title,
  testId,
}: {
  kind: 'receive' | 'adjust';
  title: string;
  testId: string;
}) {
  const { t } = useTranslation('parts');
  const { data, isLoading } = useCall('stock.movements', { kind, limit: 8 });
  return (
    <Table
      size="small"
      rowKey="id"
      title={() => <strong>{title}</strong>}
      loading={isLoading}
      pagination={false}
      dataSource={data?.items ?? []}
      data-testid={testId}
      onRow={() => ({ 'data-testid': `${testId}-row` }) as never}
      columns={[
        { title: t('field.docDate'), dataIndex: 'docDate', width: 100 },
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
        {
          title: t('field.quantity'),
          key: 'quantity',
          width: 90,
          align: 'right',
          render: (_, m) => (kind === 'adjust' ? <SignedQty value={m.quantity} /> : qty(m.quantity)),
        },
        ...(kind === 'receive'
          ? [
              {
                title: t('field.unitCost'),
                dataIndex: 'unitCostFen',
                width: 100,
                align: 'right' as const,
                render: yuan,
              },
              { title: t('field.amount'), dataIndex: 'valueFen', width: 110, align: 'right' as const, render: yuan },
              { title: t('field.supplier'), dataIndex: 'supplierName', width: 160, ellipsis: true },
              { title: t('field.docNo'), dataIndex: 'docNo', width: 120, ellipsis: true },
            ]
          : [{ title: t('field.reason'), dataIndex: 'reason', ellipsis: true }]),
        { title: t('field.onHandAfter'), dataIndex: 'onHandAfter', width: 90, align: 'right', render: qty },
      ]}
    />
  );
}

/**
 * 库存调整: a signed correction with a reason (damaged, lost, found). The clerk picks a direction
 * and a quantity instead of typing a minus sign; the confirmation says what the stock becomes.
 */
import { App, Button, Card, Col, Flex, Form, Input, Radio, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/errors.js';
import type { Issue } from '../../../shared/domain/issue.js';
import { useMutate } from '../../api/query.js';
import { applyApiError, ErrorAlert } from '../../components/errors.js';
import { qty, yuan } from '../../components/format.js';
import { focusAndSelect, RecentMovements } from './StockReceive.js';
import { amountRule, parseQty } from './units.js';
import { PartFormItem, useChosenPart } from './useChosenPart.js';

interface Values {
  partId?: string;
  direction: 'up' | 'down';
  /** The quantity, typed; named after the API's field so its issues land here. */
  delta?: string;
  reason?: string;
}

export function StockAdjust({ initialPartId }: { initialPartId?: string | undefined }) {
  const { t } = useTranslation('parts');
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<{ err: ApiError; rest: Issue[] } | null>(null);
  const adjust = useMutate('stock.adjust');
  const chosen = useChosenPart(form, initialPartId, () => setTimeout(() => focusAndSelect('adjust_delta'), 0));
  const { part } = chosen;

  const submit = async (v: Values) => {
    if (!part) return;
    const amount = parseQty(v.delta)!;
    const delta = v.direction === 'down' ? -amount : amount;
    const ok = await modal.confirm({
      title: t('adjust.confirmTitle'),
      content: t('adjust.confirmBody', {
        name: part.name,
        dir: v.direction === 'down' ? t('adjust.down') : t('adjust.up'),
        qty: qty(amount),
        after: qty(part.onHand + delta),
        unit: part.unit,
      }),
      // The App's modal renders outside the locale provider: name the buttons ourselves.
      okText: t('common:action.confirm'),
      cancelText: t('common:action.cancel'),
      okButtonProps: { 'data-testid': 'adjust-confirm' } as never,
    });
    if (!ok) return;
    setError(null);
    try {
      const m = await adjust.mutateAsync({ partId: part.id, delta, reason: v.reason ?? '' });
      message.success(t('adjust.done', { name: m.partName, after: qty(m.onHandAfter), unit: part.unit }));
      form.setFieldsValue({ partId: undefined, delta: '', reason: '' });
      chosen.cleared();
    } catch (e) {
      const err = e as ApiError;
      setError({ err, rest: applyApiError(form, err, ['partId', 'delta', 'reason']) });
    }
  };

  return (
    <Flex vertical gap={12}>
      <Card size="small" title={t('adjust.title')}>
        <Form
          form={form}
          name="adjust"
          layout="vertical"
          onFinish={submit}
          initialValues={{ direction: 'down' }}
          data-testid="adjust-form"
        >
          <Row gutter={12}>
            <Col span={10}>
              <PartFormItem
                chosen={chosen}
                data-testid="adjust-part"
                extra={
                  part ? (
                    <span data-testid="adjust-part-info">
                      {t('form.stockInfo', { onHand: qty(part.onHand), unit: part.unit, cost: yuan(part.avgCostFen) })}
                    </span>
                  ) : null
                }
              />
            </Col>
            <Col span={8}>
              <Form.Item name="direction" label={t('field.direction')}>
                <Radio.Group
                  optionType="button"
                  data-testid="adjust-direction"
                  options={[
                    { value: 'down', label: t('adjust.decrease') },
                    { value: 'up', label: t('adjust.increase') },
                  ]}
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item
                name="delta"
                label={part ? t('field.quantityIn', { unit: part.unit }) : t('field.quantity')}
                rules={[amountRule(parseQty, t('form.invalidQty'), { required: true, min: 1 })]}
              >
                <Input
                  inputMode="decimal"
                  data-testid="adjust-quantity"
                  onPressEnter={(e) => {
                    e.preventDefault();
                    document.getElementById('adjust_reason')?.focus();
                  }}
                />
              </Form.Item>
            </Col>
          </Row>
          <Flex gap={12} align="start">
            <Form.Item
              name="reason"
              label={t('field.reason')}
              style={{ flex: 1 }}
              rules={[{ required: true, whitespace: true, message: t('adjust.reasonRequired') }]}
            >
              <Input maxLength={200} placeholder={t('adjust.reasonPlaceholder')} data-testid="adjust-reason" />
            </Form.Item>
            <Form.Item label=" ">
              <Button type="primary" htmlType="submit" loading={adjust.isPending} data-testid="adjust-submit">
                {t('adjust.submit')}
              </Button>
            </Form.Item>
          </Flex>
          <ErrorAlert error={error?.err} issues={error?.rest} />
        </Form>
      </Card>
      <RecentMovements kind="adjust" title={t('adjust.recent')} testId="adjust-recent" />
    </Flex>
  );
}

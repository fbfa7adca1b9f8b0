/**
 * One row to add a part line: pick from stock (typed or scanned — the picker takes the scanner's
 * Enter), quantity, and optionally the price, 配件类型 and 托修方自备. A part that is not in stock
 * can be added by name with its code. Enter goes part → quantity → 添加 (for a part not in stock also
 * through its code and price); focus returns to the picker, ready for the next scan. Short stock is a warning the clerk confirms.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, Select, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PART_TYPE_LABEL, PART_TYPES, type PartType } from '../../../shared/domain/enums.js';
import type { Issue } from '../../../shared/domain/issue.js';
import { useMutate } from '../../api/query.js';
import { useOrderFormEdits } from '../../app/update/orderEdits.js';
import { DeclinedWarnings, useConfirmWarnings } from '../../components/confirmWarnings.js';
import { enterMovesOn } from '../../components/enterMovesOn.js';
import { applyApiError, ErrorAlert } from '../../components/errors.js';
import { qty } from '../../components/format.js';
import { PartPicker, type PartPickerRef, type PickedPart } from '../../components/PartPicker.js';
import { pick } from '../../i18n/index.js';
import { leftOver } from './leftOver.js';
import { fenText, numberRule, parseFen, parseHundredths } from './units.js';

interface Values {
  picked: PickedPart | null;
  code?: string;
  quantity: string;
  unitPriceFen?: string;
  partType: PartType;
  customerSupplied: boolean;
}

const EMPTY: Values = { picked: null, quantity: '1', partType: 'oem', customerSupplied: false };

export function AddPartForm({ workOrderId }: { workOrderId: string }) {
  const { t } = useTranslation('workOrders');
  const [form] = Form.useForm<Values>();
  const picker = useRef<PartPickerRef>(null);
  const wrap = useRef<HTMLDivElement>(null);
  const add = useMutate('workOrders.addPart');
  const withConfirm = useConfirmWarnings();
  const [rest, setRest] = useState<Issue[] | undefined>();
  const edits = useOrderFormEdits();
  const picked = Form.useWatch('picked', form);
  const supplied = Form.useWatch('customerSupplied', form);
  const free = picked && 'freeName' in picked;

  // After a pick, focus moves on once the row has re-rendered (the code field appears only for a
  // part that is not in stock).
  const pendingFocus = useRef<string | null>(null);
  useEffect(() => {
    const testId = pendingFocus.current;
    if (!testId || !picked) return;
    pendingFocus.current = null;
    wrap.current?.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`)?.select();
  }, [picked]);

  const onPicked = (v: PickedPart | null) => {
    form.setFieldValue('picked', v);
    if (v && 'part' in v) {
      form.setFieldsValue({ unitPriceFen: fenText(v.part.salePriceFen), partType: v.part.partType });
    }
    if (v) pendingFocus.current = 'part' in v ? 'part-qty' : 'part-code';
  };

  const submit = async (v: Values) => {
    const p = v.picked;
    if (!p) return;
    try {
      await withConfirm((confirm) =>
        add.mutateAsync({
          workOrderId,
          ...('part' in p ? { partId: p.part.id } : { name: p.freeName, code: v.code?.trim() || undefined }),
          quantity: parseHundredths(v.quantity)!,
          unitPriceFen: v.customerSupplied ? undefined : parseFen(v.unitPriceFen),
          partType: v.partType,
          customerSupplied: v.customerSupplied,
          confirm,
        }),
      );
      setRest(undefined);
      form.setFieldsValue(EMPTY);
      form.resetFields(['code', 'unitPriceFen']);
      edits.saved();
      setTimeout(() => picker.current?.focus());
    } catch (e) {
      if (e instanceof DeclinedWarnings) return;
      setRest(applyApiError(form, e as never, ['picked', 'name', 'code', 'quantity', 'unitPriceFen', 'partType']));
    }
  };

  const onHand = picked && 'part' in picked ? picked.part.onHand : undefined;

  return (
    <div ref={wrap} onKeyDownCapture={enterMovesOn} data-testid="part-form" style={{ marginTop: 12 }}>
      <Form
        form={form}
        layout="inline"
        initialValues={EMPTY}
        onFinish={submit}
        onValuesChange={edits.changed}
        style={{ rowGap: 8 }}
      >
        <Form.Item
          name="picked"
          rules={[{ required: true, message: t('errors.partRequired') }]}
          style={{ flex: 1, minWidth: 240 }}
          validateTrigger={[]}
        >
          <PartPicker
            ref={picker}
            value={picked ?? null}
            onChange={onPicked}
            data-testid="part-picker"
            texts={{
              placeholder: t('lines.partPlaceholder'),
              onHand: (n) => t('lines.onHand', { n }),
              notFound: t('lines.partNotFound'),
              freeText: (typed) => t('lines.addFreePart', { name: typed }),
            }}
          />
        </Form.Item>
        {free ? (
          <Form.Item name="code" style={{ width: 130 }}>
            <Input maxLength={50} placeholder={t('lines.code')} aria-label={t('lines.code')} data-testid="part-code" />
          </Form.Item>
        ) : null}
        <Form.Item
          name="quantity"
          rules={[numberRule(parseHundredths, t('errors.qty'), { required: true, min: 1 })]}
          style={{ width: 100 }}
        >
          <Input inputMode="decimal" aria-label={t('lines.qty')} prefix="×" data-testid="part-qty" />
        </Form.Item>
        <Form.Item name="unitPriceFen" rules={[numberRule(parseFen, t('errors.money'))]} style={{ width: 120 }}>
          <Input
            inputMode="decimal"
            placeholder={t('lines.unitPrice')}
            aria-label={t('lines.unitPrice')}
            prefix="¥"
            disabled={supplied}
            data-testid="part-price"
            data-enter-skip={free ? undefined : true}
          />
        </Form.Item>
        <Form.Item name="partType" style={{ width: 130 }}>
          <Select
            options={PART_TYPES.map((p) => ({ value: p, label: pick(PART_TYPE_LABEL[p]) }))}
            aria-label={t('lines.partType')}
            data-testid="part-type"
            data-enter-skip
          />
        </Form.Item>
        <Form.Item name="customerSupplied" valuePropName="checked">
          <Checkbox
            data-testid="part-customer-supplied"
            data-enter-skip
            onChange={(e) => e.target.checked && form.setFieldValue('unitPriceFen', undefined)}
          >
            {t('lines.customerSupplied')}
          </Checkbox>
        </Form.Item>
        <Form.Item style={{ marginInlineEnd: 0 }}>
          <Button htmlType="submit" icon={<PlusOutlined />} loading={add.isPending} data-testid="part-submit">
            {t('lines.addPart')}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {onHand !== undefined ? t('lines.onHandHint', { n: qty(onHand) }) : t('hints.scan')}
      </Typography.Text>
      <ErrorAlert error={leftOver(add.error, rest)} issues={rest} />
    </div>
  );
}

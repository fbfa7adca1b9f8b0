/**
 * One row to add a labour line: 维修项目 (free text), 工时, optionally the technician. The hourly
 * rate is the shop's (settings); a line's rate can be changed afterwards. Enter goes item → hours →
 * 添加, and focus returns to the item for the next line.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Issue } from '../../../shared/domain/issue.js';
import { useCall, useMutate } from '../../api/query.js';
import { useOrderFormEdits } from '../../app/update/orderEdits.js';
import { enterMovesOn } from '../../components/enterMovesOn.js';
import { applyApiError, ErrorAlert } from '../../components/errors.js';
import { yuan } from '../../components/format.js';
import { leftOver } from './leftOver.js';
import { numberRule, parseTenths } from './units.js';
import { useTechnicianOptions } from './useTechnicians.js';

interface Values {
  item: string;
  hoursTenths: string;
  technicianId?: string;
}

export function AddLabourForm({ workOrderId, autoFocus }: { workOrderId: string; autoFocus?: boolean }) {
  const { t } = useTranslation('workOrders');
  const [form] = Form.useForm<Values>();
  const technicians = useTechnicianOptions();
  const { data: shop } = useCall('shop.get', {}, { staleTime: 300_000 });
  const add = useMutate('workOrders.addLabour');
  const [rest, setRest] = useState<Issue[] | undefined>();
  const wrap = useRef<HTMLDivElement>(null);
  const edits = useOrderFormEdits();

  const submit = async (v: Values) => {
    try {
      await add.mutateAsync({
        workOrderId,
        item: v.item.trim(),
        hoursTenths: parseTenths(v.hoursTenths)!,
        technicianId: v.technicianId || undefined,
      });
      setRest(undefined);
      form.resetFields();
      edits.saved();
      wrap.current?.querySelector<HTMLInputElement>('input')?.focus();
    } catch (e) {
      setRest(applyApiError(form, e as never, ['item', 'hoursTenths', 'technicianId']));
    }
  };

  return (
    <div ref={wrap} onKeyDownCapture={enterMovesOn} data-testid="labour-form" style={{ marginTop: 12 }}>
      <Form form={form} layout="inline" onFinish={submit} onValuesChange={edits.changed} style={{ rowGap: 8 }}>
        <Form.Item
          name="item"
          rules={[{ required: true, whitespace: true, message: t('errors.itemRequired') }]}
          style={{ flex: 1, minWidth: 260 }}
        >
          <Input
            maxLength={200}
            placeholder={t('lines.itemPlaceholder')}
            aria-label={t('lines.item')}
            autoFocus={autoFocus}
            data-testid="labour-item"
          />
        </Form.Item>
        <Form.Item
          name="hoursTenths"
          rules={[numberRule(parseTenths, t('errors.hours'), { required: true, min: 1 })]}
          style={{ width: 120 }}
        >
          <Input
            inputMode="decimal"
            placeholder={t('lines.hours')}
            aria-label={t('lines.hours')}
            suffix={t('common:units.hours')}
            data-testid="labour-hours"
          />
        </Form.Item>
        <Form.Item name="technicianId" style={{ width: 150 }}>
          <Select
            data-enter-skip
            allowClear
            options={technicians}
            optionFilterProp="label"
            placeholder={t('lines.technician')}
            aria-label={t('lines.technician')}
            data-testid="labour-technician"
          />
        </Form.Item>
        <Form.Item style={{ marginInlineEnd: 0 }}>
          <Button htmlType="submit" icon={<PlusOutlined />} loading={add.isPending} data-testid="labour-submit">
            {t('lines.addLabour')}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('hints.labourRate', { rate: shop ? yuan(shop.labourRateFen) : '—' })}
      </Typography.Text>
      <ErrorAlert error={leftOver(add.error, rest)} issues={rest} />
    </div>
  );
}

/**
 * Edit one line of an open order: a labour line's item, hours, rate and technician, or a part line's
 * name, code, brand, quantity, price and type. Only what changed is sent (workOrders.updateLine takes
 * no version: lines are small, last write wins, and the list refreshes itself after every write).
 */
import { type ButtonProps, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PART_TYPE_LABEL, PART_TYPES } from '../../../shared/domain/enums.js';
import type { Issue } from '../../../shared/domain/issue.js';
import { useMutate } from '../../api/query.js';
import { useOrderDialogOpen } from '../../app/update/orderEdits.js';
import { enterSubmits } from '../../components/enterMovesOn.js';
import { applyApiError, ErrorAlert } from '../../components/errors.js';
import { pick } from '../../i18n/index.js';
import { leftOver } from './leftOver.js';
import type { LabourLine, OrderDetail, PartLine } from './types.js';
import { fenText, hundredthsText, numberRule, parseFen, parseHundredths, parseTenths, tenthsText } from './units.js';
import { useTechnicianOptions } from './useTechnicians.js';

const isLabour = (l: LabourLine | PartLine): l is LabourLine => 'item' in l;

interface Values {
  item?: string;
  hoursTenths?: string;
  rateFen?: string;
  technicianId?: string | null;
  note?: string;
  name?: string;
  code?: string;
  brand?: string;
  quantity?: string;
  unitPriceFen?: string;
  partType?: PartLine['partType'];
}

const initial = (l: LabourLine | PartLine): Values =>
  isLabour(l)
    ? {
        item: l.item,
        hoursTenths: tenthsText(l.hoursTenths),
        rateFen: fenText(l.rateFen),
        technicianId: l.technicianId,
        note: l.note,
      }
    : {
        name: l.name,
        code: l.code,
        brand: l.brand,
        quantity: hundredthsText(l.quantity),
        unitPriceFen: fenText(l.unitPriceFen),
        partType: l.partType,
      };

export function LineEditModal({
  detail,
  line,
  onClose,
}: {
  detail: OrderDetail;
  line: LabourLine | PartLine;
  onClose: () => void;
}) {
  const { t } = useTranslation('workOrders');
  const [form] = Form.useForm<Values>();
  useOrderDialogOpen();
  const technicians = useTechnicianOptions();
  const [rest, setRest] = useState<Issue[] | undefined>();
  const update = useMutate('workOrders.updateLine');
  const labour = isLabour(line);
  const start = initial(line);

  const submit = async (v: Values) => {
    const changed = <K extends keyof Values>(k: K) => v[k] !== start[k];
    const input = labour
      ? {
          item: changed('item') ? v.item?.trim() : undefined,
          hoursTenths: changed('hoursTenths') ? parseTenths(v.hoursTenths) : undefined,
          rateFen: changed('rateFen') ? parseFen(v.rateFen) : undefined,
          technicianId: changed('technicianId') ? (v.technicianId ?? null) : undefined,
          note: changed('note') ? (v.note ?? '').trim() : undefined,
        }
      : {
          name: changed('name') ? v.name?.trim() : undefined,
          code: changed('code') ? (v.code ?? '').trim() : undefined,
          brand: changed('brand') ? (v.brand ?? '').trim() : undefined,
          quantity: changed('quantity') ? parseHundredths(v.quantity) : undefined,
          unitPriceFen: changed('unitPriceFen') ? parseFen(v.unitPriceFen) : undefined,
          partType: changed('partType') ? v.partType : undefined,
        };
    try {
      await update.mutateAsync({ workOrderId: detail.order.id, lineId: line.id, ...input });
      onClose();
    } catch (e) {
      setRest(applyApiError(form, e as never, Object.keys(start)));
    }
  };

  return (
    <Modal
      open
      title={labour ? t('lines.editLabour') : t('lines.editPart')}
      okText={t('common:action.save')}
      cancelText={t('common:action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
      okButtonProps={{ 'data-testid': 'line-edit-submit' } as ButtonProps}
      destroyOnHidden
    >
      <div onKeyDownCapture={enterSubmits} data-testid="line-edit-form">
        <Form
          form={form}
          scrollToFirstError={{ focus: true }}
          layout="vertical"
          initialValues={start}
          onFinish={submit}
        >
          {labour ? (
            <>
              <Form.Item
                name="item"
                label={t('lines.item')}
                rules={[{ required: true, message: t('errors.itemRequired') }]}
              >
                <Input maxLength={200} autoFocus />
              </Form.Item>
              <Form.Item
                name="hoursTenths"
                label={t('lines.hours')}
                rules={[numberRule(parseTenths, t('errors.hours'), { required: true, min: 1 })]}
              >
                <Input inputMode="decimal" suffix={t('common:units.hours')} />
              </Form.Item>
              <Form.Item
                name="rateFen"
                label={t('lines.rate')}
                rules={[numberRule(parseFen, t('errors.money'), { required: true })]}
              >
                <Input inputMode="decimal" suffix={t('lines.perHour')} />
              </Form.Item>
              <Form.Item name="technicianId" label={t('lines.technician')}>
                <Select allowClear options={technicians} optionFilterProp="label" />
              </Form.Item>
              <Form.Item name="note" label={t('lines.note')}>
                <Input maxLength={200} />
              </Form.Item>
            </>
          ) : (
            <>
              <Form.Item
                name="name"
                label={t('lines.name')}
                rules={[{ required: true, message: t('errors.nameRequired') }]}
              >
                <Input maxLength={50} autoFocus />
              </Form.Item>
              <Form.Item name="code" label={t('lines.code')} extra={t('hints.partCode')}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="brand" label={t('lines.brand')}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item
                name="quantity"
                label={t('lines.qty')}
                rules={[numberRule(parseHundredths, t('errors.qty'), { required: true, min: 1 })]}
              >
                <Input inputMode="decimal" suffix={(line as PartLine).unit} />
              </Form.Item>
              <Form.Item
                name="unitPriceFen"
                label={t('lines.unitPrice')}
                rules={[numberRule(parseFen, t('errors.money'), { required: true })]}
                extra={(line as PartLine).customerSupplied ? t('hints.customerSuppliedFree') : undefined}
              >
                <Input
                  inputMode="decimal"
                  suffix={t('common:units.yuan')}
                  disabled={(line as PartLine).customerSupplied}
                />
              </Form.Item>
              <Form.Item name="partType" label={t('lines.partType')}>
                <Select options={PART_TYPES.map((p) => ({ value: p, label: pick(PART_TYPE_LABEL[p]) }))} />
              </Form.Item>
            </>
          )}
          <ErrorAlert error={leftOver(update.error, rest)} issues={rest} />
        </Form>
      </div>
    </Modal>
  );
}

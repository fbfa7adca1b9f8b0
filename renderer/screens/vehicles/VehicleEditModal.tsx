/**
 * Edit a vehicle (vehicles.update). Only changed fields are sent, so an old VIN whose check digit was
 * confirmed once is not questioned again on every save. VIN and plate get instant feedback from the
 * shared rules; the core's answer is the truth (errors land next to the field, warnings such as the
 * check digit or a lower mileage are confirmed in a modal and resent).
 */
import { App, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import type { Rule } from 'antd/es/form/index.js';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput, MethodOutput } from '../../../shared/api/contract.js';
import { PLATE_COLOR_LABEL, PLATE_COLORS, type PlateColor } from '../../../shared/domain/enums.js';
import type { Issue } from '../../../shared/domain/issue.js';
import { checkPlate } from '../../../shared/domain/plate.js';
import { checkVin } from '../../../shared/domain/vin.js';
import type { ApiError } from '../../api/client.js';
import { call } from '../../api/client.js';
import { applyApiError, ErrorAlert } from '../../components/errors.js';
import { pick } from '../../i18n/index.js';
import { CustomerPicker } from '../customers/CustomerPicker.js';
import { sendWithConfirm } from './confirm.js';

type Vehicle = MethodOutput<'vehicles.get'>;

interface Values {
  plate: string;
  plateColor: PlateColor | undefined;
  unplated: boolean;
  vin: string;
  brandModel: string;
  engineNo: string;
  vehicleType: string;
  registrationDate: Dayjs | null;
  lastMileageKm: number | null;
  ownerId: string | undefined;
  note: string;
}

const FIELDS = [
  'plate',
  'plateColor',
  'unplated',
  'vin',
  'brandModel',
  'engineNo',
  'vehicleType',
  'registrationDate',
  'lastMileageKm',
  'ownerId',
  'note',
] as const;

const initialValues = (v: Vehicle): Values => ({
  plate: v.plate ?? '',
  plateColor: v.plateColor ?? undefined,
  unplated: v.unplated,
  vin: v.vin ?? '',
  brandModel: v.brandModel,
  engineNo: v.engineNo,
  vehicleType: v.vehicleType,
  registrationDate: v.registrationDate ? dayjs(v.registrationDate) : null,
  lastMileageKm: v.lastMileageKm,
  ownerId: v.ownerId ?? undefined,
  note: v.note,
});

/** The update with only what the clerk changed. */
function changes(v: Vehicle, f: Values): MethodInput<'vehicles.update'> {
  const out: MethodInput<'vehicles.update'> = { id: v.id };
  const vin = f.vin.trim().toUpperCase();
  if (vin && vin !== (v.vin ?? '')) out.vin = vin;
  if (f.unplated && !v.unplated) out.unplated = true;
  else if (!f.unplated && f.plate.trim() && f.plate.trim() !== (v.plate ?? '')) out.plate = f.plate.trim();
  if (f.plateColor && f.plateColor !== v.plateColor) out.plateColor = f.plateColor;
  for (const k of ['brandModel', 'engineNo', 'vehicleType', 'note'] as const) {
    if (f[k].trim() !== v[k]) out[k] = f[k].trim();
  }
  const reg = f.registrationDate ? f.registrationDate.format('YYYY-MM-DD') : null;
  if (reg && reg !== v.registrationDate) out.registrationDate = reg;
  if (f.lastMileageKm != null && f.lastMileageKm !== v.lastMileageKm) out.lastMileageKm = f.lastMileageKm;
  if (f.ownerId && f.ownerId !== v.ownerId) out.ownerId = f.ownerId;
  return out;
}

/** A shared rule as an antd validator: errors block, warnings only show. */
const ruleFrom = (check: (s: string) => Issue[], severity: Issue['severity']): Rule => ({
  warningOnly: severity === 'warning',
  validator: (_, value: string | undefined) => {
    const found = value?.trim() ? check(value).filter((i) => i.severity === severity) : [];
    return found.length ? Promise.reject(new Error(pick(found[0]!.message))) : Promise.resolve();
  },
});

export function VehicleEditModal({ vehicle, open, onClose }: { vehicle: Vehicle; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('vehicles');
  const [form] = Form.useForm<Values>();
  const [modal, holder] = Modal.useModal();
  const { message } = App.useApp();
  const [error, setError] = useState<ApiError | null>(null);
  const [rest, setRest] = useState<Issue[]>([]);
  const [saving, setSaving] = useState(false);
  const unplated = Form.useWatch('unplated', form);

  const vinRules = [ruleFrom((s) => checkVin(s).issues, 'error'), ruleFrom((s) => checkVin(s).issues, 'warning')];
  const plateRules = [ruleFrom((s) => checkPlate(s).issues, 'error'), ruleFrom((s) => checkPlate(s).issues, 'warning')];

  const submit = async (values: Values) => {
    const input = changes(vehicle, values);
    if (Object.keys(input).length === 1) {
      onClose();
      return;
    }
    setError(null);
    setRest([]);
    setSaving(true);
    await sendWithConfirm(
      modal,
      { title: t('edit.confirmTitle'), ok: t('edit.confirmOk'), cancel: t('common:action.cancel') },
      async (confirm) => {
        await call('vehicles.update', confirm.length ? { ...input, confirm } : input);
        message.success(t('edit.saved'));
        onClose();
      },
      (err) => {
        if (err.code !== 'confirmation_required') setError(err);
        setRest(applyApiError(form, err, FIELDS));
      },
    ).finally(() => setSaving(false));
  };

  return (
    <Modal
      open={open}
      title={t('edit.title')}
      width={760}
      onCancel={onClose}
      okText={t('common:action.save')}
      cancelText={t('common:action.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: saving, 'data-testid': 'vehicle-edit-save' }}
      destroyOnHidden
      modalRender={(node) => (
        <Form
          form={form}
          layout="vertical"
          data-testid="vehicle-edit-form"
          initialValues={initialValues(vehicle)}
          onFinish={submit}
          requiredMark={false}
        >
          {node}
        </Form>
      )}
    >
      {holder}
      <Row gutter={16}>
        <Col span={10}>
          <Form.Item
            name="plate"
            label={t('field.plate')}
            rules={unplated ? [] : plateRules}
            dependencies={['unplated']}
          >
            <Input autoFocus disabled={unplated} maxLength={12} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item name="plateColor" label={t('field.plateColor')}>
            <Select options={PLATE_COLORS.map((c) => ({ value: c, label: pick(PLATE_COLOR_LABEL[c]) }))} />
          </Form.Item>
        </Col>
        <Col span={7}>
          <Form.Item name="unplated" valuePropName="checked" label=" ">
            <Checkbox>{t('field.unplated')}</Checkbox>
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="vin" label={t('field.vin')} rules={vinRules} extra={t('edit.vinUppercase')}>
            <Input maxLength={30} autoComplete="off" style={{ fontFamily: 'monospace', textTransform: 'uppercase' }} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="engineNo" label={t('field.engineNo')}>
            <Input maxLength={50} autoComplete="off" />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="brandModel" label={t('field.brandModel')}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="vehicleType" label={t('field.vehicleType')}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="registrationDate" label={t('field.registrationDate')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="lastMileageKm" label={t('field.lastMileage')}>
            <InputNumber<number>
              min={0}
              max={99_999_999}
              precision={0}
              suffix={t('edit.mileageKm')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="ownerId" label={t('field.owner')}>
            <CustomerPicker initial={vehicle.owner} placeholder={t('edit.ownerSearch')} testId="vehicle-owner-picker" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="note" label={t('field.note')} style={{ marginBottom: 8 }}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 3 }} />
          </Form.Item>
        </Col>
      </Row>
      <ErrorAlert error={error} issues={rest} />
    </Modal>
  );
}

/**
 * An unknown vehicle, registered inline with its owner (vehicles.create with `owner`). Plate and VIN
 * are checked as they are typed (shared/domain plate.ts, vin.ts) and again by the core, whose answer
 * lands next to the field. A VIN whose check digit does not add up is a warning the clerk confirms
 * after comparing with the 行驶证 (`vin_check_digit`); "暂无牌照" replaces the plate for new cars.
 * Enter goes plate → VIN → model → owner name → phone → 登记; colour, 暂无牌照 and owner type (which
 * have sensible defaults) are reached with Tab.
 */
import { Alert, Button, Checkbox, Col, Form, Input, Radio, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/errors.js';
import {
  CUSTOMER_KIND_LABEL,
  CUSTOMER_KINDS,
  type CustomerKind,
  PLATE_COLOR_LABEL,
  PLATE_COLORS,
  type PlateColor,
} from '../../../shared/domain/enums.js';
import type { Issue } from '../../../shared/domain/issue.js';
import { checkPlate, defaultPlateColor, normalisePlate } from '../../../shared/domain/plate.js';
import { checkVin, normaliseVin } from '../../../shared/domain/vin.js';
import { call } from '../../api/client.js';
import { useMutate } from '../../api/query.js';
import { DeclinedWarnings, useConfirmWarnings } from '../../components/confirmWarnings.js';
import { enterMovesOn } from '../../components/enterMovesOn.js';
import { applyApiError, ErrorAlert } from '../../components/errors.js';
import { pick } from '../../i18n/index.js';
import type { FoundVehicle, NewVehicleDraft } from './VehicleLookup.js';

interface Values {
  plate?: string;
  unplated: boolean;
  plateColor?: PlateColor;
  vin?: string;
  brandModel?: string;
  owner: { kind: CustomerKind; name: string; phone?: string };
}

const FIELDS = ['plate', 'unplated', 'plateColor', 'vin', 'brandModel', 'owner', 'ownerId'];

/** Instant feedback from the shared rules; the core checks again on save. */
const plateRule = (unplated: boolean) => ({
  validator(_: unknown, v: string | undefined) {
    if (unplated || !v?.trim()) return Promise.resolve();
    const errors = checkPlate(v).issues.filter((i) => i.severity === 'error');
    return errors.length ? Promise.reject(new Error(pick(errors[0]!.message))) : Promise.resolve();
  },
});
const vinErrorRule = {
  validator(_: unknown, v: string | undefined) {
    if (!v?.trim()) return Promise.resolve();
    const errors = checkVin(v).issues.filter((i) => i.severity === 'error');
    return errors.length ? Promise.reject(new Error(errors.map((i) => pick(i.message)).join(' '))) : Promise.resolve();
  },
};
const vinWarningRule = {
  warningOnly: true,
  validator(_: unknown, v: string | undefined) {
    if (!v?.trim()) return Promise.resolve();
    const w = checkVin(v).issues.find((i) => i.code === 'vin_check_digit');
    return w ? Promise.reject(new Error(pick(w.message))) : Promise.resolve();
  },
};

const colorFor = (plate: string | undefined): PlateColor | undefined => {
  const kind = plate ? checkPlate(plate).kind : undefined;
  return kind ? defaultPlateColor(kind) : undefined;
};

export function NewVehicleForm({
  draft,
  onCreated,
  onCancel,
}: {
  draft: NewVehicleDraft;
  onCreated: (v: FoundVehicle) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('reception');
  const [form] = Form.useForm<Values>();
  const create = useMutate('vehicles.create');
  const withConfirm = useConfirmWarnings();
  const [rest, setRest] = useState<Issue[] | undefined>();
  const [existing, setExisting] = useState<FoundVehicle | null>(null);
  const unplated = Form.useWatch('unplated', form) ?? false;

  const submit = async (v: Values) => {
    setExisting(null);
    try {
      const created = await withConfirm((confirm) =>
        create.mutateAsync({
          plate: v.unplated ? undefined : v.plate?.trim() || undefined,
          unplated: v.unplated || undefined,
          plateColor: v.plateColor,
          vin: v.vin?.trim() || undefined,
          brandModel: v.brandModel?.trim() || undefined,
          owner: {
            kind: v.owner.kind,
            name: v.owner.name.trim(),
            phone: v.owner.phone?.trim() || undefined,
          },
          confirm,
        }),
      );
      onCreated(created);
    } catch (e) {
      if (e instanceof DeclinedWarnings) return;
      const err = e as ApiError;
      setRest(applyApiError(form, err, FIELDS));
      // The VIN is already on file: offer that vehicle rather than a second record of it.
      if (err.code === 'duplicate' && v.vin) {
        const vin = normaliseVin(v.vin);
        const r = await call('vehicles.search', { q: vin, limit: 5 }).catch(() => null);
        setExisting(r?.items.find((x) => x.vin === vin) ?? null);
      }
    }
  };

  // Normalised on blur, never while typing: rewriting the value mid-composition breaks the pinyin IME.
  const onPlateBlur = (raw: string) => {
    const plate = raw ? normalisePlate(raw) : raw;
    form.setFieldValue('plate', plate);
    const color = colorFor(plate);
    if (color && !form.isFieldTouched('plateColor')) form.setFieldValue('plateColor', color);
    void form.validateFields(['plate']).catch(() => undefined);
  };
  const onVinBlur = (raw: string) => {
    form.setFieldValue('vin', raw ? normaliseVin(raw) : raw);
    void form.validateFields(['vin']).catch(() => undefined);
  };

  const shownError =
    create.error && (create.error.fields.length === 0 || (rest?.length ?? 0) > 0) ? create.error : null;

  return (
    <div onKeyDownCapture={enterMovesOn} data-testid="reception-vehicle-form">
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('newVehicle.intro')} />
      <Form
        form={form}
        scrollToFirstError={{ focus: true }}
        layout="vertical"
        requiredMark
        initialValues={{
          plate: draft.plate,
          vin: draft.vin,
          unplated: false,
          plateColor: colorFor(draft.plate),
          owner: { kind: 'person' },
        }}
        onFinish={submit}
      >
        <Row gutter={8}>
          <Col span={10}>
            <Form.Item
              name="plate"
              label={t('vehicle.plate')}
              dependencies={['unplated']}
              rules={[plateRule(unplated)]}
              validateTrigger={[]}
            >
              <Input
                maxLength={12}
                disabled={unplated}
                autoFocus={!draft.plate}
                placeholder={t('newVehicle.platePlaceholder')}
                style={{ textTransform: 'uppercase' }}
                onBlur={(e) => onPlateBlur(e.target.value)}
                data-testid="vehicle-plate"
              />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="plateColor" label={t('vehicle.plateColor')}>
              <Select
                allowClear
                disabled={unplated}
                options={PLATE_COLORS.map((c) => ({ value: c, label: pick(PLATE_COLOR_LABEL[c]) }))}
                data-testid="vehicle-plate-color"
                data-enter-skip
              />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="unplated" valuePropName="checked" label=" " colon={false}>
              <Checkbox
                data-testid="vehicle-unplated"
                data-enter-skip
                title={t('vehicle.unplatedCheck')}
                onChange={(e) => e.target.checked && form.setFieldsValue({ plate: undefined, plateColor: undefined })}
              >
                {t('vehicle.unplated')}
              </Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="vin"
          label={t('vehicle.vin')}
          rules={[{ required: unplated, message: t('newVehicle.vinRequiredUnplated') }, vinErrorRule, vinWarningRule]}
          extra={t('newVehicle.vinHint')}
          validateTrigger={[]}
        >
          <Input
            maxLength={20}
            autoFocus={!!draft.plate}
            style={{ fontFamily: 'monospace', letterSpacing: 1, textTransform: 'uppercase' }}
            onBlur={(e) => onVinBlur(e.target.value)}
            data-testid="vehicle-vin"
          />
        </Form.Item>
        <Row gutter={8}>
          <Col span={14}>
            <Form.Item name="brandModel" label={t('vehicle.brandModel')}>
              <Input
                maxLength={100}
                placeholder={t('newVehicle.brandModelPlaceholder')}
                data-testid="vehicle-brand-model"
              />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name={['owner', 'kind']} label={t('newVehicle.ownerKind')}>
              <Radio.Group
                options={CUSTOMER_KINDS.map((k) => ({ value: k, label: pick(CUSTOMER_KIND_LABEL[k]) }))}
                data-testid="owner-kind"
                data-enter-skip
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={8}>
          <Col span={12}>
            <Form.Item
              name={['owner', 'name']}
              label={t('newVehicle.ownerName')}
              rules={[{ required: true, whitespace: true, message: t('newVehicle.ownerNameRequired') }]}
            >
              <Input maxLength={100} data-testid="owner-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name={['owner', 'phone']} label={t('newVehicle.ownerPhone')}>
              <Input maxLength={30} inputMode="tel" data-testid="owner-phone" />
            </Form.Item>
          </Col>
        </Row>
        {existing ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('newVehicle.vinExists', { plate: existing.plate ?? t('vehicle.unplated') })}
            action={
              <Button
                size="small"
                type="primary"
                onClick={() => onCreated(existing)}
                data-testid="vehicle-use-existing"
              >
                {t('newVehicle.useExisting')}
              </Button>
            }
          />
        ) : null}
        <ErrorAlert error={shownError} issues={rest} />
        <Row gutter={8} style={{ marginTop: 8 }}>
          <Col>
            <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="vehicle-submit">
              {t('newVehicle.submit')}
            </Button>
          </Col>
          <Col>
            <Button onClick={onCancel}>{t('common:action.cancel')}</Button>
          </Col>
        </Row>
      </Form>
    </div>
  );
}

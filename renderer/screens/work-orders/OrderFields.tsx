/**
 * The order's own fields (送修人/电话, 送修里程, 故障描述, 维修类别, 约定交车, 技师, 备注), shared by
 * reception (workOrders.create) and the detail's edit dialog (workOrders.update). Form names are the
 * API's field names, so the core's issues land next to the right input.
 */
import { Col, DatePicker, Form, Input, InputNumber, Row, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { REPAIR_CATEGORIES, REPAIR_CATEGORY_LABEL, type RepairCategory } from '../../../shared/domain/enums.js';
import { needsCompletionInspection } from '../../../shared/domain/warranty.js';
import { km } from '../../components/format.js';
import { pick } from '../../i18n/index.js';
import { useTechnicianOptions } from './useTechnicians.js';

export interface OrderFieldValues {
  senderName?: string;
  senderPhone?: string;
  mileageInKm?: number | null;
  faultDescription?: string;
  repairCategory: RepairCategory;
  promisedAt?: Dayjs | null;
  technicianIds?: string[];
  notes?: string;
}

/** Top-level names, for applyApiError. */
export const ORDER_FIELDS = [
  'senderName',
  'senderPhone',
  'mileageInKm',
  'faultDescription',
  'repairCategory',
  'promisedAt',
  'technicianIds',
  'notes',
  'repairDate',
  'customerId',
] as const;

export const categoryOptions = () =>
  REPAIR_CATEGORIES.map((c) => ({ value: c, label: pick(REPAIR_CATEGORY_LABEL[c]) }));

export function OrderFields({
  lastMileageKm,
  withNotes,
  autoFocus,
}: {
  /** The vehicle's last known mileage, shown as a hint under 送修里程. */
  lastMileageKm?: number | null | undefined;
  withNotes?: boolean;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation('workOrders');
  const technicians = useTechnicianOptions();
  const category = Form.useWatch<RepairCategory | undefined>('repairCategory');
  return (
    <Row gutter={12}>
      <Col span={12}>
        <Form.Item name="senderName" label={t('fields.sender')}>
          <Input maxLength={50} autoFocus={autoFocus} data-testid="order-sender-name" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="senderPhone" label={t('fields.senderPhone')}>
          <Input maxLength={30} inputMode="tel" data-testid="order-sender-phone" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          name="mileageInKm"
          label={t('fields.mileageIn')}
          extra={lastMileageKm != null ? t('hints.lastMileage', { km: km(lastMileageKm) }) : undefined}
        >
          <InputNumber
            min={0}
            max={99_999_999}
            precision={0}
            style={{ width: '100%' }}
            suffix={t('common:units.km')}
            data-testid="order-mileage"
          />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          name="repairCategory"
          label={t('fields.category')}
          rules={[{ required: true, message: t('errors.categoryRequired') }]}
          extra={category && needsCompletionInspection(category) ? t('hints.needsInspection') : undefined}
        >
          <Select options={categoryOptions()} data-testid="order-category" />
        </Form.Item>
      </Col>
      <Col span={24}>
        <Form.Item name="faultDescription" label={t('fields.fault')} extra={t('hints.fault')}>
          <Input.TextArea maxLength={200} showCount autoSize={{ minRows: 2, maxRows: 4 }} data-testid="order-fault" />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="promisedAt" label={t('fields.promisedAt')}>
          <DatePicker
            showTime={{ format: 'HH:mm', minuteStep: 5 }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            data-testid="order-promised"
          />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item name="technicianIds" label={t('fields.technicians')}>
          <Select
            mode="multiple"
            options={technicians}
            optionFilterProp="label"
            maxTagCount="responsive"
            notFoundContent={t('hints.noTechnicians')}
            data-testid="order-technicians"
          />
        </Form.Item>
      </Col>
      {withNotes ? (
        <Col span={24}>
          <Form.Item name="notes" label={t('fields.notes')}>
            <Input.TextArea maxLength={1000} autoSize={{ minRows: 1, maxRows: 4 }} data-testid="order-notes" />
          </Form.Item>
        </Col>
      ) : null}
    </Row>
  );
}

/**
 * Form values → the API's fields (dates to epoch ms). On create blanks are left out; on update they
 * are sent as '' so a field can be cleared.
 */
export const orderFieldsInput = (v: OrderFieldValues, mode: 'create' | 'update') => {
  const text = (s: string | undefined) => (mode === 'update' ? (s ?? '').trim() : s?.trim() || undefined);
  return {
    senderName: text(v.senderName),
    senderPhone: text(v.senderPhone),
    mileageInKm: v.mileageInKm ?? undefined,
    faultDescription: text(v.faultDescription),
    repairCategory: v.repairCategory,
    promisedAt: v.promisedAt ? v.promisedAt.valueOf() : undefined,
    technicianIds: v.technicianIds ?? [],
    ...(mode === 'update' && v.notes !== undefined ? { notes: v.notes.trim() } : {}),
  };
};

/**
 * Edit a customer's contact details (customers.update). The core rechecks the credit code (GB 32100)
 * and recomputes the pinyin initials from the name; its errors land next to the field.
 */
import { App, Form, Input, Modal, Radio } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_KIND_LABEL, CUSTOMER_KINDS } from '../../../shared/domain/enums.js';
import type { Issue } from '../../../shared/domain/issue.js';
import { type ApiError, call } from '../../api/client.js';
import { applyApiError, ErrorAlert } from '../../components/errors.js';
import { pick } from '../../i18n/index.js';
import type { CustomerT } from './CustomerPicker.js';

type Values = Pick<CustomerT, 'kind' | 'name' | 'phone' | 'creditCode' | 'address' | 'note'>;
const FIELDS = ['kind', 'name', 'phone', 'creditCode', 'address', 'note'] as const;

export function CustomerEditModal({ customer, onClose }: { customer: CustomerT; onClose: () => void }) {
  const { t } = useTranslation('customers');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<ApiError | null>(null);
  const [rest, setRest] = useState<Issue[]>([]);
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form);

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      await call('customers.update', {
        id: customer.id,
        kind: v.kind,
        name: v.name.trim(),
        phone: v.phone?.trim() ?? '',
        creditCode: v.kind === 'company' ? (v.creditCode?.trim() ?? '') : '',
        address: v.address?.trim() ?? '',
        note: v.note?.trim() ?? '',
      });
      message.success(t('edit.saved'));
      onClose();
    } catch (e) {
      const err = e as ApiError;
      setError(err);
      setRest(applyApiError(form, err, FIELDS));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('edit.title')}
      width={600}
      onCancel={onClose}
      okText={t('common:action.save')}
      cancelText={t('common:action.cancel')}
      okButtonProps={{ htmlType: 'submit', loading: saving, 'data-testid': 'customer-edit-save' }}
      destroyOnHidden
      modalRender={(node) => (
        <Form
          form={form}
          layout="vertical"
          data-testid="customer-edit-form"
          initialValues={customer}
          onFinish={submit}
          requiredMark={false}
        >
          {node}
        </Form>
      )}
    >
      <Form.Item name="kind" label={t('field.kind')}>
        <Radio.Group
          options={CUSTOMER_KINDS.map((k) => ({ value: k, label: pick(CUSTOMER_KIND_LABEL[k]) }))}
          optionType="button"
        />
      </Form.Item>
      <Form.Item name="name" label={t('field.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
        <Input autoFocus maxLength={100} />
      </Form.Item>
      <Form.Item name="phone" label={t('field.phone')}>
        <Input maxLength={30} inputMode="tel" autoComplete="off" />
      </Form.Item>
      {kind === 'company' ? (
        <Form.Item name="creditCode" label={t('field.creditCode')} extra={t('edit.creditCodeHint')}>
          <Input maxLength={18} autoComplete="off" style={{ fontFamily: 'monospace', textTransform: 'uppercase' }} />
        </Form.Item>
      ) : null}
      <Form.Item name="address" label={t('field.address')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="note" label={t('field.note')}>
        <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 3 }} />
      </Form.Item>
      <ErrorAlert error={error} issues={rest} />
    </Modal>
  );
}

/**
 * The supplier of a purchase: chosen from the list (searchable by name), or added on the spot — a
 * new supplier arrives with the goods more often than anyone sets one up in advance.
 */
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/errors.js';
import type { Issue } from '../../../shared/domain/issue.js';
import { useCall, useMutate } from '../../api/query.js';
import { applyApiError, ErrorAlert } from '../../components/errors.js';

export function SupplierField({
  value,
  onChange,
  id,
}: {
  value?: string | null;
  onChange?: (id: string | undefined) => void;
  id?: string;
}) {
  const { t } = useTranslation('parts');
  const [adding, setAdding] = useState(false);
  const list = useCall('suppliers.list', {});
  return (
    <>
      <Space.Compact style={{ width: '100%' }}>
        <Select
          id={id}
          allowClear
          value={value ?? null}
          onChange={(v: string | null) => onChange?.(v ?? undefined)}
          placeholder={t('receive.supplierPlaceholder')}
          loading={list.isLoading}
          showSearch={{ optionFilterProp: 'label' }}
          options={(list.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          data-testid="receive-supplier"
        />
        <Button
          icon={<PlusOutlined />}
          onClick={() => setAdding(true)}
          title={t('receive.newSupplier')}
          aria-label={t('receive.newSupplier')}
          data-testid="supplier-new"
        />
      </Space.Compact>
      <NewSupplier
        open={adding}
        onClose={() => setAdding(false)}
        onCreated={(sid) => {
          setAdding(false);
          onChange?.(sid);
        }}
      />
    </>
  );
}

interface SupplierValues {
  name: string;
  contactName?: string;
  phone?: string;
  address?: string;
}

function NewSupplier({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation('parts');
  const { message } = App.useApp();
  const [form] = Form.useForm<SupplierValues>();
  const [error, setError] = useState<{ err: ApiError; rest: Issue[] } | null>(null);
  const create = useMutate('suppliers.create');
  const submit = async (v: SupplierValues) => {
    setError(null);
    try {
      const s = await create.mutateAsync(v);
      message.success(t('common:status.saved'));
      form.resetFields();
      onCreated(s.id);
    } catch (e) {
      const err = e as ApiError;
      setError({ err, rest: applyApiError(form, err, ['name', 'contactName', 'phone', 'address']) });
    }
  };
  return (
    <Modal open={open} title={t('receive.newSupplier')} onCancel={onClose} footer={null} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={submit} data-testid="supplier-form">
        <Form.Item
          name="name"
          label={t('receive.supplierName')}
          rules={[
            { required: true, whitespace: true, message: t('form.required', { field: t('receive.supplierName') }) },
          ]}
        >
          <Input autoFocus maxLength={100} data-testid="supplier-name" />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item name="contactName" label={t('receive.contactName')} style={{ flex: 1 }}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="phone" label={t('receive.phone')} style={{ flex: 1 }}>
            <Input maxLength={30} inputMode="tel" />
          </Form.Item>
        </Flex>
        <Form.Item name="address" label={t('receive.address')}>
          <Input maxLength={200} />
        </Form.Item>
        <ErrorAlert error={error?.err} issues={error?.rest} />
        <Flex justify="end" gap={8} style={{ marginTop: 12 }}>
          <Button onClick={onClose}>{t('common:action.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="supplier-submit">
            {t('common:action.save')}
          </Button>
        </Flex>
      </Form>
    </Modal>
  );
}

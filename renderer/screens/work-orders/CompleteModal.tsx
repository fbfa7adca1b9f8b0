/**
 * 完工: 出厂里程, and for 二级维护/总成修理/整车修理 the inspector and the 竣工出厂合格证 number
 * (required by the core for those categories, printed on the settlement sheet).
 */
import { Alert, type ButtonProps, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Issue } from '../../../shared/domain/issue.js';
import { needsCompletionInspection } from '../../../shared/domain/warranty.js';
import { useMutate } from '../../api/query.js';
import { useOrderDialogOpen } from '../../app/update/orderEdits.js';
import { DeclinedWarnings, useConfirmWarnings } from '../../components/confirmWarnings.js';
import { enterMovesOn, enterSubmits } from '../../components/enterMovesOn.js';
import { applyApiError, ErrorAlert } from '../../components/errors.js';
import { km } from '../../components/format.js';
import { leftOver } from './leftOver.js';
import type { OrderDetail } from './types.js';

interface Values {
  mileageOutKm: number;
  inspector?: string;
  certificateNo?: string;
}

export function CompleteModal({ detail, onClose }: { detail: OrderDetail; onClose: () => void }) {
  const { t } = useTranslation('workOrders');
  const [form] = Form.useForm<Values>();
  useOrderDialogOpen();
  const complete = useMutate('workOrders.complete');
  const withConfirm = useConfirmWarnings();
  const [rest, setRest] = useState<Issue[] | undefined>();
  const { order } = detail;
  const inspection = needsCompletionInspection(order.repairCategory);

  const submit = async (v: Values) => {
    try {
      await withConfirm((confirm) =>
        complete.mutateAsync({
          id: order.id,
          mileageOutKm: v.mileageOutKm,
          inspector: v.inspector?.trim() || undefined,
          certificateNo: v.certificateNo?.trim() || undefined,
          confirm,
        }),
      );
      onClose();
    } catch (e) {
      if (e instanceof DeclinedWarnings) return;
      setRest(applyApiError(form, e as never, ['mileageOutKm', 'inspector', 'certificateNo']));
    }
  };

  return (
    <Modal
      open
      title={t('complete.title', { number: order.number })}
      okText={t('complete.ok')}
      cancelText={t('common:action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={complete.isPending}
      okButtonProps={{ 'data-testid': 'complete-submit' } as ButtonProps}
      destroyOnHidden
    >
      <div onKeyDownCapture={inspection ? enterMovesOn : enterSubmits} data-testid="complete-modal">
        <Form
          form={form}
          scrollToFirstError={{ focus: true }}
          layout="vertical"
          initialValues={{ mileageOutKm: order.mileageInKm ?? undefined }}
          onFinish={submit}
        >
          <Form.Item
            name="mileageOutKm"
            label={t('fields.mileageOut')}
            rules={[{ required: true, message: t('errors.mileageOutRequired') }]}
            extra={order.mileageInKm != null ? t('hints.mileageIn', { km: km(order.mileageInKm) }) : undefined}
          >
            <InputNumber
              min={0}
              max={99_999_999}
              precision={0}
              style={{ width: '100%' }}
              suffix={t('common:units.km')}
              autoFocus
              // Prefilled with the mileage in: typing replaces it instead of appending digits to it.
              onFocus={(e) => e.target.select()}
              data-testid="complete-mileage"
            />
          </Form.Item>
          {inspection ? (
            <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('complete.inspectionNeeded')} />
          ) : null}
          <Form.Item
            name="inspector"
            label={t('fields.inspector')}
            rules={inspection ? [{ required: true, whitespace: true, message: t('errors.inspectorRequired') }] : []}
          >
            <Input maxLength={30} data-testid="complete-inspector" />
          </Form.Item>
          <Form.Item
            name="certificateNo"
            label={t('fields.certificateNo')}
            rules={inspection ? [{ required: true, whitespace: true, message: t('errors.certificateRequired') }] : []}
          >
            <Input maxLength={50} data-testid="complete-certificate" />
          </Form.Item>
          <ErrorAlert error={leftOver(complete.error, rest)} issues={rest} />
        </Form>
      </div>
    </Modal>
  );
}

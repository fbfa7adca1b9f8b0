/**
 * Edit an open order's own fields (workOrders.update with the `version` the clerk saw: if someone
 * changed the order meanwhile, the core refuses and the clerk reloads instead of overwriting).
 */
import { type ButtonProps, Form, Modal } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Issue } from '../../../shared/domain/issue.js';
import { useMutate } from '../../api/query.js';
import { useOrderDialogOpen } from '../../app/update/orderEdits.js';
import { DeclinedWarnings, useConfirmWarnings } from '../../components/confirmWarnings.js';
import { enterSubmits } from '../../components/enterMovesOn.js';
import { applyApiError, ErrorAlert } from '../../components/errors.js';
import { leftOver } from './leftOver.js';
import { ORDER_FIELDS, OrderFields, type OrderFieldValues, orderFieldsInput } from './OrderFields.js';
import type { OrderDetail } from './types.js';

export function EditOrderModal({ detail, onClose }: { detail: OrderDetail; onClose: () => void }) {
  const { t } = useTranslation('workOrders');
  const [form] = Form.useForm<OrderFieldValues>();
  useOrderDialogOpen();
  const update = useMutate('workOrders.update');
  const withConfirm = useConfirmWarnings();
  const [rest, setRest] = useState<Issue[] | undefined>();
  const { order } = detail;

  const submit = async (v: OrderFieldValues) => {
    try {
      await withConfirm((confirm) =>
        update.mutateAsync({ id: order.id, version: order.version, ...orderFieldsInput(v, 'update'), confirm }),
      );
      onClose();
    } catch (e) {
      if (e instanceof DeclinedWarnings) return;
      setRest(applyApiError(form, e as never, ORDER_FIELDS));
    }
  };

  return (
    <Modal
      open
      width={680}
      title={t('edit.title', { number: order.number })}
      okText={t('common:action.save')}
      cancelText={t('common:action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={update.isPending}
      okButtonProps={{ 'data-testid': 'edit-order-submit' } as ButtonProps}
      destroyOnHidden
    >
      <div onKeyDownCapture={enterSubmits} data-testid="edit-order-form">
        <Form
          form={form}
          scrollToFirstError={{ focus: true }}
          layout="vertical"
          onFinish={submit}
          initialValues={{
            senderName: order.senderName,
            senderPhone: order.senderPhone,
            mileageInKm: order.mileageInKm,
            faultDescription: order.faultDescription,
            repairCategory: order.repairCategory,
            promisedAt: order.promisedAt ? dayjs(order.promisedAt) : null,
            technicianIds: detail.technicians.map((u) => u.id),
            notes: order.notes,
          }}
        >
          <OrderFields lastMileageKm={detail.vehicle.lastMileageKm} withNotes autoFocus />
          <ErrorAlert error={leftOver(update.error, rest)} issues={rest} />
        </Form>
      </div>
    </Modal>
  );
}

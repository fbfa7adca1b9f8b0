/**
 * 接车信息 for the chosen vehicle → workOrders.create. 送修人/电话 start as a private owner's; a mileage
 * below the vehicle's last known one is a warning the clerk confirms (`mileage_rollback`).
 */
import { Button, Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Issue } from '../../../shared/domain/issue.js';
import { useMutate } from '../../api/query.js';
import { useOrderFormEdits } from '../../app/update/orderEdits.js';
import { DeclinedWarnings, useConfirmWarnings } from '../../components/confirmWarnings.js';
import { enterMovesOn } from '../../components/enterMovesOn.js';
import { applyApiError, ErrorAlert } from '../../components/errors.js';
import { leftOver } from '../work-orders/leftOver.js';
import { ORDER_FIELDS, OrderFields, type OrderFieldValues, orderFieldsInput } from '../work-orders/OrderFields.js';
import type { FoundVehicle } from './VehicleLookup.js';

export function ReceptionOrderForm({
  vehicle,
  onCreated,
}: {
  vehicle: FoundVehicle;
  onCreated: (workOrderId: string) => void;
}) {
  const { t } = useTranslation('reception');
  const [form] = Form.useForm<OrderFieldValues>();
  const create = useMutate('workOrders.create');
  const withConfirm = useConfirmWarnings();
  const [rest, setRest] = useState<Issue[] | undefined>();
  const edits = useOrderFormEdits();

  const submit = async (v: OrderFieldValues) => {
    try {
      const detail = await withConfirm((confirm) =>
        create.mutateAsync({ vehicleId: vehicle.id, ...orderFieldsInput(v, 'create'), confirm }),
      );
      edits.saved();
      onCreated(detail.order.id);
    } catch (e) {
      if (e instanceof DeclinedWarnings) return;
      setRest(applyApiError(form, e as never, ORDER_FIELDS));
    }
  };

  return (
    <div onKeyDownCapture={enterMovesOn} data-testid="reception-order-form">
      <Form
        form={form}
        scrollToFirstError={{ focus: true }}
        layout="vertical"
        onFinish={submit}
        onValuesChange={edits.changed}
        initialValues={{
          // A private owner usually brings the car in; a company's driver is someone else.
          senderName: vehicle.owner?.kind === 'person' ? vehicle.owner.name : '',
          senderPhone: vehicle.owner?.kind === 'person' ? vehicle.owner.phone : '',
          repairCategory: 'minor_repair',
          technicianIds: [],
        }}
      >
        <OrderFields lastMileageKm={vehicle.lastMileageKm} autoFocus />
        <ErrorAlert error={leftOver(create.error, rest)} issues={rest} />
        <Button type="primary" htmlType="submit" size="large" loading={create.isPending} data-testid="order-submit">
          {t('order.submit')}
        </Button>
      </Form>
    </div>
  );
}

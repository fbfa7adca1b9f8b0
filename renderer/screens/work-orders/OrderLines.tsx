/** Lines and totals of an order, with the add-forms while it is open. Shared by reception and the detail. */
import { Card, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { isEditable } from '../../../shared/domain/work-order-status.js';
import { AddLabourForm } from './AddLabourForm.js';
import { AddPartForm } from './AddPartForm.js';
import { LabourTable, PartsTable } from './LineTables.js';
import { Totals } from './Totals.js';
import type { OrderDetail } from './types.js';

export function OrderLines({ detail, autoFocusLabour }: { detail: OrderDetail; autoFocusLabour?: boolean }) {
  const { t } = useTranslation('workOrders');
  const editable = isEditable(detail.order.status);
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Card size="small" title={t('lines.labour')}>
        <LabourTable detail={detail} editable={editable} />
        {editable ? <AddLabourForm workOrderId={detail.order.id} autoFocus={autoFocusLabour} /> : null}
      </Card>
      <Card size="small" title={t('lines.parts')}>
        <PartsTable detail={detail} editable={editable} />
        {editable ? <AddPartForm workOrderId={detail.order.id} /> : null}
      </Card>
      <Card size="small">
        <Totals order={detail.order} />
      </Card>
    </Space>
  );
}

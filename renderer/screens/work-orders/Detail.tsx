/**
 * 工单详情 (/work-orders/:id): header, labour and part lines (editable until settlement), totals,
 * actions by status, and for a settled order its archive upload status. Ctrl+Enter opens 结算 when
 * the order is completed (front-desk.md: shortcuts for settle).
 */
import { Alert, Empty, Flex, Skeleton, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useCall } from '../../api/query.js';
import { ErrorAlert } from '../../components/errors.js';
import { OrderStatusTag } from '../../components/labels.js';
import { Page } from '../../components/Page.js';
import { ArchivePanel } from './ArchivePanel.js';
import { CompleteModal } from './CompleteModal.js';
import { DetailHeader } from './DetailHeader.js';
import { EditOrderModal } from './EditOrderModal.js';
import { type Dialog, OrderActions } from './OrderActions.js';
import { OrderLines } from './OrderLines.js';
import { ReasonModal } from './ReasonModal.js';
import { SettleModal } from './SettleModal.js';

export function WorkOrderDetail() {
  const { t } = useTranslation('workOrders');
  const { id = '' } = useParams();
  const { data: detail, error, isLoading } = useCall('workOrders.get', { id });
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const status = detail?.order.status;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter' && status === 'completed' && !dialog) {
        e.preventDefault();
        setDialog('settle');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [status, dialog]);

  if (isLoading) return <Skeleton active />;
  if (error || !detail)
    return <Page title={t('detail.notFound')}>{error ? <ErrorAlert error={error} /> : <Empty />}</Page>;

  const { order } = detail;
  const close = () => setDialog(null);
  return (
    <Page
      title={
        <Flex align="center" gap={8} data-testid="wo-detail">
          <span>{t('detail.title', { number: order.number })}</span>
          <span data-testid="wo-status">
            <OrderStatusTag status={order.status} />
          </span>
        </Flex>
      }
      extra={<OrderActions detail={detail} open={setDialog} />}
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {order.status === 'completed' ? <Alert type="info" showIcon title={t('detail.readyToSettle')} /> : null}
        {order.status === 'settled' ? <Alert type="success" showIcon title={t('detail.readOnly')} /> : null}
        {order.status === 'reversed' ? <Alert type="error" showIcon title={t('detail.reversed')} /> : null}
        {order.status === 'voided' ? <Alert type="warning" showIcon title={t('detail.voided')} /> : null}
        <DetailHeader detail={detail} />
        <OrderLines detail={detail} />
        {order.status === 'settled' || order.status === 'reversed' ? <ArchivePanel detail={detail} /> : null}
      </Space>
      {dialog === 'complete' ? <CompleteModal detail={detail} onClose={close} /> : null}
      {dialog === 'settle' ? (
        <SettleModal detail={detail} onClose={close} onEditOrder={() => setDialog('edit')} />
      ) : null}
      {dialog === 'void' || dialog === 'reverse' ? <ReasonModal kind={dialog} detail={detail} onClose={close} /> : null}
      {dialog === 'edit' ? <EditOrderModal detail={detail} onClose={close} /> : null}
    </Page>
  );
}

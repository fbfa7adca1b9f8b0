/**
 * After 开单: the new order's number and vehicle, its labour and part lines to fill in (focus lands
 * on the first labour item), and the reception sheet / estimate to print.
 */
import { FileTextOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Skeleton, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { REPAIR_CATEGORY_LABEL } from '../../../shared/domain/enums.js';
import { useCall } from '../../api/query.js';
import { ErrorAlert } from '../../components/errors.js';
import { OrderStatusTag } from '../../components/labels.js';
import { pick } from '../../i18n/index.js';
import { OrderLines } from '../work-orders/OrderLines.js';

export function CreatedOrder({ id, onNew }: { id: string; onNew: () => void }) {
  const { t } = useTranslation('reception');
  const navigate = useNavigate();
  const { data: detail, error, isLoading } = useCall('workOrders.get', { id });
  if (isLoading) return <Skeleton active />;
  if (error || !detail) return <ErrorAlert error={error} />;
  const { order, vehicle, customer } = detail;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }} data-testid="reception-created">
      <Alert
        type="success"
        showIcon
        title={
          <Flex gap={8} align="center" wrap>
            <span>
              {t('created.title', {
                number: order.number,
                plate: vehicle.plate ?? t('vehicle.unplated'),
                customer: customer.name,
                category: pick(REPAIR_CATEGORY_LABEL[order.repairCategory]),
              })}
            </span>
            <OrderStatusTag status={order.status} />
          </Flex>
        }
        description={t('created.next')}
        action={
          <Space>
            <Button
              type="primary"
              icon={<PrinterOutlined />}
              onClick={() => navigate(`/print/reception/${order.id}`)}
              data-testid="reception-print"
            >
              {t('created.print')}
            </Button>
            <Button
              icon={<FileTextOutlined />}
              onClick={() => navigate(`/work-orders/${order.id}`)}
              data-testid="reception-open-order"
            >
              {t('created.open')}
            </Button>
            <Button icon={<PlusOutlined />} onClick={onNew} data-testid="reception-new">
              {t('created.another')}
            </Button>
          </Space>
        }
      />
      <OrderLines detail={detail} autoFocusLabour />
    </Space>
  );
}

/** 工时费 + 材料费 + 其他费用 − 优惠 = 合计, as the core computed them; 大写 once the amount is final. */
import { Descriptions } from 'antd';
import { useTranslation } from 'react-i18next';
import { fenToChineseCapital } from '../../../shared/domain/money.js';
import { yuan } from '../../components/format.js';
import type { Order } from './types.js';

export function Totals({ order }: { order: Order }) {
  const { t } = useTranslation('workOrders');
  const final = order.status === 'settled' || order.status === 'reversed';
  return (
    <div data-testid="wo-totals">
      <Descriptions
        size="small"
        column={final ? 6 : 5}
        items={[
          { key: 'labour', label: t('totals.labour'), children: yuan(order.labourTotalFen) },
          { key: 'parts', label: t('totals.parts'), children: yuan(order.partsTotalFen) },
          { key: 'other', label: t('totals.otherFee'), children: yuan(order.otherFeeFen) },
          { key: 'discount', label: t('totals.discount'), children: yuan(order.discountFen) },
          {
            key: 'total',
            label: t('totals.total'),
            children: (
              <strong style={{ fontSize: 16 }} data-testid="wo-total">
                {yuan(order.totalFen)}
              </strong>
            ),
          },
          ...(final
            ? [{ key: 'capital', label: t('totals.capital'), children: fenToChineseCapital(order.totalFen) }]
            : []),
        ]}
      />
    </div>
  );
}

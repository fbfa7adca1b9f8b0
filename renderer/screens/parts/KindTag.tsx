/** A stock movement's kind as a coloured tag, and its signed quantity (in green, out in red). */
import { Tag, Typography } from 'antd';
import { STOCK_MOVEMENT_KIND_LABEL, type StockMovementKind } from '../../../shared/domain/enums.js';
import { qty, yuan } from '../../components/format.js';
import { pick } from '../../i18n/index.js';

const COLOR: Record<StockMovementKind, string> = {
  receive: 'green',
  issue: 'blue',
  return: 'cyan',
  adjust: 'orange',
  stocktake: 'purple',
};

export const KindTag = ({ kind }: { kind: StockMovementKind }) => (
  <Tag color={COLOR[kind]}>{pick(STOCK_MOVEMENT_KIND_LABEL[kind])}</Tag>
);

export const SignedQty = ({ value }: { value: number }) => (
  <Typography.Text type={value < 0 ? 'danger' : 'success'}>{value > 0 ? `+${qty(value)}` : qty(value)}</Typography.Text>
);

/** Money with its sign in front (−¥320.00, not ¥-320.00), coloured like the quantity. */
export const SignedYuan = ({ value }: { value: number }) => (
  <Typography.Text type={value < 0 ? 'danger' : undefined}>
    {value < 0 ? `-${yuan(-value)}` : yuan(value)}
  </Typography.Text>
);

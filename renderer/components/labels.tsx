/** The domain's enums as coloured tags in the clerk's language (labels live in shared/domain/enums). */
import { Tag } from 'antd';
import {
  OUTBOX_STATE_LABEL,
  type OutboxState,
  WORK_ORDER_STATUS_LABEL,
  type WorkOrderStatus,
} from '../../shared/domain/enums.js';
import { pick } from '../i18n/index.js';

const ORDER_COLOR: Record<WorkOrderStatus, string> = {
  received: 'blue',
  in_progress: 'orange',
  completed: 'purple',
  settled: 'green',
  voided: 'default',
  reversed: 'red',
};

export const OrderStatusTag = ({ status }: { status: WorkOrderStatus }) => (
  <Tag color={ORDER_COLOR[status]}>{pick(WORK_ORDER_STATUS_LABEL[status])}</Tag>
);

const OUTBOX_COLOR: Record<OutboxState, string> = {
  pending: 'gold',
  sending: 'processing',
  accepted: 'green',
  rejected: 'red',
  held: 'volcano',
};

export const OutboxStateTag = ({ state }: { state: OutboxState }) => (
  <Tag color={OUTBOX_COLOR[state]}>{pick(OUTBOX_STATE_LABEL[state])}</Tag>
);

/**
 * The top row: how many orders wait at each open step, and today's takings. Counts come from the
 * list's `total` with limit 1, so nothing but the number crosses the wire.
 */
import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { WORK_ORDER_STATUS_LABEL, type WorkOrderStatus } from '../../../shared/domain/enums.js';
import { useCall } from '../../api/query.js';
import { yuan } from '../../components/format.js';
import { pick } from '../../i18n/index.js';

const OPEN: WorkOrderStatus[] = ['received', 'in_progress', 'completed'];
const COLOR: Record<string, string> = { received: '#1677ff', in_progress: '#fa8c16', completed: '#722ed1' };

function StatusCount({ status }: { status: WorkOrderStatus }) {
  const navigate = useNavigate();
  const { data, isLoading } = useCall('workOrders.list', { status, limit: 1 });
  const open = () => navigate(`/work-orders?status=${status}`);
  return (
    <Card
      size="small"
      hoverable
      tabIndex={0}
      role="link"
      data-testid={`dashboard-count-${status}`}
      onClick={open}
      onKeyDown={(e) => e.key === 'Enter' && open()}
    >
      <Statistic
        title={pick(WORK_ORDER_STATUS_LABEL[status])}
        value={data?.total ?? 0}
        loading={isLoading}
        styles={{ content: { color: COLOR[status] } }}
      />
    </Card>
  );
}

function TakingsCard({ today }: { today: string }) {
  const { t } = useTranslation('dashboard');
  // reports.takings counts what the reports screen counts: orders still 已结算, by their settle date.
  const { data, isLoading } = useCall('reports.takings', { from: today, to: today });
  const totals = data?.totals;
  return (
    <Card size="small" data-testid="dashboard-takings">
      <Statistic
        title={t('takings.title')}
        value={totals ? yuan(totals.totalFen) : '—'}
        loading={isLoading}
        suffix={
          totals ? (
            <span style={{ fontSize: 13, color: '#8c8c8c' }}>{t('takings.orders', { n: totals.orders })}</span>
          ) : null
        }
        styles={{ content: { color: '#389e0d' } }}
      />
    </Card>
  );
}

export function StatusCounts({ today }: { today: string }) {
  return (
    <Row gutter={[16, 16]}>
      {OPEN.map((s) => (
        <Col key={s} xs={12} md={6}>
          <StatusCount status={s} />
        </Col>
      ))}
      <Col xs={12} md={6}>
        <TakingsCard today={today} />
      </Col>
    </Row>
  );
}

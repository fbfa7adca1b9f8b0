/**
 * 一车一档: every visit of the vehicle, newest first (vehicles.history leaves out voided orders) —
 * date, mileage, fault, category, labour with hours, parts with codes and quantities, settlement
 * number, status and the shop that did the work.
 */
import { Card, Descriptions, Empty, Flex, Tag, Timeline, Typography } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MethodOutput } from '../../../shared/api/contract.js';
import { REPAIR_CATEGORY_LABEL, type WorkOrderStatus } from '../../../shared/domain/enums.js';
import { hours, km, qty, yuan } from '../../components/format.js';
import { OrderStatusTag } from '../../components/labels.js';
import { pick } from '../../i18n/index.js';

type Visit = MethodOutput<'vehicles.history'>['visits'][number];

const DOT: Record<WorkOrderStatus, string> = {
  received: 'blue',
  in_progress: 'orange',
  completed: 'purple',
  settled: 'green',
  voided: 'gray',
  reversed: 'red',
};

// Each line is a row: the item on the left, figures right-aligned in their own columns.
const LIST: CSSProperties = { listStyle: 'none', margin: '4px 0 0', padding: 0 };
const LINE: CSSProperties = {
  display: 'grid',
  gridTemplateColumns: 'minmax(0, 1fr) 72px 88px',
  gap: 12,
  padding: '2px 0',
  borderBottom: '1px dashed #f0f0f0',
};
const NUM: CSSProperties = { textAlign: 'right', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' };

function Lines({ visit }: { visit: Visit }) {
  const { t } = useTranslation('vehicles');
  return (
    <Flex gap={24} wrap style={{ marginTop: 8 }}>
      <div style={{ flex: '1 1 320px', minWidth: 0 }}>
        <Typography.Text type="secondary">{t('history.labour')}</Typography.Text>
        {visit.labour.length === 0 ? (
          <div style={{ color: '#999' }}>{t('history.noLabour')}</div>
        ) : (
          <ul style={LIST} data-testid="timeline-labour">
            {visit.labour.map((l, i) => (
              // Lines have no id in the history; their order within a visit is stable (by seq).
              // biome-ignore lint/suspicious/noArrayIndexKey: see above
              <li key={i} style={LINE}>
                <span>{l.item}</span>
                <span style={NUM}>{t('history.hoursShort', { h: hours(l.hoursTenths) })}</span>
                <span style={NUM}>{yuan(l.amountFen)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div style={{ flex: '1 1 320px', minWidth: 0 }}>
        <Typography.Text type="secondary">{t('history.parts')}</Typography.Text>
        {visit.parts.length === 0 ? (
          <div style={{ color: '#999' }}>{t('history.noParts')}</div>
        ) : (
          <ul style={LIST} data-testid="timeline-parts">
            {visit.parts.map((p, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: part lines have no id in the history
              <li key={i} style={LINE}>
                <span>
                  {p.name}
                  {p.code ? <Typography.Text type="secondary"> {p.code}</Typography.Text> : null}
                </span>
                <span style={NUM}>× {qty(p.quantity)}</span>
                <span style={NUM}>{yuan(p.amountFen)}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Flex>
  );
}

function VisitBody({ visit, shopName }: { visit: Visit; shopName: string }) {
  const { t } = useTranslation('vehicles');
  return (
    <div data-testid="timeline-item" data-order={visit.number} style={{ paddingBottom: 8 }}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong style={{ fontSize: 15 }}>
          {visit.repairDate}
        </Typography.Text>
        <Link to={`/work-orders/${visit.workOrderId}`}>{visit.number}</Link>
        <OrderStatusTag status={visit.status} />
        <Tag>{pick(REPAIR_CATEGORY_LABEL[visit.repairCategory])}</Tag>
      </Flex>
      <Descriptions
        size="small"
        column={4}
        style={{ marginTop: 6 }}
        items={[
          { key: 'km', label: t('history.mileageIn'), children: km(visit.mileageInKm) },
          {
            key: 'no',
            label: t('history.settlementNo'),
            children: visit.settlementNo ?? (
              <Typography.Text type="secondary">{t('history.unsettled')}</Typography.Text>
            ),
          },
          { key: 'total', label: t('history.total'), children: yuan(visit.totalFen) },
          { key: 'shop', label: t('history.shop'), children: shopName || '—' },
          {
            key: 'fault',
            label: t('history.fault'),
            span: 4,
            children: <span style={{ overflowWrap: 'anywhere' }}>{visit.faultDescription || '—'}</span>,
          },
        ]}
      />
      <Lines visit={visit} />
    </div>
  );
}

export function HealthTimeline({ visits, shopName }: { visits: Visit[]; shopName: string }) {
  const { t } = useTranslation('vehicles');
  return (
    <Card
      data-testid="vehicle-timeline"
      title={t('history.title')}
      extra={<Typography.Text type="secondary">{t('history.count', { n: visits.length })}</Typography.Text>}
      size="small"
    >
      {visits.length === 0 ? (
        <Empty description={t('history.empty')} />
      ) : (
        <Timeline
          style={{ marginTop: 8 }}
          items={visits.map((v) => ({
            key: v.workOrderId,
            color: DOT[v.status],
            content: <VisitBody visit={v} shopName={shopName} />,
          }))}
        />
      )}
    </Card>
  );
}

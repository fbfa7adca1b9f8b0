/**
 * One job on the phone: plate, vehicle, fault, status, promised time and the work items, with one
 * big button for the next step. The card reads the order's detail for what the list lacks (make
 * and model, work items, notes, mileage in, repair category for the completion rules).
 */
import { ClockCircleOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/api/contract.js';
import { useCall } from '../../api/query.js';
import { hours, km } from '../../components/format.js';
import { OrderStatusTag } from '../../components/labels.js';
import { type Move, MoveForm } from './MoveForm.js';

type Job = MethodOutput<'workOrders.list'>['items'][number];

const NEXT: Partial<Record<Job['status'], Move>> = {
  received: 'start',
  in_progress: 'complete',
  completed: 'rework',
};

const BIG = { height: 52, fontSize: 17 } as const;

function Promised({ at, done }: { at: number; done: boolean }) {
  const { t } = useTranslation('technician');
  const late = !done && at < Date.now();
  const d = dayjs(at);
  return (
    <Typography.Text type={late ? 'danger' : 'secondary'} data-testid="tech-job-promised">
      <ClockCircleOutlined /> {t('card.promised')}{' '}
      {d.format(d.isSame(dayjs(), 'year') ? 'MM-DD HH:mm' : 'YYYY-MM-DD HH:mm')}
      {late ? ` · ${t('card.overdue')}` : ''}
    </Typography.Text>
  );
}

export function JobCard({ job }: { job: Job }) {
  const { t } = useTranslation('technician');
  const [moving, setMoving] = useState<Move | null>(null);
  const detail = useCall('workOrders.get', { id: job.id });
  const d = detail.data;
  const next = NEXT[job.status];

  return (
    <Card
      size="small"
      data-testid="tech-job"
      data-order={job.number}
      data-status={job.status}
      styles={{ body: { padding: 14 } }}
    >
      <Flex justify="space-between" align="start" gap={8}>
        <Typography.Text strong style={{ fontSize: 22, lineHeight: 1.2 }} data-testid="tech-job-plate">
          {job.plate ?? job.vin ?? '—'}
        </Typography.Text>
        <OrderStatusTag status={job.status} />
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 2 }}>
        {[d?.vehicle.brandModel, job.number].filter(Boolean).join(' · ')}
      </Typography.Text>
      <Typography.Paragraph
        data-testid="tech-job-fault"
        style={{ fontSize: 16, margin: '8px 0 6px', overflowWrap: 'anywhere' }}
      >
        {job.faultDescription || '—'}
      </Typography.Paragraph>
      <Flex gap={12} wrap style={{ marginBottom: 6 }}>
        {job.promisedAt ? <Promised at={job.promisedAt} done={job.status === 'completed'} /> : null}
        {d?.order.mileageInKm != null ? (
          <Typography.Text type="secondary">
            {t('card.mileageIn')} {km(d.order.mileageInKm)}
          </Typography.Text>
        ) : null}
      </Flex>
      {d && d.labour.length > 0 ? (
        <div style={{ marginBottom: 6 }}>
          <Typography.Text type="secondary">{t('card.todo')}</Typography.Text>
          <ul style={{ margin: '2px 0 0', paddingInlineStart: 20 }}>
            {d.labour.map((l) => (
              <li key={l.id} style={{ overflowWrap: 'anywhere' }}>
                {l.item} <Tag style={{ marginInlineStart: 4 }}>{hours(l.hoursTenths)} h</Tag>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {d?.order.notes ? (
        <Typography.Paragraph
          type="secondary"
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: '0 0 6px' }}
        >
          {t('card.notes', { notes: d.order.notes })}
        </Typography.Paragraph>
      ) : null}
      {moving && d ? (
        <MoveForm move={moving} detail={d} onDone={() => setMoving(null)} />
      ) : next ? (
        <Button
          data-testid={`tech-${next}`}
          type={next === 'rework' ? 'default' : 'primary'}
          block
          size="large"
          style={{ ...BIG, marginTop: 6 }}
          disabled={!d}
          onClick={() => setMoving(next)}
        >
          {t(`action.${next}`)}
        </Button>
      ) : null}
    </Card>
  );
}

/**
 * 指标: the figures a city's regulator watches (archive-interface.md §1) as the shop sees them — the
 * share of settled orders the platform accepted, how long settle → accepted takes, uploads in the
 * last week — and the local data-quality score with the formula that produced it.
 */
import { Card, Col, DatePicker, Descriptions, Flex, Row, Statistic, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/query.js';
import { ErrorAlert } from '../../components/errors.js';
import { pick } from '../../i18n/index.js';

/** 2 小时 5 分 / 12 分钟 / 不到 1 分钟, in the clerk's language. */
function useDuration() {
  const { t } = useTranslation('archive');
  return (ms: number | null): string => {
    if (ms === null) return '—';
    const minutes = Math.round(ms / 60_000);
    if (minutes < 1) return t('kpis.underMinute');
    if (minutes < 60) return t('kpis.minutes', { m: minutes });
    return t('kpis.hoursMinutes', { h: Math.floor(minutes / 60), m: minutes % 60 });
  };
}

export function KpisTab() {
  const { t } = useTranslation('archive');
  const duration = useDuration();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const from = range?.[0]?.format('YYYY-MM-DD');
  const to = range?.[1]?.format('YYYY-MM-DD');
  const { data, error, isLoading } = useCall('archive.kpis', { ...(from ? { from } : {}), ...(to ? { to } : {}) });
  const share = data?.acceptedShare;
  return (
    <Flex vertical gap={16}>
      <Flex gap={8} align="center">
        <Typography.Text>{t('kpis.period')}</Typography.Text>
        <DatePicker.RangePicker
          value={range}
          onChange={setRange}
          allowEmpty={[true, true]}
          placeholder={[t('queue.settleFrom'), t('queue.settleTo')]}
          data-testid="archive-kpis-range"
        />
        <Typography.Text type="secondary">{range ? null : t('kpis.allTime')}</Typography.Text>
      </Flex>
      <ErrorAlert error={error} />
      <Row gutter={[16, 16]}>
        <Col xs={12} lg={6}>
          <Card size="small" loading={isLoading}>
            <Statistic
              title={t('kpis.share')}
              value={share == null ? '—' : (share * 100).toFixed(1)}
              suffix={share == null ? null : '%'}
              data-testid="archive-kpi-share"
            />
            <Typography.Text type="secondary">
              {t('kpis.shareDetail', { accepted: data?.acceptedOrders ?? 0, settled: data?.settledOrders ?? 0 })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small" loading={isLoading}>
            <Statistic
              title={t('kpis.latency')}
              value={duration(data?.medianSettleToAcceptedMs ?? null)}
              data-testid="archive-kpi-latency"
            />
            <Typography.Text type="secondary">{t('kpis.latencyDetail')}</Typography.Text>
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small" loading={isLoading}>
            <Statistic title={t('kpis.week')} value={data?.uploadsLast7Days ?? 0} data-testid="archive-kpi-week" />
            <Typography.Text type="secondary">{t('kpis.weekDetail')}</Typography.Text>
          </Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card size="small" loading={isLoading}>
            <Statistic
              title={t('kpis.quality')}
              value={data?.qualityScore == null ? '—' : data.qualityScore.toFixed(1)}
              suffix={data?.qualityScore == null ? null : t('kpis.points')}
              data-testid="archive-kpi-quality"
            />
            <Typography.Text type="secondary">{t('kpis.qualityDetail')}</Typography.Text>
          </Card>
        </Col>
      </Row>
      {data ? (
        <Card size="small" title={t('kpis.formulaTitle')}>
          <Typography.Paragraph data-testid="archive-kpi-formula">{pick(data.qualityFormula)}</Typography.Paragraph>
          <Descriptions size="small" column={4} data-testid="archive-kpi-checks">
            <Descriptions.Item label={t('kpis.checks.records')}>{data.qualityChecks.records}</Descriptions.Item>
            <Descriptions.Item label={t('kpis.checks.vinValid')}>{data.qualityChecks.vinValid}</Descriptions.Item>
            <Descriptions.Item label={t('kpis.checks.plateValid')}>{data.qualityChecks.plateValid}</Descriptions.Item>
            <Descriptions.Item label={t('kpis.checks.timely')}>{data.qualityChecks.timely}</Descriptions.Item>
          </Descriptions>
        </Card>
      ) : null}
    </Flex>
  );
}

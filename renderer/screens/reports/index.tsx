/**
 * 报表 (front-desk.md §8): takings by day/month and payment method, orders by repair category,
 * technician hours, parts usage and margin — each with totals and 导出 Excel. The settle-date range,
 * the tab and the grouping live in the address (?tab=&from=&to=&by=), so a report can be bookmarked
 * and the browser's Back returns to the previous view.
 */
import { DatePicker, Flex, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isValidIsoDate } from '../../../shared/domain/dates.js';
import { Page } from '../../components/Page.js';
import { CategoriesTab } from './CategoriesTab.js';
import { PartsTab } from './PartsTab.js';
import { TakingsTab } from './TakingsTab.js';
import { TechniciansTab } from './TechniciansTab.js';

const TABS = ['takings', 'categories', 'technicians', 'parts'] as const;
type Tab = (typeof TABS)[number];
const ISO = 'YYYY-MM-DD';

export function ReportsScreen() {
  const { t } = useTranslation('reports');
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab');
  const tab: Tab = TABS.includes(tabParam as Tab) ? (tabParam as Tab) : 'takings';
  const today = dayjs();
  const fromParam = params.get('from') ?? '';
  const toParam = params.get('to') ?? '';
  // This month by default; a range typed into the address that makes no sense falls back to it too.
  const valid = isValidIsoDate(fromParam) && isValidIsoDate(toParam) && fromParam <= toParam;
  const from = valid ? fromParam : today.startOf('month').format(ISO);
  const to = valid ? toParam : today.format(ISO);
  const groupBy = params.get('by') === 'month' ? 'month' : 'day';

  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) next.set(k, v);
    setParams(next);
  };

  const presets: { label: string; value: [Dayjs, Dayjs] }[] = [
    { label: t('preset.thisMonth'), value: [today.startOf('month'), today] },
    {
      label: t('preset.lastMonth'),
      value: [today.subtract(1, 'month').startOf('month'), today.subtract(1, 'month').endOf('month')],
    },
    { label: t('preset.last30'), value: [today.subtract(29, 'day'), today] },
    { label: t('preset.thisYear'), value: [today.startOf('year'), today] },
    {
      label: t('preset.lastYear'),
      value: [today.subtract(1, 'year').startOf('year'), today.subtract(1, 'year').endOf('year')],
    },
  ];

  const content: Record<Tab, React.ReactNode> = {
    takings: <TakingsTab from={from} to={to} groupBy={groupBy} onGroupBy={(by) => set({ by })} />,
    categories: <CategoriesTab from={from} to={to} />,
    technicians: <TechniciansTab from={from} to={to} />,
    parts: <PartsTab from={from} to={to} />,
  };

  return (
    <Page
      title={t('common:nav.reports')}
      extra={
        <Flex align="center" gap={8}>
          <Typography.Text type="secondary">{t('range')}</Typography.Text>
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(from), dayjs(to)]}
            presets={presets}
            onChange={(r) => {
              if (r?.[0] && r[1]) set({ from: r[0].format(ISO), to: r[1].format(ISO) });
            }}
            data-testid="reports-range"
          />
        </Flex>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(k) => set({ tab: k })}
        destroyOnHidden
        data-testid="reports-tabs"
        items={TABS.map((k) => ({
          key: k,
          label: <span data-testid={`reports-tab-${k}`}>{t(`tabs.${k}`)}</span>,
          children: content[k],
        }))}
      />
    </Page>
  );
}

/**
 * 档案上传: the upload queue with what to fix, the platform account, the regulator's figures and the
 * ledger export. The tab lives in the address (`?tab=platform`) so links and tests land on it.
 */
import { CloudOutlined } from '@ant-design/icons';
import { Tabs, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCall } from '../../api/query.js';
import { Page } from '../../components/Page.js';
import { pick } from '../../i18n/index.js';
import { ExportLedger } from './ExportLedger.js';
import { KpisTab } from './KpisTab.js';
import { PlatformTab } from './PlatformTab.js';
import { QueueTab } from './QueueTab.js';

const TABS = ['queue', 'platform', 'kpis'] as const;
type TabKey = (typeof TABS)[number];

function PlatformBadge() {
  const { t } = useTranslation('archive');
  const { data } = useCall('archive.status', {});
  const p = data?.platform;
  if (!data) return null;
  if (!p) return <Tag data-testid="archive-platform-badge">{t('platform.none')}</Tag>;
  const tag = (
    <Tag color={p.demo ? 'purple' : 'blue'} icon={<CloudOutlined />} data-testid="archive-platform-badge">
      {p.demo ? t('platform.demoBadge') : pick(p.label)}
    </Tag>
  );
  return p.demo ? <Tooltip title={t('platform.demoTitle')}>{tag}</Tooltip> : tag;
}

export function ArchiveScreen() {
  const { t } = useTranslation('archive');
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: TabKey = TABS.includes(raw as TabKey) ? (raw as TabKey) : 'queue';
  const setTab = (k: string) =>
    setParams(
      (p) => {
        const q = new URLSearchParams(p);
        q.set('tab', k);
        // The state filter belongs to the queue.
        if (k !== 'queue') q.delete('state');
        return q;
      },
      { replace: true },
    );
  const label = (k: TabKey) => <span data-testid={`archive-tab-${k}`}>{t(`tabs.${k}`)}</span>;
  return (
    <Page title={t('common:nav.archive')} extra={<PlatformBadge />}>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        tabBarExtraContent={<ExportLedger />}
        items={[
          { key: 'queue', label: label('queue'), children: <QueueTab /> },
          { key: 'platform', label: label('platform'), children: <PlatformTab /> },
          { key: 'kpis', label: label('kpis'), children: <KpisTab /> },
        ]}
      />
    </Page>
  );
}

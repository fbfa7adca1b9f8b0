/**
 * 设置: the shop profile (what prints on the settlement sheet and goes to the archive), users and
 * roles, LAN access, backups, import/export, this PC's print layout and language, and updates. The
 * tab lives in the address (`?tab=users`) so the archive screen can link straight to the shop profile.
 */
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAllowed } from '../../app/permissions.js';
import { Page } from '../../components/Page.js';
import { BackupTab } from './BackupTab.js';
import { LanTab } from './LanTab.js';
import { Preferences } from './Preferences.js';
import { ShopForm } from './ShopForm.js';
import { SystemTab } from './SystemTab.js';
import { TransferTab } from './TransferTab.js';
import { UsersTab } from './UsersTab.js';

const TABS = ['shop', 'users', 'lan', 'backup', 'transfer', 'prefs', 'system'] as const;
type TabKey = (typeof TABS)[number];

export function SettingsScreen() {
  const { t } = useTranslation('settings');
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  // LAN access is the manager's alone: the others do not see its tab.
  const tabs: readonly TabKey[] = useAllowed('lan.status') ? TABS : TABS.filter((k) => k !== 'lan');
  const tab: TabKey = tabs.includes(raw as TabKey) ? (raw as TabKey) : 'shop';
  const label = (k: TabKey) => (
    <span data-testid={`settings-tab-${k}`}>
      {k === 'lan'
        ? t('access:lan.title')
        : k === 'backup' || k === 'transfer'
          ? t(`backup:tabs.${k}`)
          : t(`tabs.${k}`)}
    </span>
  );
  return (
    <Page title={t('common:nav.settings')}>
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'shop', label: label('shop'), children: <ShopForm /> },
          { key: 'users', label: label('users'), children: <UsersTab /> },
          ...(tabs.includes('lan') ? [{ key: 'lan', label: label('lan'), children: <LanTab /> }] : []),
          { key: 'backup', label: label('backup'), children: <BackupTab /> },
          { key: 'transfer', label: label('transfer'), children: <TransferTab /> },
          { key: 'prefs', label: label('prefs'), children: <Preferences /> },
          { key: 'system', label: label('system'), children: <SystemTab /> },
        ]}
      />
    </Page>
  );
}

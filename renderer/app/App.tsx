/**
 * The desk's frame: the menu on the left, global search and upload status on top, the screen below.
 * Wide enough for 1366×768 without horizontal scrolling; the menu folds on narrow windows.
 */
import {
  AuditOutlined,
  BarChartOutlined,
  CarOutlined,
  CloudUploadOutlined,
  DashboardOutlined,
  FileTextOutlined,
  FormOutlined,
  SettingOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { App as AntApp, Button, ConfigProvider, Layout, Menu, theme } from 'antd';
import enUSModule from 'antd/es/locale/en_US.js';
import type { Locale } from 'antd/es/locale/index.js';
import zhCNModule from 'antd/es/locale/zh_CN.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes, useLocation, useNavigate } from 'react-router';
import { useLiveInvalidation } from '../api/query.js';
import { currentLang, setLang } from '../i18n/index.js';
import { AccessGate } from './AccessGate.js';
import { CoreStateOverlay } from './CoreStateOverlay.js';
import { GlobalSearch } from './GlobalSearch.js';
import { APP_ROUTES, BARE_ROUTES } from './routes.js';
import { SyncStatus } from './SyncStatus.js';
import { UserMenu } from './UserMenu.js';
import { UpdatePrompt } from './update/UpdatePrompt.js';

// antd ships these as ES modules without "type": "module", so TypeScript types the default import as
// the module; the bundler hands over the locale object itself.
const zhCN = zhCNModule as unknown as Locale;
const enUS = enUSModule as unknown as Locale;

const ICONS: Record<string, React.ReactNode> = {
  dashboard: <DashboardOutlined />,
  reception: <FormOutlined />,
  workOrders: <FileTextOutlined />,
  vehicles: <CarOutlined />,
  customers: <TeamOutlined />,
  parts: <ShopOutlined />,
  archive: <CloudUploadOutlined />,
  reports: <BarChartOutlined />,
  settings: <SettingOutlined />,
};

function DeskLayout() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const selected =
    APP_ROUTES.filter((r) => r.nav && r.path !== '/' && location.pathname.startsWith(r.path))[0]?.path ?? '/';

  // Ctrl+N: a new order from anywhere (front-desk.md: shortcuts for new order / search / settle).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'n') {
        e.preventDefault();
        navigate('/reception');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider
        breakpoint="lg"
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={168}
        theme="light"
        style={{ borderRight: '1px solid #f0f0f0' }}
      >
        <div className="brand">
          <AuditOutlined /> {collapsed ? null : t('app.name')}
        </div>
        <Menu
          mode="inline"
          selectedKeys={[selected]}
          onClick={(e) => navigate(e.key)}
          items={APP_ROUTES.filter((r) => r.nav).map((r) => ({
            key: r.path,
            icon: ICONS[r.nav!],
            label: t(`nav.${r.nav}`),
          }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="desk-header">
          <GlobalSearch />
          <div className="desk-header-right">
            <UpdatePrompt />
            <SyncStatus />
            <UserMenu />
            <Button size="small" type="text" onClick={() => setLang(currentLang() === 'zh' ? 'en' : 'zh')}>
              {currentLang() === 'zh' ? t('lang.en') : t('lang.zh')}
            </Button>
          </div>
        </Layout.Header>
        <Layout.Content className="desk-content">
          <Routes>
            {APP_ROUTES.map(({ path, Component }) => (
              <Route key={path} path={path} element={<Component />} />
            ))}
          </Routes>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

export function App() {
  const { i18n } = useTranslation();
  useLiveInvalidation();
  const zh = i18n.language !== 'en';
  dayjs.locale(zh ? 'zh-cn' : 'en');
  return (
    <ConfigProvider locale={zh ? zhCN : enUS} theme={{ algorithm: theme.defaultAlgorithm, token: { borderRadius: 4 } }}>
      {/* Inside the ConfigProvider, so message/modal/confirm speak the clerk's language. */}
      <AntApp>
        <CoreStateOverlay />
        <BrowserRouter>
          {/* Pairing (LAN), sign-in (multi-user mode) and the technician's one view come first. */}
          <AccessGate>
            <Routes>
              {BARE_ROUTES.map(({ path, Component }) => (
                <Route key={path} path={path} element={<Component />} />
              ))}
              <Route path="*" element={<DeskLayout />} />
            </Routes>
          </AccessGate>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

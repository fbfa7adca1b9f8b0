/**
 * 技师视图 (/tech): a bare page for a phone on the shop Wi-Fi, 375 px wide and up. The technician
 * picks who they are (remembered on the phone; asked only when the device is not signed in or paired
 * as a technician), sees the jobs assigned to them and moves them
 * 接车 → 维修中 → 完工待结算 (and back to 维修中 for rework) with a note.
 */
import { Button, Flex, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/query.js';
import { useMe } from '../../app/AccessGate.js';
import { UserMenu } from '../../app/UserMenu.js';
import { currentLang, setLang } from '../../i18n/index.js';
import { JobList } from './JobList.js';
import { type UserT, WhoAmI } from './WhoAmI.js';

const ME_KEY = 'chedang.tech.userId';

export function TechnicianScreen() {
  const { t } = useTranslation('technician');
  const [meId, setMeId] = useState<string | null>(() => localStorage.getItem(ME_KEY));
  const users = useCall('users.list', {});
  const technicians = (users.data ?? []).filter((u) => u.role === 'technician' && u.active);
  // Signed in or paired as a technician: the core already knows who this is, so no "who are you".
  const session = useMe();
  const known = session?.user?.role === 'technician' ? session.user.id : null;
  const me = technicians.find((u) => u.id === (known ?? meId));

  useEffect(() => {
    document.title = `${t('title')} · ${t('common:app.name')}`;
  }, [t]);

  // A remembered technician who was deactivated or removed: ask again rather than show nobody's jobs.
  useEffect(() => {
    if (!known && users.data && meId && !me) {
      localStorage.removeItem(ME_KEY);
      setMeId(null);
    }
  }, [known, users.data, meId, me]);

  const pick = (u: UserT | null) => {
    if (u) localStorage.setItem(ME_KEY, u.id);
    else localStorage.removeItem(ME_KEY);
    setMeId(u?.id ?? null);
  };

  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5', overflowX: 'hidden' }}>
      <Flex
        component="header"
        align="center"
        gap={8}
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 10,
          background: '#fff',
          borderBottom: '1px solid #f0f0f0',
          padding: '8px 12px',
          minHeight: 56,
        }}
      >
        <Typography.Text strong style={{ fontSize: 17, color: '#1677ff', whiteSpace: 'nowrap' }}>
          {t('common:app.name')}
        </Typography.Text>
        <Typography.Text data-testid="tech-me" strong ellipsis style={{ flex: 1, minWidth: 0, fontSize: 17 }}>
          {me ? me.name : t('title')}
        </Typography.Text>
        {me && !known ? (
          <Button data-testid="tech-switch" onClick={() => pick(null)} style={{ height: 40 }}>
            {t('switch')}
          </Button>
        ) : null}
        {/* Signed in or paired as this technician: sign out (shared PC) or unpair (phone). */}
        {known ? <UserMenu iconOnly /> : null}
        <Button
          type="text"
          onClick={() => setLang(currentLang() === 'zh' ? 'en' : 'zh')}
          style={{ height: 40, paddingInline: 8 }}
        >
          {currentLang() === 'zh' ? t('common:lang.en') : t('common:lang.zh')}
        </Button>
      </Flex>
      <main style={{ padding: 12, maxWidth: 640, margin: '0 auto' }}>
        {me ? (
          <JobList me={me} />
        ) : (
          <WhoAmI technicians={technicians} loading={users.isLoading} error={users.error} onPick={(u) => pick(u)} />
        )}
      </main>
    </div>
  );
}

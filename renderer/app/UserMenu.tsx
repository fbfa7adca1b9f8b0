/**
 * The header's user menu: who is signed in (and on which paired device), lock / switch user and sign
 * out. In single-user mode it only says so: there is nobody to switch to. The technician view shows it
 * as an icon (its header already names the technician), so a technician signed in at the shared PC
 * can sign out and a paired phone can be unpaired.
 */
import { UserOutlined } from '@ant-design/icons';
import { Button, Dropdown, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { ROLE_LABEL } from '../../shared/domain/enums.js';
import { setDeviceToken } from '../api/session.js';
import { pick } from '../i18n/index.js';
import { useCredentialsChanged, useMe, useSignOut } from './AccessGate.js';

export function UserMenu({ iconOnly = false }: { iconOnly?: boolean }) {
  const { t } = useTranslation('access');
  const me = useMe();
  const signOut = useSignOut();
  const changed = useCredentialsChanged();
  if (!me?.user) return null;
  const items: MenuProps['items'] = [];
  if (me.device) items.push({ key: 'device', label: t('menu.device', { name: me.device.name }), disabled: true });
  if (me.mode === 'single' && !me.device) items.push({ key: 'single', label: t('menu.singleUser'), disabled: true });
  if (me.mode === 'multi' && me.via === 'local') {
    items.push({ key: 'lock', label: t('menu.lock') });
    items.push({ key: 'signOut', label: t('menu.signOut') });
  }
  if (me.device) items.push({ key: 'unpair', label: t('menu.unpair'), danger: true });
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items,
        onClick: ({ key }) => {
          if (key === 'lock' || key === 'signOut') void signOut();
          if (key === 'unpair') {
            setDeviceToken(null);
            changed();
          }
        },
      }}
    >
      <Button
        size={iconOnly ? 'large' : 'small'}
        type="text"
        icon={<UserOutlined />}
        aria-label={`${me.user.name} · ${pick(ROLE_LABEL[me.user.role])}`}
        data-testid="user-menu"
      >
        {iconOnly ? null : `${me.user.name} · ${pick(ROLE_LABEL[me.user.role])}`}
      </Button>
    </Dropdown>
  );
}

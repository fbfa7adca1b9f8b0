/**
 * 用户与角色: who works at the shop and what they may do (店长 manages settings and reversals, 前台 the
 * desk, 技师 their jobs). People who leave are deactivated, never deleted: their names stay on the
 * orders they worked on.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Modal, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/api/contract.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { ROLE_LABEL, ROLES, type Role } from '../../../shared/domain/enums.js';
import type { Issue } from '../../../shared/domain/issue.js';
import { useCall, useMutate } from '../../api/query.js';
import { useAllowed } from '../../app/permissions.js';
import { applyApiError, ErrorAlert } from '../../components/errors.js';
import { date } from '../../components/format.js';
import { pick } from '../../i18n/index.js';
import { AccessModeCard, PinModal } from './UserPin.js';

type User = MethodOutput<'users.list'>[number];

interface Values {
  name: string;
  role: Role;
  phone?: string;
  active?: boolean;
}

const FIELDS = ['name', 'role', 'phone', 'active'] as const;
const ROLE_COLOR: Record<Role, string> = { manager: 'gold', clerk: 'blue', technician: 'green' };

/** Add (user = null) or edit one user. */
function UserModal({ user, open, onClose }: { user: User | null; open: boolean; onClose: () => void }) {
  const { t } = useTranslation('settings');
  const [form] = Form.useForm<Values>();
  const [failure, setFailure] = useState<{ error: ApiError; rest: Issue[] } | null>(null);
  const create = useMutate('users.create');
  const update = useMutate('users.update');
  const onError = (error: ApiError) => setFailure({ error, rest: applyApiError(form, error, FIELDS) });

  const onFinish = (v: Values) => {
    setFailure(null);
    const phone = v.phone?.trim() ?? '';
    if (user)
      update.mutate(
        { id: user.id, name: v.name, role: v.role, phone, active: v.active ?? true },
        { onSuccess: onClose, onError },
      );
    else create.mutate({ name: v.name, role: v.role, phone }, { onSuccess: onClose, onError });
  };

  return (
    <Modal
      open={open}
      title={user ? t('users.editTitle', { name: user.name }) : t('users.addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common:action.save')}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
      afterClose={() => setFailure(null)}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        preserve={false}
        initialValues={
          user ? { name: user.name, role: user.role, phone: user.phone, active: user.active } : { role: 'clerk' }
        }
        data-testid="settings-user-form"
      >
        <Form.Item
          name="name"
          label={t('users.name')}
          rules={[{ required: true, whitespace: true, message: t('users.nameRequired') }]}
        >
          <Input maxLength={30} autoFocus data-testid="settings-user-name" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} extra={t('users.roleHint')}>
          <Select
            data-testid="settings-user-role"
            options={ROLES.map((r) => ({ value: r, label: pick(ROLE_LABEL[r]) }))}
          />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')}>
          <Input maxLength={30} data-testid="settings-user-phone" />
        </Form.Item>
        {user ? (
          <Form.Item name="active" label={t('users.active')} valuePropName="checked" extra={t('users.activeHint')}>
            <Switch data-testid="settings-user-active" />
          </Form.Item>
        ) : null}
        {/* Enter in a field submits the form; the modal's OK button sits outside it. */}
        <button type="submit" hidden aria-hidden />
      </Form>
      <ErrorAlert error={failure?.error} issues={failure?.rest} />
    </Modal>
  );
}

export function UsersTab() {
  const { t } = useTranslation('settings');
  const { data, isLoading, error } = useCall('users.list', {});
  const [editing, setEditing] = useState<{ user: User | null } | null>(null);
  const [pinFor, setPinFor] = useState<User | null>(null);
  const manages = useAllowed('users.update');
  return (
    <>
      {manages ? <AccessModeCard /> : null}
      <Card
        size="small"
        title={t('users.title')}
        extra={
          manages ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({ user: null })}
              data-testid="settings-user-add"
            >
              {t('users.add')}
            </Button>
          ) : null
        }
      >
        <ErrorAlert error={error} />
        <Table<User>
          size="small"
          rowKey="id"
          loading={isLoading}
          dataSource={data ?? []}
          pagination={false}
          data-testid="settings-users"
          onRow={() => ({ 'data-testid': 'settings-user-row' }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('users.name'), dataIndex: 'name' },
            {
              title: t('users.role'),
              dataIndex: 'role',
              width: 120,
              render: (r: Role) => <Tag color={ROLE_COLOR[r]}>{pick(ROLE_LABEL[r])}</Tag>,
            },
            { title: t('users.phone'), dataIndex: 'phone', width: 160, render: (v: string) => v || '—' },
            {
              title: t('users.active'),
              dataIndex: 'active',
              width: 100,
              render: (v: boolean) => (v ? <Tag color="green">{t('users.on')}</Tag> : <Tag>{t('users.off')}</Tag>),
            },
            {
              title: t('access:users.pinColumn'),
              dataIndex: 'hasPin',
              width: 90,
              render: (v: boolean) =>
                v ? <Tag color="green">{t('access:users.hasPin')}</Tag> : <Tag>{t('access:users.noPin')}</Tag>,
            },
            { title: t('users.createdAt'), dataIndex: 'createdAt', width: 120, render: (v: number) => date(v) },
            {
              title: t('users.actions'),
              key: 'actions',
              width: 140,
              render: (_: unknown, u) =>
                manages ? (
                  <>
                    <Button size="small" onClick={() => setEditing({ user: u })} data-testid="settings-user-edit">
                      {t('common:action.edit')}
                    </Button>{' '}
                    <Button size="small" onClick={() => setPinFor(u)} data-testid="settings-user-pin">
                      {t('access:users.setPin')}
                    </Button>
                  </>
                ) : null,
            },
          ]}
        />
        <UserModal open={editing !== null} user={editing?.user ?? null} onClose={() => setEditing(null)} />
        <PinModal user={pinFor} onClose={() => setPinFor(null)} />
      </Card>
    </>
  );
}

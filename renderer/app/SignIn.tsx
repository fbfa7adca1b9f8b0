/**
 * 登录 (multi-user mode): pick your name, type your PIN. Big targets: a shared desk PC, often a
 * touch screen or a laptop on the counter. The core counts wrong PINs and locks after five.
 */
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../shared/api/contract.js';
import { ROLE_LABEL } from '../../shared/domain/enums.js';
import { getTransport } from '../api/client.js';
import { useCall, useMutate } from '../api/query.js';
import { setSessionToken } from '../api/session.js';
import { ErrorAlert } from '../components/errors.js';
import { pick } from '../i18n/index.js';
import { useCredentialsChanged } from './AccessGate.js';

type SignInUser = MethodOutput<'auth.users'>[number];

export function SignIn() {
  const { t } = useTranslation('access');
  const users = useCall('auth.users', {});
  const [who, setWho] = useState<SignInUser | null>(null);
  const [form] = Form.useForm<{ pin: string }>();
  const login = useMutate('auth.login');
  const changed = useCredentialsChanged();

  const submit = ({ pin }: { pin: string }) => {
    if (!who) return;
    login.mutate(
      { userId: who.id, pin },
      {
        onSuccess: (r) => {
          // Over IPC the window's port keeps the session; a browser keeps the token for this tab.
          if (getTransport().kind === 'http') setSessionToken(r.token);
          changed();
        },
        onError: () => form.setFieldValue('pin', ''),
      },
    );
  };

  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh', background: '#f5f5f5', padding: 16 }}>
      <Card
        style={{ width: 420, maxWidth: '100%' }}
        title={
          <span>
            <LockOutlined /> {t('common:app.name')} · {t('signIn.title')}
          </span>
        }
        data-testid="sign-in"
      >
        <ErrorAlert error={users.error} />
        {!who ? (
          <>
            <Typography.Paragraph type="secondary">{t('signIn.pickUser')}</Typography.Paragraph>
            <Flex vertical gap={8}>
              {(users.data ?? []).map((u) => (
                <Button
                  key={u.id}
                  size="large"
                  icon={<UserOutlined />}
                  disabled={!u.hasPin}
                  onClick={() => setWho(u)}
                  data-testid="sign-in-user"
                  style={{ justifyContent: 'flex-start' }}
                >
                  {u.name} <Tag style={{ marginInlineStart: 8 }}>{pick(ROLE_LABEL[u.role])}</Tag>
                  {!u.hasPin ? <Typography.Text type="secondary">{t('signIn.noPin')}</Typography.Text> : null}
                </Button>
              ))}
              {users.data?.length === 0 ? <Alert type="warning" message={t('signIn.noUsers')} /> : null}
            </Flex>
          </>
        ) : (
          <Form form={form} layout="vertical" onFinish={submit}>
            <Typography.Title level={4} style={{ marginTop: 0 }}>
              {who.name} <Tag>{pick(ROLE_LABEL[who.role])}</Tag>
            </Typography.Title>
            {who.lockedUntil ? (
              <Alert
                type="warning"
                style={{ marginBottom: 12 }}
                message={t('signIn.locked', { time: dayjs(who.lockedUntil).format('HH:mm:ss') })}
              />
            ) : null}
            <Form.Item name="pin" label={t('signIn.pin')} rules={[{ required: true, pattern: /^\d{4,6}$/ }]}>
              <Input.Password
                autoFocus
                inputMode="numeric"
                maxLength={6}
                autoComplete="off"
                size="large"
                data-testid="sign-in-pin"
              />
            </Form.Item>
            {login.error ? (
              <div style={{ marginBottom: 12 }}>
                <ErrorAlert error={login.error} />
              </div>
            ) : null}
            <Flex gap={8} justify="space-between">
              <Button
                onClick={() => {
                  setWho(null);
                  login.reset();
                }}
              >
                {t('signIn.back')}
              </Button>
              <Button
                type="primary"
                htmlType="submit"
                size="large"
                loading={login.isPending}
                data-testid="sign-in-submit"
              >
                {t('signIn.submit')}
              </Button>
            </Flex>
          </Form>
        )}
      </Card>
    </Flex>
  );
}

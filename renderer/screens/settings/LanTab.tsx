/**
 * 局域网访问 (manager): the LAN switch, the address to type on a phone, pairing codes, and the paired
 * devices with their revoke button. Off by default; see docs/users-and-lan.md for what it protects.
 */
import { Alert, Button, Card, Flex, InputNumber, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/api/contract.js';
import { ROLE_LABEL } from '../../../shared/domain/enums.js';
import { useCall, useMutate } from '../../api/query.js';
import { ErrorAlert } from '../../components/errors.js';
import { dateTime } from '../../components/format.js';
import { pick } from '../../i18n/index.js';

type Device = MethodOutput<'lan.devices'>[number];

function Switchboard() {
  const { t } = useTranslation('access');
  const status = useCall('lan.status', {});
  const configure = useMutate('lan.configure', { onSuccess: () => void status.refetch() });
  const [port, setPort] = useState<number | null>(null);
  const [host, setHost] = useState<string | null>(null);
  useEffect(() => {
    if (status.data) {
      setPort(status.data.port);
      setHost(status.data.host);
    }
  }, [status.data]);
  const s = status.data;
  const apply = (enabled: boolean) =>
    configure.mutate({ enabled, ...(port ? { port } : {}), ...(host ? { host } : {}) });
  return (
    <Card size="small" title={t('lan.title')} loading={status.isLoading}>
      <Typography.Paragraph type="secondary">{t('lan.intro')}</Typography.Paragraph>
      <ErrorAlert error={status.error ?? configure.error} />
      {s ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Flex gap={16} wrap align="center">
            <Space>
              <Switch
                checked={s.enabled}
                loading={configure.isPending}
                onChange={(on) => apply(on)}
                data-testid="lan-enabled"
              />
              {t('lan.enabled')}
            </Space>
            <Space>
              {t('lan.port')}
              <InputNumber min={1024} max={65535} value={port} onChange={(v) => setPort(v)} data-testid="lan-port" />
            </Space>
            <Space>
              {t('lan.host')}
              <Select
                style={{ minWidth: 220 }}
                value={host}
                onChange={setHost}
                options={[
                  { value: '0.0.0.0', label: t('lan.allInterfaces') },
                  ...s.addresses.map((a) => ({ value: a.address, label: `${a.address} (${a.name})` })),
                ]}
              />
            </Space>
            <Button onClick={() => apply(s.enabled)} disabled={!s.enabled} loading={configure.isPending}>
              {t('lan.apply')}
            </Button>
            {s.listening ? <Tag color="green">{t('lan.listening')}</Tag> : <Tag>{t('lan.notListening')}</Tag>}
          </Flex>
          {s.error ? <Alert type="error" showIcon message={pick(s.error)} /> : null}
          {s.enabled ? (
            <>
              <Typography.Text strong>{t('lan.addresses')}</Typography.Text>
              {s.urls.length ? (
                s.urls.map((u) => (
                  <Typography.Text key={u} copyable code style={{ fontSize: 18 }} data-testid="lan-url">
                    {u}
                  </Typography.Text>
                ))
              ) : (
                <Typography.Text type="secondary">{t('lan.noAddresses')}</Typography.Text>
              )}
              <Alert type="info" showIcon message={t('lan.plainHttp')} />
            </>
          ) : null}
        </Space>
      ) : null}
    </Card>
  );
}

function Pairing() {
  const { t } = useTranslation('access');
  const users = useCall('users.list', {});
  const active = (users.data ?? []).filter((u) => u.active);
  const [userId, setUserId] = useState<string | null>(null);
  const create = useMutate('lan.createPairingCode');
  // Technicians by default: the phone in the workshop is the usual device.
  const chosen = userId ?? active.find((u) => u.role === 'technician')?.id ?? active[0]?.id ?? null;
  const code = create.data;
  return (
    <Card size="small" title={t('lan.pairTitle')}>
      <Flex gap={12} wrap align="center">
        {t('lan.pairFor')}
        <Select
          style={{ minWidth: 200 }}
          value={chosen}
          onChange={setUserId}
          options={active.map((u) => ({ value: u.id, label: `${u.name} · ${pick(ROLE_LABEL[u.role])}` }))}
          data-testid="lan-pair-user"
        />
        <Button
          type="primary"
          disabled={!chosen}
          loading={create.isPending}
          onClick={() => chosen && create.mutate({ userId: chosen })}
          data-testid="lan-generate"
        >
          {t('lan.generate')}
        </Button>
      </Flex>
      <ErrorAlert error={create.error} />
      {code ? (
        <div style={{ marginTop: 12 }}>
          <Typography.Title level={2} style={{ letterSpacing: 8, margin: 0 }} data-testid="lan-code">
            {code.code}
          </Typography.Title>
          <Typography.Text type="secondary">
            {code.user.name} · {t('lan.codeHint', { time: dateTime(code.expiresAt) })}
          </Typography.Text>
        </div>
      ) : null}
    </Card>
  );
}

function Devices() {
  const { t } = useTranslation('access');
  const devices = useCall('lan.devices', {});
  const revoke = useMutate('lan.revokeDevice', { onSuccess: () => void devices.refetch() });
  const confirm = (d: Device) =>
    Modal.confirm({
      title: t('lan.revoke'),
      content: t('lan.revokeConfirm', { name: d.name }),
      okButtonProps: { danger: true },
      onOk: () => revoke.mutateAsync({ id: d.id }),
    });
  return (
    <Card size="small" title={t('lan.devices')}>
      <ErrorAlert error={devices.error ?? revoke.error} />
      <Table<Device>
        size="small"
        rowKey="id"
        loading={devices.isLoading}
        dataSource={devices.data ?? []}
        pagination={false}
        data-testid="lan-devices"
        columns={[
          { title: t('lan.device'), dataIndex: 'name' },
          {
            title: t('lan.user'),
            key: 'user',
            render: (_: unknown, d) => `${d.user.name} · ${pick(ROLE_LABEL[d.user.role])}`,
          },
          { title: t('lan.pairedAt'), dataIndex: 'createdAt', width: 150, render: (v: number) => dateTime(v) },
          {
            title: t('lan.lastSeen'),
            dataIndex: 'lastSeenAt',
            width: 150,
            render: (v: number | null) => (v ? dateTime(v) : t('lan.never')),
          },
          { title: t('lan.ip'), dataIndex: 'lastIp', width: 130, render: (v: string) => v || t('lan.never') },
          {
            title: '',
            key: 'revoke',
            width: 90,
            render: (_: unknown, d) =>
              d.revokedAt ? (
                <Tag>{t('lan.revoked')}</Tag>
              ) : (
                <Button size="small" danger onClick={() => confirm(d)} data-testid="lan-revoke">
                  {t('lan.revoke')}
                </Button>
              ),
          },
        ]}
      />
    </Card>
  );
}

export function LanTab() {
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Switchboard />
      <Pairing />
      <Devices />
    </Space>
  );
}

/**
 * 备份与恢复: the backup folder (a USB disk), "back up now", the list of backups and restoring one.
 * A restore replaces every record, so it asks first and says that a safety copy is taken.
 */
import { CloudDownloadOutlined, SafetyOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Input, Modal, message, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/api/contract.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { useCall, useMutate } from '../../api/query.js';
import { useAllowed } from '../../app/permissions.js';
import { ErrorAlert } from '../../components/errors.js';
import { dateTime } from '../../components/format.js';
import { pick } from '../../i18n/index.js';

type Item = MethodOutput<'backup.list'>['items'][number];

export function useSize() {
  const { t } = useTranslation('backup');
  return (n: number) =>
    n < 1024
      ? t('size.b', { n })
      : n < 1024 * 1024
        ? t('size.kb', { n: (n / 1024).toFixed(0) })
        : t('size.mb', { n: (n / 1024 / 1024).toFixed(1) });
}

export function BackupTab() {
  const { t } = useTranslation('backup');
  const size = useSize();
  const list = useCall('backup.list', {});
  const [folder, setFolder] = useState('');
  // Choosing the folder and restoring are the manager's; everyone at the desk may back up.
  const manages = useAllowed('backup.restore');
  const [actionError, setActionError] = useState<ApiError | null>(null);
  useEffect(() => setFolder(list.data?.settings.folder ?? ''), [list.data?.settings.folder]);
  const refresh = () => void list.refetch();
  const onError = (e: ApiError) => setActionError(e);

  const configure = useMutate('backup.configure', {
    onSuccess: () => {
      setActionError(null);
      message.success(t('folder.saved'));
      refresh();
    },
    onError,
  });
  const create = useMutate('backup.create', {
    onSuccess: (r) => {
      setActionError(null);
      if (r.failure) message.warning(t('doneLocal', { name: r.backup.name }));
      else message.success(t('done', { name: r.backup.name }));
      refresh();
    },
    onError,
  });
  const restore = useMutate('backup.restore', {
    onSuccess: (r) => {
      setActionError(null);
      Modal.success({ title: t('restore.done', { file: r.safetyCopy }) });
      refresh();
    },
    onError,
  });

  const askRestore = (item: Item) =>
    Modal.confirm({
      title: t('restore.title'),
      content: t('restore.body', { time: dateTime(item.createdAt), name: item.name }),
      okText: t('restore.ok'),
      cancelText: t('restore.cancel'),
      okButtonProps: { danger: true },
      onOk: () => restore.mutateAsync({ name: item.name, location: item.location }).catch(() => {}),
    });

  const s = list.data?.settings;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="settings-backup">
      <ErrorAlert error={list.error ?? actionError} />
      {s?.lastFailure && (
        <Alert
          type="warning"
          showIcon
          data-testid="backup-last-failure"
          message={t('lastFailure', {
            time: dateTime(s.lastFailure.at),
            folder: s.lastFailure.folder,
            message: pick(s.lastFailure.message),
            file: s.lastFailure.fallbackFile ?? '—',
          })}
        />
      )}
      {s?.folder && s.folderAvailable === false && !s.lastFailure && (
        <Alert type="warning" showIcon message={t('folder.unavailable')} />
      )}
      {manages ? (
        <Card size="small" title={t('folder.title')}>
          <Typography.Paragraph type="secondary">
            {t('folder.help', { local: s?.localFolder ?? '' })}
          </Typography.Paragraph>
          <Space.Compact style={{ width: '100%', maxWidth: 640 }}>
            <Input
              value={folder}
              onChange={(e) => setFolder(e.target.value)}
              placeholder={t('folder.placeholder')}
              data-testid="backup-folder"
            />
            <Button
              type="primary"
              loading={configure.isPending}
              onClick={() => configure.mutate({ folder: folder.trim() || null })}
              data-testid="backup-folder-save"
            >
              {t('folder.save')}
            </Button>
            {s?.folder && <Button onClick={() => configure.mutate({ folder: null })}>{t('folder.clear')}</Button>}
          </Space.Compact>
        </Card>
      ) : null}
      <Card
        size="small"
        title={t('list.title')}
        extra={
          <Button
            type="primary"
            icon={<SafetyOutlined />}
            loading={create.isPending}
            onClick={() => create.mutate({})}
            data-testid="backup-now"
          >
            {t('now')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">
          {s?.lastBackupAt ? t('last', { time: dateTime(s.lastBackupAt) }) : t('never')}{' '}
          {s &&
            t('retention', { manual: s.retention.manual, pre: s.retention.preMigration, safety: s.retention.safety })}
        </Typography.Paragraph>
        <Table<Item>
          size="small"
          rowKey={(r) => `${r.location}/${r.name}`}
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: t('list.empty') }}
          data-testid="backup-list"
          columns={[
            { title: t('list.time'), dataIndex: 'createdAt', width: 170, render: (v: number) => dateTime(v) },
            {
              title: t('list.kind'),
              dataIndex: 'kind',
              width: 190,
              render: (k: Item['kind'], r) => (
                <Space size={4}>
                  <Tag>{t(`kind.${k}`)}</Tag>
                  {r.weekly && <Tag color="blue">{t('list.weekly')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('list.where'),
              dataIndex: 'location',
              width: 110,
              render: (l: Item['location']) => t(`where.${l}`),
            },
            { title: t('list.size'), dataIndex: 'sizeBytes', width: 100, render: (n: number) => size(n) },
            {
              title: t('list.version'),
              key: 'version',
              width: 130,
              render: (_: unknown, r) => `${r.appVersion ?? '—'} / ${r.schemaVersion ?? '—'}`,
            },
            {
              title: t('list.file'),
              dataIndex: 'name',
              ellipsis: true,
              render: (n: string) => <Typography.Text type="secondary">{n}</Typography.Text>,
            },
            {
              key: 'restore',
              width: 90,
              render: (_: unknown, r) =>
                manages ? (
                  <Button
                    size="small"
                    icon={<CloudDownloadOutlined />}
                    onClick={() => askRestore(r)}
                    loading={restore.isPending}
                  >
                    {t('list.restore')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
    </Space>
  );
}

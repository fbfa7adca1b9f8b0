/**
 * 导入导出: export customers, vehicles or parts as .xlsx or CSV; import a file in two steps — the
 * core previews every row (new, update, unchanged, error with the reason) and 确认导入 stays disabled
 * while any row has an error; the import itself is all rows or none.
 */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, message, Radio, Space, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/api/contract.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { IMPORT_MAX_BASE64, TRANSFER_ENTITIES, type TransferEntity } from '../../../shared/api/schemas/backup.js';
import { useMutate } from '../../api/query.js';
import { ErrorAlert } from '../../components/errors.js';
import { saveBase64File } from '../../components/saveFile.js';
import { currentLang, pick } from '../../i18n/index.js';

type Preview = MethodOutput<'transfer.preview'>;
type PreviewRow = Preview['rows'][number];

const ACTION_COLOR = { create: 'green', update: 'blue', unchanged: 'default', error: 'red' } as const;

const toBase64 = async (file: File): Promise<string> => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
};

export function TransferTab() {
  const { t } = useTranslation('backup');
  const [entity, setEntity] = useState<TransferEntity>('customers');
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [confirmWarnings, setConfirmWarnings] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const reset = () => {
    setFile(null);
    setPreview(null);
    setConfirmWarnings(false);
    if (input.current) input.current.value = '';
  };

  const exporter = useMutate('transfer.export', {
    onSuccess: (f) => {
      saveBase64File(f.fileName, f.mimeType, f.contentBase64);
      message.success(t('transfer.exported', { name: f.fileName, rows: f.rows }));
    },
    onError: setError,
  });
  const previewer = useMutate('transfer.preview', {
    onSuccess: (p) => {
      setError(null);
      setPreview(p);
    },
    onError: (e) => {
      setPreview(null);
      setError(e);
    },
  });
  const importer = useMutate('transfer.import', {
    onSuccess: (r) => {
      setError(null);
      message.success(t('transfer.imported', r));
      reset();
    },
    onError: setError,
  });

  const choose = async (f: File | undefined) => {
    setPreview(null);
    setError(null);
    setConfirmWarnings(false);
    if (!f) return;
    const base64 = await toBase64(f);
    if (base64.length > IMPORT_MAX_BASE64) {
      message.error(t('transfer.tooLarge'));
      return;
    }
    setFile({ name: f.name, base64 });
    previewer.mutate({ entity, fileName: f.name, contentBase64: base64 });
  };

  const lang = currentLang();
  const label = (key: string) => {
    const c = preview?.columns.find((x) => x.key === key);
    return c ? c[lang] : key;
  };
  const counts = preview?.counts;
  const blocked = !preview || counts!.error > 0 || (counts!.warning > 0 && !confirmWarnings);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="settings-transfer">
      <Card size="small">
        <Space wrap>
          <Typography.Text strong>{t('transfer.entity')}</Typography.Text>
          <Radio.Group
            value={entity}
            onChange={(e) => {
              setEntity(e.target.value as TransferEntity);
              reset();
            }}
            optionType="button"
            data-testid="transfer-entity"
            options={TRANSFER_ENTITIES.map((k) => ({ value: k, label: t(`transfer.entities.${k}`) }))}
          />
        </Space>
      </Card>
      <ErrorAlert error={error} />
      <Card size="small" title={t('transfer.export')}>
        <Space>
          <Button
            icon={<DownloadOutlined />}
            loading={exporter.isPending}
            onClick={() => exporter.mutate({ entity, format: 'xlsx' })}
            data-testid="transfer-export-xlsx"
          >
            {t('transfer.exportXlsx')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            loading={exporter.isPending}
            onClick={() => exporter.mutate({ entity, format: 'csv' })}
          >
            {t('transfer.exportCsv')}
          </Button>
        </Space>
      </Card>
      <Card size="small" title={t('transfer.import')}>
        <Typography.Paragraph type="secondary">{t('transfer.help')}</Typography.Paragraph>
        <input
          ref={input}
          type="file"
          accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          style={{ display: 'none' }}
          onChange={(e) => {
            void choose(e.target.files?.[0]);
            // Forget the choice, so that picking the same file again after fixing it previews it again
            // (the browser fires no change event for an unchanged selection).
            e.target.value = '';
          }}
          data-testid="transfer-file"
        />
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space>
            <Button icon={<UploadOutlined />} loading={previewer.isPending} onClick={() => input.current?.click()}>
              {t('transfer.pick')}
            </Button>
            {file && <Typography.Text>{file.name}</Typography.Text>}
          </Space>
          {preview && (
            <>
              <Alert
                type={counts!.error > 0 ? 'error' : counts!.warning > 0 ? 'warning' : 'success'}
                showIcon
                data-testid="transfer-counts"
                message={t('transfer.counts', counts)}
                description={
                  <>
                    <div>
                      {t('transfer.columns', {
                        list: preview.columns
                          .map((c) => c[lang] + (c.required ? t('transfer.required') : ''))
                          .join('、'),
                      })}
                    </div>
                    {preview.ignoredHeaders.length > 0 && (
                      <div>{t('transfer.ignored', { list: preview.ignoredHeaders.join('、') })}</div>
                    )}
                    {counts!.error > 0 && <div>{t('transfer.fixFirst')}</div>}
                  </>
                }
              />
              <Table<PreviewRow>
                size="small"
                rowKey="row"
                dataSource={preview.rows}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                data-testid="transfer-preview"
                columns={[
                  { title: t('transfer.row'), dataIndex: 'row', width: 70 },
                  {
                    title: t('transfer.action'),
                    dataIndex: 'action',
                    width: 90,
                    render: (a: PreviewRow['action']) => (
                      <Tag color={ACTION_COLOR[a]}>{t(`transfer.actions.${a}`)}</Tag>
                    ),
                  },
                  { title: t('transfer.key'), dataIndex: 'key', width: 200 },
                  {
                    title: t('transfer.problems'),
                    key: 'issues',
                    render: (_: unknown, r) =>
                      r.issues.map((i) => (
                        <div key={`${i.code}:${i.field ?? ''}`}>
                          <Typography.Text type={i.severity === 'error' ? 'danger' : 'warning'}>
                            {i.field ? `${label(i.field)}：` : ''}
                            {pick(i.message)}
                          </Typography.Text>
                        </div>
                      )),
                  },
                ]}
              />
              {counts!.warning > 0 && counts!.error === 0 && (
                <Checkbox checked={confirmWarnings} onChange={(e) => setConfirmWarnings(e.target.checked)}>
                  {t('transfer.confirmWarnings')}
                </Checkbox>
              )}
              <Button
                type="primary"
                disabled={blocked}
                loading={importer.isPending}
                data-testid="transfer-confirm"
                onClick={() =>
                  file && importer.mutate({ entity, fileName: file.name, contentBase64: file.base64, confirmWarnings })
                }
              >
                {t('transfer.confirm')}
              </Button>
            </>
          )}
        </Space>
      </Card>
    </Space>
  );
}

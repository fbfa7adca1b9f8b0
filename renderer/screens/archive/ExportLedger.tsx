/**
 * 导出台账: the upload ledger as CSV (Excel on Chinese Windows opens it: the core adds a BOM) or JSON,
 * optionally for a date range, saved through the browser's download (Electron shows its save dialog).
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, type ButtonProps, DatePicker, Form, Modal, message, Radio } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutate } from '../../api/query.js';
import { useAllowed } from '../../app/permissions.js';
import { ErrorAlert } from '../../components/errors.js';
import { saveFile } from '../../components/saveFile.js';

interface Values {
  format: 'csv' | 'json';
  range?: [Dayjs | null, Dayjs | null] | null;
}

export function ExportLedger() {
  const { t } = useTranslation('archive');
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Values>();
  const allowed = useAllowed('archive.exportLedger');
  const [msg, msgHolder] = message.useMessage();
  const exp = useMutate('archive.exportLedger');

  const onFinish = (v: Values) => {
    const from = v.range?.[0]?.format('YYYY-MM-DD');
    const to = v.range?.[1]?.format('YYYY-MM-DD');
    exp.mutate(
      { format: v.format, ...(from ? { from } : {}), ...(to ? { to } : {}) },
      {
        onSuccess: (r) => {
          saveFile(r.filename, r.contentType, r.content);
          void msg.success(t('export.done', { n: r.rows, file: r.filename }));
          setOpen(false);
        },
      },
    );
  };

  if (!allowed) return null;
  return (
    <>
      {msgHolder}
      <Button icon={<DownloadOutlined />} onClick={() => setOpen(true)} data-testid="archive-export-open">
        {t('export.button')}
      </Button>
      <Modal
        open={open}
        title={t('export.title')}
        onCancel={() => setOpen(false)}
        okText={t('export.ok')}
        okButtonProps={{ loading: exp.isPending, 'data-testid': 'archive-export-submit' } as ButtonProps}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form<Values> form={form} layout="vertical" initialValues={{ format: 'csv' }} onFinish={onFinish}>
          <Form.Item name="format" label={t('export.format')}>
            <Radio.Group
              data-testid="archive-export-format"
              options={[
                { value: 'csv', label: t('export.csv') },
                { value: 'json', label: t('export.json') },
              ]}
            />
          </Form.Item>
          <Form.Item name="range" label={t('export.range')} extra={t('export.rangeHint')}>
            <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
          </Form.Item>
        </Form>
        <ErrorAlert error={exp.error} />
      </Modal>
    </>
  );
}

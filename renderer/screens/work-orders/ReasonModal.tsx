/**
 * 作废 and 冲红: both ask for a reason and say plainly what will happen before the clerk confirms.
 * Void is for an unsettled order; reverse (manager only) for a settled one — it writes a reversal
 * document, returns issued stock and queues a correction to the archive.
 */
import { Alert, type ButtonProps, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Issue } from '../../../shared/domain/issue.js';
import { useMutate } from '../../api/query.js';
import { applyApiError, ErrorAlert } from '../../components/errors.js';
import { leftOver } from './leftOver.js';
import type { OrderDetail } from './types.js';

export function ReasonModal({
  kind,
  detail,
  onClose,
}: {
  kind: 'void' | 'reverse';
  detail: OrderDetail;
  onClose: () => void;
}) {
  const { t } = useTranslation('workOrders');
  const [form] = Form.useForm<{ reason: string }>();
  const voidOrder = useMutate('workOrders.void');
  const reverse = useMutate('workOrders.reverse');
  const m = kind === 'void' ? voidOrder : reverse;
  const [rest, setRest] = useState<Issue[] | undefined>();
  const { order } = detail;

  const submit = async ({ reason }: { reason: string }) => {
    try {
      await m.mutateAsync({ id: order.id, reason: reason.trim() });
      onClose();
    } catch (e) {
      setRest(applyApiError(form, e as never, ['reason']));
    }
  };

  return (
    <Modal
      open
      title={t(`${kind}.title`, { number: order.number })}
      okText={t(`${kind}.ok`)}
      okButtonProps={{ danger: true, 'data-testid': `${kind}-submit` } as ButtonProps}
      cancelText={t('common:action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={m.isPending}
      destroyOnHidden
    >
      <div data-testid={`${kind}-modal`}>
        <Alert
          type={kind === 'void' ? 'warning' : 'error'}
          showIcon
          style={{ marginBottom: 16 }}
          title={t(`${kind}.consequence`, { number: order.number, settlementNo: order.settlementNo ?? '' })}
        />
        <Form form={form} scrollToFirstError={{ focus: true }} layout="vertical" onFinish={submit}>
          <Form.Item
            name="reason"
            label={t(`${kind}.reason`)}
            rules={[{ required: true, whitespace: true, message: t('errors.reasonRequired') }]}
          >
            <Input.TextArea
              maxLength={200}
              showCount
              autoSize={{ minRows: 2, maxRows: 4 }}
              autoFocus
              data-testid={`${kind}-reason`}
              onPressEnter={(e) => {
                // Enter confirms (the reason is one line); Shift+Enter for a new line.
                if (!e.shiftKey && !e.nativeEvent.isComposing) {
                  e.preventDefault();
                  form.submit();
                }
              }}
            />
          </Form.Item>
          <ErrorAlert error={leftOver(m.error, rest)} issues={rest} />
        </Form>
      </div>
    </Modal>
  );
}

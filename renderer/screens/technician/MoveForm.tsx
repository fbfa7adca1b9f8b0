/**
 * The step a technician takes on a job, inline in its card (no modal on a phone):
 * start (接车 → 维修中) and rework (完工待结算 → 维修中) with workOrders.setStatus and a note;
 * complete (维修中 → 完工待结算) with workOrders.complete, which needs the mileage out and, for
 * 二级维护/总成修理/整车修理, the inspector and certificate number. Both append the note to the order's notes.
 */
import { App, Button, Flex, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/api/contract.js';
import { REPAIR_CATEGORY_LABEL } from '../../../shared/domain/enums.js';
import type { Issue } from '../../../shared/domain/issue.js';
import { needsCompletionInspection } from '../../../shared/domain/warranty.js';
import { type ApiError, call } from '../../api/client.js';
import { applyApiError, ErrorAlert } from '../../components/errors.js';
import { pick } from '../../i18n/index.js';
import { sendWithConfirm } from '../vehicles/confirm.js';

export type Move = 'start' | 'complete' | 'rework';
type Detail = MethodOutput<'workOrders.get'>;

interface Values {
  note?: string;
  mileageOutKm?: number | null;
  inspector?: string;
  certificateNo?: string;
}

const FIELDS = ['note', 'mileageOutKm', 'inspector', 'certificateNo'] as const;
const BIG = { height: 52, fontSize: 17 } as const;
const CONFIRM: Record<Move, string> = {
  start: 'action.confirmStart',
  complete: 'action.confirmComplete',
  rework: 'action.confirmRework',
};
const DONE: Record<Move, string> = { start: 'done.started', complete: 'done.completed', rework: 'done.reworked' };

async function complete(d: Detail, v: Values, confirm: string[]) {
  await call('workOrders.complete', {
    id: d.order.id,
    mileageOutKm: v.mileageOutKm ?? 0,
    ...(v.inspector?.trim() ? { inspector: v.inspector.trim() } : {}),
    ...(v.certificateNo?.trim() ? { certificateNo: v.certificateNo.trim() } : {}),
    ...(v.note?.trim() ? { note: v.note.trim() } : {}),
    ...(confirm.length ? { confirm } : {}),
  });
}

export function MoveForm({ move, detail, onDone }: { move: Move; detail: Detail; onDone: () => void }) {
  const { t } = useTranslation('technician');
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [modal, holder] = Modal.useModal();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [rest, setRest] = useState<Issue[]>([]);
  const category = detail.order.repairCategory;
  const inspection = move === 'complete' && needsCompletionInspection(category);

  const submit = async (v: Values) => {
    setBusy(true);
    setError(null);
    setRest([]);
    let ok = false;
    await sendWithConfirm(
      modal,
      { title: t('form.confirmTitle'), ok: t('form.confirmOk'), cancel: t('common:action.cancel') },
      async (confirm) => {
        if (move === 'complete') await complete(detail, v, confirm);
        else {
          const note = v.note?.trim();
          await call('workOrders.setStatus', { id: detail.order.id, status: 'in_progress', ...(note ? { note } : {}) });
        }
        ok = true;
      },
      (err) => {
        if (err.code !== 'confirmation_required') setError(err);
        setRest(applyApiError(form, err, FIELDS));
      },
    ).finally(() => setBusy(false));
    if (ok) {
      message.success(t(DONE[move]));
      onDone();
    }
  };

  return (
    <Form
      form={form}
      layout="vertical"
      data-testid={`tech-${move}-form`}
      onFinish={submit}
      requiredMark={false}
      initialValues={{ mileageOutKm: detail.order.mileageInKm ?? undefined }}
      style={{ marginTop: 10, paddingTop: 10, borderTop: '1px solid #f0f0f0' }}
    >
      {holder}
      {move === 'complete' ? (
        <Form.Item
          name="mileageOutKm"
          label={t('form.mileageOut')}
          rules={[{ required: true, message: t('form.mileageOutRequired') }]}
        >
          <InputNumber<number>
            data-testid="tech-mileage-out"
            autoFocus
            size="large"
            inputMode="numeric"
            min={0}
            max={99_999_999}
            precision={0}
            style={{ width: '100%' }}
          />
        </Form.Item>
      ) : null}
      {inspection ? (
        <>
          <Typography.Paragraph type="secondary" style={{ margin: '0 0 8px' }}>
            {t('form.inspectionHint', { category: pick(REPAIR_CATEGORY_LABEL[category]) })}
          </Typography.Paragraph>
          <Form.Item name="inspector" label={t('form.inspector')}>
            <Input data-testid="tech-inspector" size="large" maxLength={30} />
          </Form.Item>
          <Form.Item name="certificateNo" label={t('form.certificateNo')}>
            <Input data-testid="tech-certificate" size="large" maxLength={50} autoComplete="off" />
          </Form.Item>
        </>
      ) : null}
      <Form.Item name="note" label={t('form.note')}>
        <Input.TextArea
          data-testid="tech-note"
          autoFocus={move !== 'complete'}
          maxLength={500}
          autoSize={{ minRows: 2, maxRows: 5 }}
          placeholder={t(move === 'rework' ? 'form.reworkPlaceholder' : 'form.notePlaceholder')}
          style={{ fontSize: 16 }}
        />
      </Form.Item>
      <ErrorAlert error={error} issues={rest} />
      <Flex gap={8} style={{ marginTop: 8 }}>
        <Button size="large" style={{ ...BIG, flex: '0 0 96px' }} onClick={onDone} disabled={busy}>
          {t('common:action.cancel')}
        </Button>
        <Button
          data-testid="tech-confirm"
          type="primary"
          htmlType="submit"
          size="large"
          loading={busy}
          style={{ ...BIG, flex: 1 }}
        >
          {t(CONFIRM[move])}
        </Button>
      </Flex>
    </Form>
  );
}

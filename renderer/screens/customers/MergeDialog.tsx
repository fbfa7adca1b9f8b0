/**
 * 合并重复客户: pick the duplicate by search, choose which record survives, read what will move,
 * confirm. The summary is computed from the core (the duplicate's vehicles, its unsettled and
 * settled orders) so the clerk knows exactly what customers.merge will do before it does it.
 */
import { Alert, App, Form, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall, useMutate } from '../../api/query.js';
import { ErrorAlert } from '../../components/errors.js';
import { CustomerPicker, type CustomerT, customerLabel } from './CustomerPicker.js';

const OPEN = ['received', 'in_progress', 'completed'] as const;
const SETTLED = ['settled', 'reversed'] as const;

function MergeSummary({ source, target }: { source: CustomerT; target: CustomerT }) {
  const { t } = useTranslation('customers');
  const detail = useCall('customers.get', { id: source.id });
  const open = useCall('workOrders.list', { customerId: source.id, statuses: [...OPEN], limit: 1, offset: 0 });
  const settled = useCall('workOrders.list', { customerId: source.id, statuses: [...SETTLED], limit: 1, offset: 0 });
  const names = { source: customerLabel(source), target: customerLabel(target) };
  const vehicles = detail.data?.vehicles.length ?? 0;
  const openOrders = open.data?.total ?? 0;
  const settledOrders = settled.data?.total ?? 0;
  const loading = detail.isLoading || open.isLoading || settled.isLoading;
  return (
    <Alert
      type="warning"
      showIcon
      data-testid="merge-summary"
      title={t('merge.summaryTitle')}
      description={
        loading ? (
          t('common:status.loading')
        ) : (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {/* Lines with nothing to move are left out: the clerk reads only what will happen. */}
            {vehicles ? <li>{t('merge.moveVehicles', { ...names, n: vehicles })}</li> : null}
            {openOrders ? <li>{t('merge.moveOpenOrders', { ...names, n: openOrders })}</li> : null}
            {settledOrders ? <li>{t('merge.keepSettled', { ...names, n: settledOrders })}</li> : null}
            <li>{t('merge.notCopied', names)}</li>
            <li>{t('merge.hidden', names)}</li>
          </ul>
        )
      }
    />
  );
}

export function MergeDialog({
  customer,
  onClose,
  onMerged,
}: {
  customer: CustomerT;
  onClose: () => void;
  onMerged: (survivor: CustomerT) => void;
}) {
  const { t } = useTranslation('customers');
  const { message } = App.useApp();
  const [other, setOther] = useState<CustomerT | undefined>();
  const [keep, setKeep] = useState<'this' | 'other'>('this');
  const merge = useMutate('customers.merge');
  const source = other ? (keep === 'this' ? other : customer) : undefined;
  const target = other ? (keep === 'this' ? customer : other) : undefined;

  const submit = () => {
    if (!source || !target) return;
    merge.mutate(
      { sourceId: source.id, targetId: target.id },
      {
        onSuccess: (survivor) => {
          message.success(t('merge.done', { target: customerLabel(survivor) }));
          onMerged(survivor);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('merge.title')}
      width={640}
      onCancel={onClose}
      onOk={submit}
      okText={t('merge.ok')}
      cancelText={t('common:action.cancel')}
      okButtonProps={{ danger: true, disabled: !source, loading: merge.isPending, 'data-testid': 'merge-confirm' }}
      destroyOnHidden
    >
      <div data-testid="merge-dialog">
        <Typography.Paragraph type="secondary">{t('merge.intro')}</Typography.Paragraph>
        <Form layout="vertical" component="div">
          <Form.Item label={t('merge.pick')} required>
            <CustomerPicker
              autoFocus
              testId="merge-pick"
              exclude={customer.id}
              value={other?.id}
              placeholder={t('merge.pickPlaceholder')}
              onPicked={setOther}
            />
          </Form.Item>
          {other ? (
            <Form.Item label={t('merge.keep')}>
              <Radio.Group
                data-testid="merge-keep"
                value={keep}
                onChange={(e) => setKeep(e.target.value)}
                options={[
                  { value: 'this', label: t('merge.keepThis', { name: customerLabel(customer) }) },
                  { value: 'other', label: t('merge.keepOther', { name: customerLabel(other) }) },
                ]}
                style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
              />
            </Form.Item>
          ) : null}
        </Form>
        {source && target ? <MergeSummary source={source} target={target} /> : null}
        <div style={{ marginTop: 12 }}>
          <ErrorAlert error={merge.error} />
        </div>
      </div>
    </Modal>
  );
}

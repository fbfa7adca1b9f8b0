/**
 * What can be done with the order now, by status (shared/domain/work-order-status.ts):
 * 接车 → 开始维修; 维修中 → 完工; 完工待结算 → 结算 (Ctrl+Enter) or 返工; before settlement 编辑 and
 * 作废; after it 冲红 (manager). Printing is always at hand. The core has the last word on every move.
 */
import {
  CheckCircleOutlined,
  EditOutlined,
  PlayCircleOutlined,
  PrinterOutlined,
  RollbackOutlined,
  StopOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { isEditable } from '../../../shared/domain/work-order-status.js';
import { useMutate } from '../../api/query.js';
import { useAllowed } from '../../app/permissions.js';
import { pick } from '../../i18n/index.js';
import type { OrderDetail } from './types.js';

export type Dialog = 'complete' | 'settle' | 'void' | 'reverse' | 'edit';

export function OrderActions({ detail, open }: { detail: OrderDetail; open: (d: Dialog) => void }) {
  const { t } = useTranslation('workOrders');
  const mayReverse = useAllowed('workOrders.reverse');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { order } = detail;
  const setStatus = useMutate('workOrders.setStatus', {
    onError: (e) => message.error(pick(e.bilingual)),
  });
  const start = () => setStatus.mutate({ id: order.id, status: 'in_progress' });
  const s = order.status;
  const editable = isEditable(s);
  const printReception = () => navigate(`/print/reception/${order.id}`);
  const printSettlement = () => navigate(`/print/settlement/${order.id}`);

  return (
    <>
      {s === 'received' ? (
        <Button
          type="primary"
          icon={<PlayCircleOutlined />}
          loading={setStatus.isPending}
          onClick={start}
          data-testid="action-start"
        >
          {t('actions.start')}
        </Button>
      ) : null}
      {s === 'in_progress' ? (
        <Button
          type="primary"
          icon={<CheckCircleOutlined />}
          onClick={() => open('complete')}
          data-testid="action-complete"
        >
          {t('actions.complete')}
        </Button>
      ) : null}
      {s === 'completed' ? (
        <>
          <Button
            type="primary"
            icon={<WalletOutlined />}
            onClick={() => open('settle')}
            data-testid="action-settle"
            title={t('actions.settleShortcut')}
          >
            {t('actions.settle')}
          </Button>
          <Button icon={<RollbackOutlined />} loading={setStatus.isPending} onClick={start} data-testid="action-rework">
            {t('actions.rework')}
          </Button>
        </>
      ) : null}
      {editable ? (
        <Button icon={<EditOutlined />} onClick={() => open('edit')} data-testid="action-edit">
          {t('actions.edit')}
        </Button>
      ) : null}
      {s === 'settled' || s === 'reversed' ? (
        <Button
          type={s === 'settled' ? 'primary' : 'default'}
          icon={<PrinterOutlined />}
          onClick={printSettlement}
          data-testid="action-print-settlement"
        >
          {t('actions.printSettlement')}
        </Button>
      ) : null}
      <Button icon={<PrinterOutlined />} onClick={printReception} data-testid="action-print-reception">
        {t('actions.printReception')}
      </Button>
      {editable ? (
        <Button danger icon={<StopOutlined />} onClick={() => open('void')} data-testid="action-void">
          {t('actions.void')}
        </Button>
      ) : null}
      {s === 'settled' && mayReverse ? (
        <Button danger icon={<RollbackOutlined />} onClick={() => open('reverse')} data-testid="action-reverse">
          {t('actions.reverse')}
        </Button>
      ) : null}
    </>
  );
}

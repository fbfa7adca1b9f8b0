/**
 * 重新上传: the core rebuilds the record from today's vehicle and shop data and checks it again.
 * Warnings (a VIN check digit the clerk vouches for) are confirmed in a modal and sent back;
 * errors that remain are listed with the field to fix — nothing is queued then.
 */
import { RedoOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface.js';
import type { HookAPI } from 'antd/es/modal/useModal/index.js';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/api/contract.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { useMutate } from '../../api/query.js';
import { warningCodes } from '../../components/errors.js';
import { pick } from '../../i18n/index.js';
import { IssueList } from './IssueList.js';

type Row = MethodOutput<'archive.records'>['items'][number];

export const canRequeue = (r: Row): boolean => r.kind === 'upload' && (r.state === 'held' || r.state === 'rejected');

/**
 * `modal` and `msg` come from the queue: a requeued row leaves a filtered list at once, and what it
 * says must outlive the button.
 */
export function RequeueButton({ row, modal, msg }: { row: Row; modal: HookAPI; msg: MessageInstance }) {
  const { t } = useTranslation('archive');
  const requeue = useMutate('archive.requeue');

  const run = (confirm?: string[]) =>
    requeue.mutate(
      { id: row.id, ...(confirm ? { confirm } : {}) },
      {
        onSuccess: () => void msg.success(t('requeue.done', { no: row.settlementNo })),
        onError: (err: ApiError) => {
          const codes = warningCodes(err);
          if (codes.length > 0) {
            void modal.confirm({
              title: t('requeue.confirmTitle'),
              width: 600,
              content: (
                <>
                  <Typography.Paragraph>{t('requeue.confirmText')}</Typography.Paragraph>
                  <IssueList issues={err.fields} workOrderId={row.workOrderId} />
                </>
              ),
              okText: t('requeue.confirmOk'),
              onOk: () => run(codes),
            });
            return;
          }
          void modal.error({
            title: t('requeue.failedTitle'),
            width: 600,
            content: (
              <div data-testid="archive-requeue-error">
                <Typography.Paragraph>{pick(err.bilingual)}</Typography.Paragraph>
                <IssueList issues={err.fields} workOrderId={row.workOrderId} />
              </div>
            ),
          });
        },
      },
    );

  return (
    <Button
      size="small"
      icon={<RedoOutlined />}
      loading={requeue.isPending}
      onClick={(e) => {
        e.stopPropagation();
        run();
      }}
      data-testid="archive-requeue"
    >
      {t('requeue.button')}
    </Button>
  );
}

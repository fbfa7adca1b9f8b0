/**
 * "Who am I": the technician picks their name once; the phone remembers it. The choice only filters
 * the job list (requests act as the shop's default user until PIN login arrives).
 */
import { UserOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/api/contract.js';
import type { ApiError } from '../../api/client.js';
import { ErrorAlert } from '../../components/errors.js';

export type UserT = MethodOutput<'users.list'>[number];

export function WhoAmI({
  technicians,
  loading,
  error,
  onPick,
}: {
  technicians: UserT[];
  loading: boolean;
  error: ApiError | null;
  onPick: (u: UserT) => void;
}) {
  const { t } = useTranslation('technician');
  return (
    <div data-testid="tech-who">
      <Typography.Title level={4} style={{ marginTop: 4 }}>
        {t('whoAmI')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('pickHint')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      {loading ? (
        <Skeleton active />
      ) : technicians.length === 0 ? (
        <Empty description={t('noTechnicians')} />
      ) : (
        <Flex vertical gap={12}>
          {technicians.map((u) => (
            <Button
              key={u.id}
              data-testid="tech-pick"
              size="large"
              block
              icon={<UserOutlined />}
              onClick={() => onPick(u)}
              style={{ height: 56, fontSize: 18, justifyContent: 'flex-start' }}
            >
              {u.name}
            </Button>
          ))}
        </Flex>
      )}
    </div>
  );
}

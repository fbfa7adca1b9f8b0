/**
 * 配对本设备: what an unpaired phone or PC on the shop LAN sees — the only page it can reach. The
 * manager shows a six-digit code at the desk; the device trades it for its own token, kept in this
 * browser until the manager revokes it. `ended`: this browser was paired and the core refused its token
 * (revoked), so it says why it is back here.
 */
import { LinkOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMutate } from '../api/query.js';
import { setDeviceToken } from '../api/session.js';
import { ErrorAlert } from '../components/errors.js';
import { currentLang, setLang } from '../i18n/index.js';
import { useCredentialsChanged } from './AccessGate.js';

export function PairDevice({ ended = false }: { ended?: boolean }) {
  const { t } = useTranslation('access');
  const pair = useMutate('lan.pair');
  const changed = useCredentialsChanged();
  return (
    <Flex align="center" justify="center" style={{ minHeight: '100vh', background: '#f5f5f5', padding: 12 }}>
      <Card
        style={{ width: 420, maxWidth: '100%' }}
        title={
          <span>
            <LinkOutlined /> {t('common:app.name')} · {t('pair.title')}
          </span>
        }
        extra={
          <Button type="text" onClick={() => setLang(currentLang() === 'zh' ? 'en' : 'zh')}>
            {currentLang() === 'zh' ? t('common:lang.en') : t('common:lang.zh')}
          </Button>
        }
        data-testid="pair-device"
      >
        {ended ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('pair.revoked')}
            data-testid="pair-ended"
          />
        ) : null}
        <Typography.Paragraph type="secondary">{t('pair.hint')}</Typography.Paragraph>
        <Form<{ code: string; name: string }>
          layout="vertical"
          onFinish={(v) =>
            pair.mutate(
              { code: v.code.trim(), name: v.name.trim() },
              {
                onSuccess: (r) => {
                  setDeviceToken(r.token);
                  changed();
                },
              },
            )
          }
        >
          <Form.Item
            name="code"
            label={t('pair.code')}
            rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('pair.codeRequired') }]}
          >
            <Input
              autoFocus
              inputMode="numeric"
              maxLength={6}
              size="large"
              autoComplete="one-time-code"
              style={{ letterSpacing: 6, fontSize: 22 }}
              data-testid="pair-code"
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('pair.name')}
            rules={[{ required: true, whitespace: true, message: t('pair.nameRequired') }]}
          >
            <Input maxLength={40} placeholder={t('pair.namePlaceholder')} size="large" data-testid="pair-name" />
          </Form.Item>
          {/* Clear of the button below it. */}
          {pair.error ? (
            <div style={{ marginBottom: 12 }}>
              <ErrorAlert error={pair.error} />
            </div>
          ) : null}
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={pair.isPending}
            data-testid="pair-submit"
          >
            {t('pair.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}

/**
 * PINs and the sign-in mode, in the users tab (manager): set or clear one user's PIN, and switch
 * between single-user (no sign-in on this PC) and multi-user mode (everyone signs in with a PIN).
 */
import { App, Button, Card, Flex, Form, Input, Modal, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/api/contract.js';
import { useCall, useMutate } from '../../api/query.js';
import { ErrorAlert } from '../../components/errors.js';

type User = MethodOutput<'users.list'>[number];

export function PinModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useTranslation('access');
  const { message } = App.useApp();
  const [form] = Form.useForm<{ pin: string; again: string }>();
  const setPin = useMutate('users.setPin');
  const save = (pin: string | null) =>
    user &&
    setPin.mutate(
      { id: user.id, pin },
      {
        onSuccess: () => {
          void message.success(pin ? t('pinModal.saved') : t('pinModal.cleared'));
          onClose();
        },
      },
    );
  return (
    <Modal
      open={user !== null}
      title={user ? t('pinModal.title', { name: user.name }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={setPin.isPending}
      destroyOnHidden
      afterClose={() => setPin.reset()}
      footer={(_, { OkBtn, CancelBtn }) => (
        <Flex justify="space-between">
          <Button danger disabled={!user?.hasPin} onClick={() => save(null)} data-testid="pin-clear">
            {t('pinModal.clear')}
          </Button>
          <span>
            <CancelBtn /> <OkBtn />
          </span>
        </Flex>
      )}
    >
      <Form form={form} layout="vertical" preserve={false} onFinish={(v) => save(v.pin)}>
        <Form.Item
          name="pin"
          label={t('pinModal.pin')}
          rules={[{ required: true, pattern: /^\d{4,6}$/, message: t('pinModal.pinRequired') }]}
        >
          <Input.Password
            autoFocus
            inputMode="numeric"
            maxLength={6}
            autoComplete="new-password"
            data-testid="pin-new"
          />
        </Form.Item>
        <Form.Item
          name="again"
          label={t('pinModal.confirm')}
          dependencies={['pin']}
          rules={[
            { required: true, message: t('pinModal.pinRequired') },
            ({ getFieldValue }) => ({
              validator: (_, v) =>
                v === getFieldValue('pin') ? Promise.resolve() : Promise.reject(new Error(t('pinModal.mismatch'))),
            }),
          ]}
        >
          <Input.Password inputMode="numeric" maxLength={6} autoComplete="new-password" data-testid="pin-again" />
        </Form.Item>
        <button type="submit" hidden aria-hidden />
      </Form>
      <ErrorAlert error={setPin.error} />
    </Modal>
  );
}

export function AccessModeCard() {
  const { t } = useTranslation('access');
  const { modal } = App.useApp();
  const settings = useCall('auth.settings', {});
  const setMode = useMutate('auth.setMode', { onSuccess: () => void settings.refetch() });
  const mode = settings.data?.mode;
  const change = (next: 'single' | 'multi') => {
    if (next === 'multi')
      modal.confirm({
        title: t('users.switchOn'),
        content: t('users.confirmOn'),
        onOk: () => setMode.mutate({ mode: next }),
      });
    else setMode.mutate({ mode: next });
  };
  return (
    <Card size="small" title={t('users.modeTitle')} loading={settings.isLoading} style={{ marginBottom: 12 }}>
      <Radio.Group value={mode} onChange={(e) => change(e.target.value)} disabled={setMode.isPending}>
        <Flex vertical gap={4}>
          <Radio value="single" data-testid="mode-single">
            {t('users.single')}
          </Radio>
          <Radio value="multi" data-testid="mode-multi">
            {t('users.multi')}
          </Radio>
        </Flex>
      </Radio.Group>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('users.multiHint')}
      </Typography.Paragraph>
      <ErrorAlert error={settings.error ?? setMode.error} />
    </Card>
  );
}

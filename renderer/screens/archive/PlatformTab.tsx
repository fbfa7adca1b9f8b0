/**
 * 平台设置: the shop's account on its city's archive platform — city, platform family, address,
 * company code, password — with "测试连接" on the values in the form before they are saved. The
 * password is never shown or sent back; leaving it empty keeps the saved one. While the local demo
 * platform runs, a notice says so: saving a real platform turns the demo off.
 */
import { ApiOutlined, SaveOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Flex, Form, Input, message, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/api/contract.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { ADAPTER_IDS } from '../../../shared/api/schemas/archive.js';
import { GUANGDONG_CITIES } from '../../../shared/domain/cities.js';
import type { Issue } from '../../../shared/domain/issue.js';
import { useCall, useMutate } from '../../api/query.js';
import { useAllowed } from '../../app/permissions.js';
import { applyApiError, ErrorAlert } from '../../components/errors.js';
import { dateTime } from '../../components/format.js';
import { pick } from '../../i18n/index.js';

type AdapterId = (typeof ADAPTER_IDS)[number];
type Platform = NonNullable<MethodOutput<'archive.status'>['platform']>;

interface Values {
  cityCode?: string | null;
  adapter: AdapterId;
  baseUrl?: string;
  companyCode?: string;
  password?: string;
}

const FIELDS = ['cityCode', 'adapter', 'baseUrl', 'companyCode', 'password'] as const;
/** The one family a city is known to use (archive-interface.md §3); others are set by hand. */
const CITY_ADAPTER: Record<string, AdapterId> = { '440600': 'foshan' };

/** The schema's rule (an http or https URL), said in the clerk's words before the core says it in its own. */
const isPlatformUrl = (v: string): boolean => {
  try {
    return ['http:', 'https:'].includes(new URL(v.trim()).protocol);
  } catch {
    return false;
  }
};

const blankToUndefined = (s: string | undefined): string | undefined => (s?.trim() ? s.trim() : undefined);

export function PlatformTab() {
  const { data: status, isLoading } = useCall('archive.status', {});
  const { data: shop, isLoading: shopLoading } = useCall('shop.get', {});
  if (isLoading || shopLoading || !status) return <Card loading />;
  // Remount the form when the saved settings change, so it shows what is now in force.
  return <PlatformForm key={status.platform?.configuredAt ?? 0} platform={status.platform} shopCity={shop?.cityCode} />;
}

function PlatformForm({ platform, shopCity }: { platform: Platform | null; shopCity: string | undefined }) {
  const manages = useAllowed('archive.configure');
  const { t } = useTranslation('archive');
  const [form] = Form.useForm<Values>();
  const [msg, msgHolder] = message.useMessage();
  const [saveError, setSaveError] = useState<{ error: ApiError; rest: Issue[] } | null>(null);
  const [testError, setTestError] = useState<{ error: ApiError; rest: Issue[] } | null>(null);
  const configure = useMutate('archive.configure');
  const test = useMutate('archive.testConnection');
  const demo = platform?.demo ?? false;
  // The demo's loopback address and account mean nothing for a real platform: start from a blank form.
  const real = platform && !demo ? platform : null;
  const cityCode = Form.useWatch('cityCode', form);

  const initial: Values = real
    ? { cityCode: real.cityCode, adapter: real.adapter, baseUrl: real.baseUrl, companyCode: real.companyCode }
    : { cityCode: shopCity || null, adapter: 'lcippro-nested' };

  const onTest = async () => {
    setTestError(null);
    test.reset();
    // Check what is typed (an address that is no URL…) but let empty fields fall back to the saved ones.
    const typed = (['baseUrl', 'companyCode'] as const).filter((f) => blankToUndefined(form.getFieldValue(f)));
    try {
      await form.validateFields([...typed]);
    } catch {
      return;
    }
    const v = form.getFieldsValue();
    const password = blankToUndefined(v.password);
    // In demo mode the saved password is the demo's: never try it against a real address.
    if (demo && !password && blankToUndefined(v.baseUrl)) {
      form.setFields([{ name: 'password', errors: [t('platform.passwordRequired')] }]);
      return;
    }
    test.mutate(
      {
        adapter: v.adapter,
        ...(blankToUndefined(v.baseUrl) ? { baseUrl: blankToUndefined(v.baseUrl) } : {}),
        ...(blankToUndefined(v.companyCode) ? { companyCode: blankToUndefined(v.companyCode) } : {}),
        ...(password ? { password } : {}),
      },
      { onError: (error) => setTestError({ error, rest: applyApiError(form, error, FIELDS) }) },
    );
  };

  const onSave = (v: Values) => {
    setSaveError(null);
    const password = blankToUndefined(v.password);
    configure.mutate(
      {
        adapter: v.adapter,
        baseUrl: (v.baseUrl ?? '').trim(),
        companyCode: (v.companyCode ?? '').trim(),
        cityCode: v.cityCode || null,
        ...(password ? { password } : {}),
      },
      {
        onSuccess: () => void msg.success(t('platform.saved')),
        onError: (error) => setSaveError({ error, rest: applyApiError(form, error, FIELDS) }),
      },
    );
  };

  const passwordSaved = real?.hasPassword ?? false;

  return (
    <Row gutter={24}>
      {msgHolder}
      <Col xs={24} xl={14}>
        <Card size="small" title={t('platform.formTitle')}>
          <Form<Values>
            form={form}
            layout="horizontal"
            // Only a manager changes the platform account; the others see it.
            disabled={!manages}
            labelCol={{ span: 6 }}
            wrapperCol={{ span: 18 }}
            initialValues={initial}
            onFinish={onSave}
            // A test result belongs to the values it tested.
            onValuesChange={() => test.data && test.reset()}
            data-testid="archive-platform-form"
          >
            <Form.Item name="cityCode" label={t('platform.city')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('platform.cityPlaceholder')}
                data-testid="archive-platform-city"
                options={GUANGDONG_CITIES.map((c) => ({ value: c.code, label: `${c.name} ${c.code}` }))}
                onChange={(code?: string) => {
                  const preset = code ? CITY_ADAPTER[code] : undefined;
                  if (preset && !form.isFieldTouched('adapter')) form.setFieldValue('adapter', preset);
                }}
              />
            </Form.Item>
            <Form.Item
              name="adapter"
              label={t('platform.adapter')}
              rules={[{ required: true }]}
              extra={t('platform.adapterHint')}
            >
              <Select
                data-testid="archive-platform-adapter"
                options={ADAPTER_IDS.map((id) => ({ value: id, label: t(`adapters.${id}`) }))}
              />
            </Form.Item>
            <Form.Item
              name="baseUrl"
              label={t('platform.baseUrl')}
              rules={[
                { required: true, message: t('platform.baseUrlRequired') },
                {
                  validator: (_, v?: string) =>
                    !v?.trim() || isPlatformUrl(v)
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('platform.baseUrlInvalid'))),
                },
              ]}
              extra={t('platform.baseUrlHint')}
            >
              <Input placeholder="https://" autoComplete="off" spellCheck={false} data-testid="archive-platform-url" />
            </Form.Item>
            <Form.Item
              name="companyCode"
              label={t('platform.companyCode')}
              rules={[
                { required: true, message: t('platform.companyCodeRequired') },
                { pattern: /^\s*[0-9A-Za-z]{1,30}\s*$/, message: t('platform.companyCodeInvalid') },
              ]}
              extra={cityCode ? t('platform.companyCodeHintCity', { code: cityCode }) : t('platform.companyCodeHint')}
            >
              <Input autoComplete="off" spellCheck={false} maxLength={30} data-testid="archive-platform-company" />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('platform.password')}
              rules={passwordSaved ? [] : [{ required: true, message: t('platform.passwordRequired') }]}
              extra={passwordSaved ? t('platform.passwordKeep') : undefined}
            >
              <Input.Password
                autoComplete="new-password"
                placeholder={passwordSaved ? t('platform.passwordSaved') : t('platform.passwordPlaceholder')}
                data-testid="archive-platform-password"
              />
            </Form.Item>
            <Form.Item wrapperCol={{ offset: 6, span: 18 }} style={{ marginBottom: 8 }}>
              <Flex gap={8} wrap>
                <Button
                  onClick={onTest}
                  loading={test.isPending}
                  icon={<ApiOutlined />}
                  data-testid="archive-test-connection"
                >
                  {t('platform.test')}
                </Button>
                <Button
                  type="primary"
                  htmlType="submit"
                  loading={configure.isPending}
                  icon={<SaveOutlined />}
                  data-testid="archive-platform-save"
                >
                  {t('common:action.save')}
                </Button>
              </Flex>
            </Form.Item>
          </Form>
          <Flex vertical gap={8}>
            {test.data ? (
              <Alert
                data-testid="archive-test-result"
                data-ok={String(test.data.ok)}
                type={test.data.ok ? 'success' : 'error'}
                showIcon
                title={pick(test.data.message)}
                description={
                  test.data.code !== null
                    ? t('platform.testDetailCode', { ms: test.data.latencyMs, code: test.data.code })
                    : t('platform.testDetail', { ms: test.data.latencyMs })
                }
              />
            ) : null}
            {testError ? <ErrorAlert error={testError.error} issues={testError.rest} /> : null}
            {saveError ? <ErrorAlert error={saveError.error} issues={saveError.rest} /> : null}
          </Flex>
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Flex vertical gap={16}>
          {demo && platform ? (
            <Alert
              type="warning"
              showIcon
              data-testid="archive-demo-notice"
              title={t('platform.demoTitle')}
              description={t('platform.demoText', { url: platform.baseUrl })}
            />
          ) : null}
          <Card size="small" title={t('platform.current')} data-testid="archive-platform-current">
            {platform ? (
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('platform.label')}>{pick(platform.label)}</Descriptions.Item>
                <Descriptions.Item label={t('platform.adapter')}>{t(`adapters.${platform.adapter}`)}</Descriptions.Item>
                <Descriptions.Item label={t('platform.city')}>{platform.cityName ?? '—'}</Descriptions.Item>
                <Descriptions.Item label={t('platform.baseUrl')}>{platform.baseUrl}</Descriptions.Item>
                <Descriptions.Item label={t('platform.companyCode')}>{platform.companyCode}</Descriptions.Item>
                <Descriptions.Item label={t('platform.password')}>
                  {platform.hasPassword ? t('platform.passwordSaved') : t('platform.passwordMissing')}
                </Descriptions.Item>
                <Descriptions.Item label={t('platform.configuredAt')}>
                  {dateTime(platform.configuredAt)}
                </Descriptions.Item>
              </Descriptions>
            ) : (
              <Alert type="info" showIcon title={t('platform.none')} />
            )}
          </Card>
        </Flex>
      </Col>
    </Row>
  );
}

/**
 * 店铺资料: the shop as registered — printed on every settlement sheet and sent to the archive
 * (the company name must match the platform's registration exactly). The credit code is checked here
 * as the clerk types and again by the core, whose answer stands; every error sits at its field.
 */
import { SaveOutlined } from '@ant-design/icons';
import { Button, Card, Col, Form, Input, message, Row, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/api/contract.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { GUANGDONG_CITIES } from '../../../shared/domain/cities.js';
import { checkCreditCode } from '../../../shared/domain/credit-code.js';
import { SHOP_CLASS_LABEL, SHOP_CLASSES, type ShopClass } from '../../../shared/domain/enums.js';
import type { Issue } from '../../../shared/domain/issue.js';
import { formatFen, parseYuan } from '../../../shared/domain/money.js';
import { useCall, useMutate } from '../../api/query.js';
import { useAllowed } from '../../app/permissions.js';
import { applyApiError, ErrorAlert } from '../../components/errors.js';
import { pick } from '../../i18n/index.js';

type Shop = MethodOutput<'shop.get'>;

interface Values {
  name: string;
  creditCode: string;
  roadTransportLicence: string;
  shopClass: ShopClass | null;
  address: string;
  phone: string;
  contactName: string;
  cityCode: string | null;
  /** Typed in yuan; named after the API field so the core's errors land here. */
  labourRateFen: string;
  labourStandard: string;
  allowNegativeStock: boolean;
  workOrderPrefix: string;
  settlementPrefix: string;
}

const FIELDS = [
  'name',
  'creditCode',
  'roadTransportLicence',
  'shopClass',
  'address',
  'phone',
  'contactName',
  'cityCode',
  'labourRateFen',
  'labourStandard',
  'allowNegativeStock',
  'workOrderPrefix',
  'settlementPrefix',
] as const;

const toValues = (s: Shop): Values => ({
  name: s.name,
  creditCode: s.creditCode,
  roadTransportLicence: s.roadTransportLicence,
  shopClass: s.shopClass,
  address: s.address,
  phone: s.phone,
  contactName: s.contactName,
  cityCode: s.cityCode || null,
  labourRateFen: formatFen(s.labourRateFen),
  labourStandard: s.labourStandard,
  allowNegativeStock: s.allowNegativeStock,
  workOrderPrefix: s.workOrderPrefix,
  settlementPrefix: s.settlementPrefix,
});

const upper = (v: string | undefined) => (v ?? '').toUpperCase();

export function ShopForm() {
  const { data, isLoading } = useCall('shop.get', {});
  if (isLoading || !data) return <Card loading />;
  return <ShopFormLoaded key={data.updatedAt} shop={data} />;
}

function ShopFormLoaded({ shop }: { shop: Shop }) {
  const manages = useAllowed('shop.update');
  const { t } = useTranslation('settings');
  const [form] = Form.useForm<Values>();
  const [msg, msgHolder] = message.useMessage();
  const [failure, setFailure] = useState<{ error: ApiError; rest: Issue[] } | null>(null);
  const update = useMutate('shop.update');

  const onFinish = (v: Values) => {
    setFailure(null);
    const labourRateFen = parseYuan(v.labourRateFen);
    if (labourRateFen === undefined || labourRateFen < 0) {
      form.setFields([{ name: 'labourRateFen', errors: [t('shop.labourRateInvalid')] }]);
      return;
    }
    update.mutate(
      {
        name: v.name,
        creditCode: v.creditCode,
        roadTransportLicence: v.roadTransportLicence,
        shopClass: v.shopClass ?? null,
        address: v.address,
        phone: v.phone,
        contactName: v.contactName,
        cityCode: v.cityCode ?? '',
        labourRateFen,
        labourStandard: v.labourStandard,
        allowNegativeStock: v.allowNegativeStock,
        workOrderPrefix: v.workOrderPrefix,
        settlementPrefix: v.settlementPrefix,
      },
      {
        onSuccess: () => void msg.success(t('shop.saved')),
        onError: (error) => setFailure({ error, rest: applyApiError(form, error, FIELDS) }),
      },
    );
  };

  return (
    <Card size="small">
      {msgHolder}
      <Form<Values>
        form={form}
        layout="vertical"
        // Only a manager changes the shop's registered details; the others read them.
        disabled={!manages}
        initialValues={toValues(shop)}
        onFinish={onFinish}
        data-testid="settings-shop-form"
      >
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item
              name="name"
              label={t('shop.name')}
              extra={t('shop.nameHint')}
              rules={[{ required: true, whitespace: true, message: t('shop.nameRequired') }]}
            >
              <Input maxLength={100} autoFocus data-testid="settings-shop-name" />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item
              name="creditCode"
              label={t('shop.creditCode')}
              validateTrigger="onBlur"
              rules={[
                {
                  validator: (_, v: string) => {
                    if (!v?.trim()) return Promise.resolve();
                    const issues = checkCreditCode(v).issues.filter((i) => i.severity === 'error');
                    return issues.length ? Promise.reject(new Error(pick(issues[0]!.message))) : Promise.resolve();
                  },
                },
              ]}
            >
              <Input maxLength={18} spellCheck={false} data-testid="settings-shop-credit-code" />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="roadTransportLicence" label={t('shop.licence')}>
              <Input maxLength={50} data-testid="settings-shop-licence" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="shopClass" label={t('shop.class')}>
              <Select
                allowClear
                placeholder={t('shop.classPlaceholder')}
                data-testid="settings-shop-class"
                options={SHOP_CLASSES.map((c) => ({ value: c, label: pick(SHOP_CLASS_LABEL[c]) }))}
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="cityCode" label={t('shop.city')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('shop.cityPlaceholder')}
                data-testid="settings-shop-city"
                options={GUANGDONG_CITIES.map((c) => ({ value: c.code, label: `${c.name} ${c.code}` }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="address" label={t('shop.address')}>
              <Input maxLength={200} data-testid="settings-shop-address" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="contactName" label={t('shop.contact')}>
              <Input maxLength={50} data-testid="settings-shop-contact" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="phone" label={t('shop.phone')}>
              <Input maxLength={30} data-testid="settings-shop-phone" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="labourRateFen"
              label={t('shop.labourRate')}
              rules={[
                {
                  validator: (_, v: string) =>
                    parseYuan(v ?? '') !== undefined && (parseYuan(v) ?? -1) >= 0
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('shop.labourRateInvalid'))),
                },
              ]}
            >
              <Input suffix={t('shop.perHour')} inputMode="decimal" data-testid="settings-shop-labour-rate" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="labourStandard" label={t('shop.labourStandard')}>
              <Input
                maxLength={100}
                placeholder={t('shop.labourStandardPlaceholder')}
                data-testid="settings-shop-labour-standard"
              />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item
              name="workOrderPrefix"
              label={t('shop.workOrderPrefix')}
              normalize={upper}
              rules={[{ pattern: /^[A-Z]{1,6}$/, message: t('shop.prefixInvalid') }]}
            >
              <Input maxLength={6} data-testid="settings-shop-wo-prefix" />
            </Form.Item>
          </Col>
          <Col span={4}>
            <Form.Item
              name="settlementPrefix"
              label={t('shop.settlementPrefix')}
              normalize={upper}
              rules={[{ pattern: /^[A-Z]{1,6}$/, message: t('shop.prefixInvalid') }]}
            >
              <Input maxLength={6} data-testid="settings-shop-settle-prefix" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              name="allowNegativeStock"
              label={t('shop.negativeStock')}
              valuePropName="checked"
              extra={t('shop.negativeStockHint')}
            >
              <Switch data-testid="settings-shop-negative-stock" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label={t('shop.timezone')} extra={t('shop.timezoneHint')}>
              <Typography.Text data-testid="settings-shop-timezone">{shop.timezone}</Typography.Text>
            </Form.Item>
          </Col>
        </Row>
        <ErrorAlert error={failure?.error} issues={failure?.rest} />
        <Button
          type="primary"
          htmlType="submit"
          icon={<SaveOutlined />}
          loading={update.isPending}
          style={{ marginTop: failure ? 12 : 0 }}
          data-testid="settings-shop-save"
        >
          {t('common:action.save')}
        </Button>
      </Form>
    </Card>
  );
}

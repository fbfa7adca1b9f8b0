/**
 * 结算: discount, other fee, payment method, old-parts disposition, the statutory warranty of the
 * repair category, and the total — shown, and sent as `expectedTotalFen` so a line changed on another
 * PC meanwhile makes the core refuse instead of settling a different amount. The core reports every
 * missing piece at once (VIN, mileage, fault, labour, part codes…): all are listed, with where to fix
 * them. On success the settlement sheet opens for printing.
 */
import {
  Alert,
  Button,
  type ButtonProps,
  Col,
  Descriptions,
  Form,
  Input,
  Modal,
  Radio,
  Row,
  Space,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  OLD_PARTS_DISPOSITION_LABEL,
  OLD_PARTS_DISPOSITIONS,
  type OldPartsDisposition,
  PAYMENT_METHOD_LABEL,
  PAYMENT_METHODS,
  type PaymentMethod,
} from '../../../shared/domain/enums.js';
import type { Issue } from '../../../shared/domain/issue.js';
import { fenToChineseCapital } from '../../../shared/domain/money.js';
import { warrantyFor, warrantyText } from '../../../shared/domain/warranty.js';
import { useMutate } from '../../api/query.js';
import { useOrderDialogOpen } from '../../app/update/orderEdits.js';
import { enterSubmits } from '../../components/enterMovesOn.js';
import { applyApiError, ErrorAlert } from '../../components/errors.js';
import { yuan } from '../../components/format.js';
import { pick } from '../../i18n/index.js';
import type { OrderDetail } from './types.js';
import { numberRule, parseFen } from './units.js';

interface Values {
  discountFen?: string;
  otherFeeFen?: string;
  paymentMethod?: PaymentMethod;
  oldPartsDisposition?: OldPartsDisposition;
}

const ORDER_ISSUE_FIELDS = ['mileageInKm', 'faultDescription'];

export function SettleModal({
  detail,
  onClose,
  onEditOrder,
}: {
  detail: OrderDetail;
  onClose: () => void;
  /** Open the order's edit dialog (to fill a missing mileage or fault description). */
  onEditOrder: () => void;
}) {
  const { t } = useTranslation('workOrders');
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  useOrderDialogOpen();
  const settle = useMutate('workOrders.settle');
  const [rest, setRest] = useState<Issue[] | undefined>();
  const { order } = detail;
  const discount = parseFen(Form.useWatch('discountFen', form)) ?? 0;
  const other = parseFen(Form.useWatch('otherFeeFen', form)) ?? 0;
  const subtotal = order.labourTotalFen + order.partsTotalFen + other;
  const total = subtotal - discount;
  const warranty = pick(warrantyText(warrantyFor(order.repairCategory)));
  // Lines can change on another PC while the dialog is open; the amounts follow, and say so.
  const [linesAtOpen] = useState(order.labourTotalFen + order.partsTotalFen);
  const linesChanged = order.labourTotalFen + order.partsTotalFen !== linesAtOpen;

  const submit = async (v: Values) => {
    try {
      await settle.mutateAsync({
        id: order.id,
        discountFen: parseFen(v.discountFen) ?? 0,
        otherFeeFen: parseFen(v.otherFeeFen) ?? 0,
        paymentMethod: v.paymentMethod!,
        oldPartsDisposition: v.oldPartsDisposition!,
        expectedTotalFen: total,
      });
      navigate(`/print/settlement/${order.id}`);
    } catch (e) {
      setRest(applyApiError(form, e as never, ['discountFen', 'otherFeeFen', 'paymentMethod', 'oldPartsDisposition']));
    }
  };

  const needsVehicle = rest?.some((i) => i.field?.startsWith('vehicle'));
  const needsOrder = rest?.some((i) => i.field && ORDER_ISSUE_FIELDS.includes(i.field));
  const needsLines = rest?.some((i) => i.field && /^(parts|labour)/.test(i.field));

  return (
    <Modal
      open
      width={640}
      style={{ top: 40 }}
      title={t('settle.title', { number: order.number })}
      okText={t('settle.ok', { total: yuan(total) })}
      cancelText={t('common:action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={settle.isPending}
      okButtonProps={{ 'data-testid': 'settle-submit', disabled: total < 0 } as ButtonProps}
      destroyOnHidden
    >
      <div onKeyDownCapture={enterSubmits} data-testid="settle-modal">
        <Form
          form={form}
          scrollToFirstError={{ focus: true }}
          layout="horizontal"
          labelCol={{ flex: '112px' }}
          labelWrap
          initialValues={{
            discountFen: '',
            otherFeeFen: '',
            oldPartsDisposition: detail.parts.some((p) => !p.customerSupplied) ? 'customer_keeps' : 'none',
          }}
          onFinish={submit}
        >
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item
                name="otherFeeFen"
                label={t('totals.otherFee')}
                rules={[numberRule(parseFen, t('errors.money'))]}
              >
                <Input inputMode="decimal" prefix="¥" placeholder="0.00" autoFocus data-testid="settle-other-fee" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item
                name="discountFen"
                label={t('totals.discount')}
                labelCol={{ flex: '64px' }}
                rules={[
                  numberRule(parseFen, t('errors.money')),
                  () => ({
                    validator: (_: unknown, v: string) =>
                      (parseFen(v) ?? 0) > subtotal
                        ? Promise.reject(new Error(t('errors.discountTooLarge', { max: yuan(subtotal) })))
                        : Promise.resolve(),
                  }),
                ]}
              >
                <Input inputMode="decimal" prefix="¥" placeholder="0.00" data-testid="settle-discount" />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item
            name="paymentMethod"
            label={t('fields.paymentMethod')}
            rules={[{ required: true, message: t('errors.paymentRequired') }]}
          >
            <Radio.Group
              optionType="button"
              data-testid="settle-payment"
              options={PAYMENT_METHODS.map((m) => ({ value: m, label: pick(PAYMENT_METHOD_LABEL[m]) }))}
            />
          </Form.Item>
          <Form.Item
            name="oldPartsDisposition"
            label={t('fields.oldParts')}
            rules={[{ required: true, message: t('errors.oldPartsRequired') }]}
          >
            <Radio.Group
              data-testid="settle-old-parts"
              options={OLD_PARTS_DISPOSITIONS.map((m) => ({ value: m, label: pick(OLD_PARTS_DISPOSITION_LABEL[m]) }))}
            />
          </Form.Item>
          <Descriptions
            size="small"
            bordered
            column={1}
            styles={{ label: { width: 112 } }}
            items={[
              {
                key: 'warranty',
                label: t('fields.warranty'),
                children: <span data-testid="settle-warranty">{warranty}</span>,
              },
              {
                key: 'sum',
                label: t('settle.breakdown'),
                children: t('settle.breakdownText', {
                  labour: yuan(order.labourTotalFen),
                  parts: yuan(order.partsTotalFen),
                  other: yuan(other),
                  discount: yuan(discount),
                }),
              },
              {
                key: 'total',
                label: t('totals.total'),
                children: (
                  <Space orientation="vertical" size={0}>
                    <strong style={{ fontSize: 18 }} data-testid="settle-total">
                      {yuan(total)}
                    </strong>
                    <Typography.Text type="secondary">{total >= 0 ? fenToChineseCapital(total) : ''}</Typography.Text>
                  </Space>
                ),
              },
            ]}
          />
          {linesChanged ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 12 }}
              data-testid="settle-lines-changed"
              title={t('settle.linesChanged', { before: yuan(linesAtOpen) })}
            />
          ) : null}
          <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('settle.consequence')} />
          {rest && rest.length > 0 ? (
            <div style={{ marginTop: 12 }} data-testid="settle-issues">
              <ErrorAlert error={settle.error} issues={rest} />
              <Space style={{ marginTop: 8 }}>
                {needsVehicle ? <Link to={`/vehicles/${detail.vehicle.id}`}>{t('settle.fixVehicle')}</Link> : null}
                {needsLines ? <Typography.Text type="secondary">{t('settle.fixLines')}</Typography.Text> : null}
                {needsOrder ? (
                  <Button size="small" onClick={onEditOrder}>
                    {t('settle.fixOrder')}
                  </Button>
                ) : null}
              </Space>
            </div>
          ) : settle.error && settle.error.fields.length === 0 ? (
            <div style={{ marginTop: 12 }}>
              <ErrorAlert error={settle.error} />
            </div>
          ) : null}
        </Form>
      </div>
    </Modal>
  );
}

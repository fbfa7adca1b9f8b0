/**
 * 盘点: walk the shelves with the scanner — each scan adds the part to the count sheet and puts the
 * cursor in its 实盘数量; Enter there goes back to the scan field. Posting sets every listed part to
 * its counted quantity (the core posts the differences as stock-take movements, with the reason).
 */
import { DeleteOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Flex, Form, Input, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/errors.js';
import type { Issue } from '../../../shared/domain/issue.js';
import { useMutate } from '../../api/query.js';
import { applyApiError, ErrorAlert } from '../../components/errors.js';
import { qty } from '../../components/format.js';
import type { PartPickerRef } from '../../components/PartPicker.js';
import { type Part, PartPicker } from './PartPicker.js';
import { amountRule, parseQty } from './units.js';

interface Values {
  /** One per sheet line, in the same order; only the typed count lives in the form. */
  counts: { counted: string }[];
  docDate: Dayjs;
  reason?: string;
}

export function StockTake() {
  const { t } = useTranslation('parts');
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  // The count sheet: the parts as they were when added (name, unit, book quantity for the preview).
  const [sheet, setSheet] = useState<Part[]>([]);
  const [error, setError] = useState<{ err: ApiError; rest: Issue[] } | null>(null);
  const [scan, setScan] = useState<string | null>(null);
  const picker = useRef<PartPickerRef>(null);
  const take = useMutate('stock.stocktake');
  const counts = (Form.useWatch('counts', form) ?? []) as Values['counts'];

  // Focus a line's count once it is on screen (after the render that adds it).
  const [focusLine, setFocusLine] = useState<number | null>(null);
  useEffect(() => {
    if (focusLine === null) return;
    const el = document.getElementById(`stocktake_counts_${focusLine}_counted`) as HTMLInputElement | null;
    if (el) {
      el.focus();
      el.select();
      setFocusLine(null);
    }
  });

  const add = (p: Part) => {
    setScan(null);
    const at = sheet.findIndex((x) => x.id === p.id);
    if (at >= 0) {
      message.info(t('stocktake.already'));
      setFocusLine(at);
      return;
    }
    form.setFieldValue('counts', [...(form.getFieldValue('counts') ?? []), { counted: '' }]);
    setSheet([...sheet, p]);
    setFocusLine(sheet.length);
  };
  const remove = (i: number) => {
    form.setFieldValue(
      'counts',
      (form.getFieldValue('counts') as Values['counts']).filter((_, j) => j !== i),
    );
    setSheet(sheet.filter((_, j) => j !== i));
  };

  const post = async (v: Values) => {
    const lines = sheet.map((p, i) => ({ partId: p.id, counted: parseQty(v.counts[i]?.counted) ?? 0 }));
    const diffs = lines.map((c, i) => c.counted - (sheet[i]?.onHand ?? 0));
    const ok = await modal.confirm({
      title: t('stocktake.confirmTitle'),
      content: t('stocktake.confirmBody', {
        n: diffs.filter((d) => d !== 0).length,
        gain: diffs.filter((d) => d > 0).length,
        loss: diffs.filter((d) => d < 0).length,
      }),
      // The App's modal renders outside the locale provider: name the buttons ourselves.
      okText: t('common:action.confirm'),
      cancelText: t('common:action.cancel'),
      okButtonProps: { 'data-testid': 'stocktake-confirm' } as never,
    });
    if (!ok) return;
    setError(null);
    try {
      const r = await take.mutateAsync({
        counts: lines,
        docDate: v.docDate.format('YYYY-MM-DD'),
        reason: v.reason ?? '',
      });
      message.success(t('stocktake.done', { n: r.movements.length, unchanged: r.unchanged }));
      form.setFieldsValue({ counts: [], reason: '' });
      setSheet([]);
      picker.current?.focus();
    } catch (e) {
      const err = e as ApiError;
      setError({ err, rest: applyApiError(form, err, ['counts', 'docDate', 'reason']) });
    }
  };

  return (
    <Card size="small" title={t('stocktake.title')}>
      <Form
        form={form}
        name="stocktake"
        onFinish={post}
        initialValues={{ counts: [], docDate: dayjs() }}
        data-testid="stocktake-form"
      >
        <Flex gap={12} align="center" style={{ marginBottom: 12 }}>
          <PartPicker
            ref={picker}
            autoFocus
            value={scan}
            onChange={(id) => setScan(id ?? null)}
            onPick={add}
            placeholder={t('stocktake.add')}
            style={{ width: 420 }}
            data-testid="stocktake-part"
          />
        </Flex>
        <Form.List name="counts">
          {(fields) => (
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              scroll={{ y: 'calc(100vh - 430px)' }}
              dataSource={fields}
              locale={{ emptyText: t('stocktake.empty') }}
              onRow={() => ({ 'data-testid': 'stocktake-row' }) as never}
              columns={[
                {
                  title: t('field.code'),
                  key: 'code',
                  width: 150,
                  ellipsis: true,
                  render: (_, f) => sheet[f.name]?.code,
                },
                {
                  title: t('field.name'),
                  key: 'name',
                  ellipsis: true,
                  render: (_, f) => sheet[f.name]?.name,
                },
                {
                  title: t('field.book'),
                  key: 'book',
                  width: 110,
                  align: 'right',
                  render: (_, f) => {
                    const p = sheet[f.name];
                    return p ? `${qty(p.onHand)} ${p.unit}` : null;
                  },
                },
                {
                  title: t('field.counted'),
                  key: 'counted',
                  width: 160,
                  render: (_, f) => (
                    <Form.Item
                      name={[f.name, 'counted']}
                      rules={[amountRule(parseQty, t('stocktake.invalidCount'), { required: true })]}
                      style={{ margin: 0 }}
                    >
                      <Input
                        inputMode="decimal"
                        data-testid="stocktake-counted"
                        // Counted: back to the scan field for the next part.
                        onPressEnter={(e) => {
                          e.preventDefault();
                          picker.current?.focus();
                        }}
                      />
                    </Form.Item>
                  ),
                },
                {
                  title: t('field.diff'),
                  key: 'diff',
                  width: 100,
                  align: 'right',
                  render: (_, f) => {
                    const p = sheet[f.name];
                    const n = parseQty(counts[f.name]?.counted);
                    if (!p || n === undefined) return null;
                    const d = n - p.onHand;
                    return (
                      <Typography.Text type={d < 0 ? 'danger' : d > 0 ? 'success' : 'secondary'}>
                        {d > 0 ? `+${qty(d)}` : qty(d)}
                      </Typography.Text>
                    );
                  },
                },
                {
                  key: 'remove',
                  width: 48,
                  render: (_, f) => (
                    <Button
                      size="small"
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label={t('stocktake.remove')}
                      title={t('stocktake.remove')}
                      onClick={() => remove(f.name)}
                    />
                  ),
                },
              ]}
            />
          )}
        </Form.List>
        <ErrorAlert error={error?.err} issues={error?.rest} />
        <Flex gap={12} align="start" style={{ marginTop: 12 }} wrap>
          <Form.Item name="docDate" label={t('field.docDate')} style={{ margin: 0 }}>
            <DatePicker allowClear={false} data-testid="stocktake-date" />
          </Form.Item>
          <Form.Item name="reason" label={t('field.reason')} style={{ margin: 0, flex: 1, minWidth: 240 }}>
            <Input maxLength={200} placeholder={t('stocktake.reasonPlaceholder')} data-testid="stocktake-reason" />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            disabled={sheet.length === 0}
            loading={take.isPending}
            data-testid="stocktake-submit"
          >
            {t('stocktake.submit')}
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}

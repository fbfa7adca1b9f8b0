/**
 * The part a stock form works on (stock-in, adjustment): chosen in its picker, or handed over from
 * another tab (`?part=…`) exactly once — later refetches of that part change nothing — and cleared
 * with focus back in the picker once the form is booked, ready for the next scan.
 */
import { Form, type FormInstance } from 'antd';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/query.js';
import type { PartPickerRef } from '../../components/PartPicker.js';
import { type Part, PartPicker } from './PartPicker.js';

export function useChosenPart(
  form: FormInstance,
  initialPartId: string | undefined,
  afterPick: (p: Part) => void,
): {
  part: Part | null;
  onPick: (p: Part) => void;
  cleared: () => void;
  picker: React.RefObject<PartPickerRef | null>;
} {
  const [part, setPart] = useState<Part | null>(null);
  const picker = useRef<PartPickerRef>(null);
  const initial = useCall('parts.get', { id: initialPartId ?? '' }, { enabled: !!initialPartId });

  const onPick = (p: Part) => {
    setPart(p);
    afterPick(p);
  };
  const handed = useRef<string | null>(null);
  useEffect(() => {
    if (!initial.data || handed.current === initial.data.id) return;
    handed.current = initial.data.id;
    form.setFieldValue('partId', initial.data.id);
    onPick(initial.data);
  });

  const cleared = () => {
    setPart(null);
    picker.current?.focus();
  };
  return { part, onPick, cleared, picker };
}

/** The required part field of a stock form (name `partId`), with an optional line under it. */
export function PartFormItem({
  chosen,
  extra,
  'data-testid': testId,
}: {
  chosen: ReturnType<typeof useChosenPart>;
  extra?: ReactNode;
  'data-testid': string;
}) {
  const { t } = useTranslation('parts');
  return (
    <Form.Item
      name="partId"
      label={t('field.part')}
      rules={[{ required: true, message: t('form.required', { field: t('field.part') }) }]}
      extra={extra}
    >
      <PartPicker ref={chosen.picker} autoFocus onPick={chosen.onPick} data-testid={testId} />
    </Form.Item>
  );
}

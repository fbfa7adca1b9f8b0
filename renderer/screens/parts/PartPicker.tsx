/**
 * The part field of the stock screens: the shared picker (renderer/components/PartPicker.tsx — typed,
 * pinyin or scanned, Enter takes an exact barcode/code) as an antd Form control whose value is the
 * part's id, with the whole part handed to `onPick` whenever one is chosen.
 */
import { type CSSProperties, type Ref, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/api/contract.js';
import { useCall } from '../../api/query.js';
import { type PartPickerRef, PartPicker as Picker } from '../../components/PartPicker.js';

export type Part = MethodOutput<'parts.get'>;
export { lookupPart } from '../../components/PartPicker.js';

export interface PartPickerProps {
  value?: string | null;
  onChange?: (id: string | undefined) => void;
  /** The whole part, whenever one is chosen (clicked, typed or scanned). */
  onPick?: (p: Part) => void;
  id?: string;
  ref?: Ref<PartPickerRef>;
  autoFocus?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}

export function PartPicker({ value, onChange, onPick, placeholder, ...rest }: PartPickerProps) {
  const { t } = useTranslation('parts');
  // The part just chosen shows at once; a value set from outside (a form reset, a deep link) is fetched.
  const [chosen, setChosen] = useState<Part | null>(null);
  const fetched = useCall('parts.get', { id: value ?? '' }, { enabled: !!value && chosen?.id !== value });
  const shown = value ? (chosen?.id === value ? chosen : (fetched.data ?? null)) : null;

  return (
    <Picker
      {...rest}
      value={shown ? { part: shown } : null}
      onChange={(v) => {
        const part = v && 'part' in v ? v.part : null;
        setChosen(part);
        onChange?.(part?.id);
        if (part) onPick?.(part);
      }}
      texts={{
        placeholder: placeholder ?? t('picker.placeholder'),
        onHand: (n) => t('picker.onHand', { n }),
        notFound: t('picker.notFoundList'),
      }}
    />
  );
}

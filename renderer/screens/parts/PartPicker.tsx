/**
 * Every part field of the screen: type a code, a name or its pinyin initials and pick from the list,
 * or scan a barcode — the scanner types it and presses Enter, usually before any list has loaded, so
 * Enter looks the text up at once and takes the part whose barcode or code matches exactly (or the
 * only hit). Works as an antd Form control (value = part id).
 */
import { App, Select, Typography } from 'antd';
import type { RefSelectProps } from 'antd/es/select/index.js';
import { type CSSProperties, type KeyboardEvent, type Ref, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/api/contract.js';
import { call } from '../../api/client.js';
import { useCall } from '../../api/query.js';
import { qty, yuan } from '../../components/format.js';

export type Part = MethodOutput<'parts.get'>;

/**
 * The part a scanned or typed-and-Entered text names: exact barcode, then exact code, then a sole
 * hit; `hits` says how many parts the text matched at all (0 → tell the clerk, more → let them choose).
 */
export async function lookupPart(text: string): Promise<{ part: Part | undefined; hits: number }> {
  const q = text.trim();
  if (!q) return { part: undefined, hits: 0 };
  const r = await call('parts.search', { q, limit: 5 });
  const upper = q.toUpperCase();
  const part =
    r.items.find((p) => p.barcode === q) ??
    r.items.find((p) => p.code.toUpperCase() === upper) ??
    (r.items.length === 1 ? r.items[0] : undefined);
  return { part, hits: r.total };
}

export interface PartPickerProps {
  value?: string | null;
  onChange?: (id: string | undefined) => void;
  /** The whole part, whenever one is chosen (clicked, typed or scanned). */
  onPick?: (p: Part) => void;
  id?: string;
  ref?: Ref<RefSelectProps>;
  autoFocus?: boolean;
  allowClear?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  'data-testid'?: string;
}

export function PartPicker({ value, onChange, onPick, ref, placeholder, ...rest }: PartPickerProps) {
  const { t } = useTranslation('parts');
  const { message } = App.useApp();
  const [term, setTerm] = useState('');
  // Once the clerk moves through the list with the arrow keys, Enter chooses the highlighted option.
  const [navigated, setNavigated] = useState(false);
  const q = term.trim();
  const found = useCall('parts.search', { q, limit: 20 }, { enabled: q.length > 0 });
  const current = useCall('parts.get', { id: value ?? '' }, { enabled: !!value });

  const items = q ? (found.data?.items ?? []) : [];
  const list = current.data && !items.some((p) => p.id === current.data.id) ? [current.data, ...items] : items;
  const options = list.map((p) => ({ value: p.id, label: `${p.code} ${p.name}`, part: p }));

  const search = (text: string) => {
    setTerm(text);
    setNavigated(false);
  };
  const pick = (p: Part) => {
    search('');
    onChange?.(p.id);
    onPick?.(p);
  };

  const onInputKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') setNavigated(true);
    if (e.key !== 'Enter' || e.nativeEvent.isComposing || !q || navigated) return;
    // A scan (or a typed code) outruns the list: look it up now. The typed text stays for a miss;
    // several loose matches stay listed for the clerk to choose from.
    e.preventDefault();
    e.stopPropagation();
    const text = q;
    void lookupPart(text).then(
      ({ part, hits }) => {
        if (part) pick(part);
        else if (hits === 0) message.warning(t('picker.notFound', { q: text }));
      },
      () => message.error(t('picker.notFound', { q: text })),
    );
  };

  return (
    <Select
      {...rest}
      ref={ref}
      value={value ?? null}
      placeholder={placeholder ?? t('picker.placeholder')}
      showSearch={{ filterOption: false, searchValue: term, onSearch: search, autoClearSearchValue: true }}
      onInputKeyDown={onInputKeyDown}
      // Enter is ours (above); a click or arrow keys + Tab still choose from the list.
      defaultActiveFirstOption={false}
      loading={found.isFetching}
      notFoundContent={q && found.data ? t('picker.notFound', { q }) : null}
      options={options}
      onChange={(id: string | null) => {
        const p = list.find((x) => x.id === id);
        if (p) pick(p);
        else onChange?.(undefined);
      }}
      optionRender={(o) => {
        const p = (o.data as { part: Part }).part;
        return (
          <div data-testid="part-option" style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
            <Typography.Text ellipsis>
              <strong>{p.code}</strong> {p.name} <Typography.Text type="secondary">{p.brand}</Typography.Text>
            </Typography.Text>
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
              {qty(p.onHand)} {p.unit} · {yuan(p.salePriceFen)}
            </Typography.Text>
          </div>
        );
      }}
    />
  );
}

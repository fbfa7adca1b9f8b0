/**
 * Choose a customer by typing (name, pinyin initials, phone — customers.search). Used for a vehicle's
 * owner and for picking the duplicate in 合并重复客户. Only the matches of the typed term are fetched.
 */
import { Select } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import type { Customer } from '../../../shared/api/schemas/customers.js';
import { CUSTOMER_KIND_LABEL } from '../../../shared/domain/enums.js';
import { useCall } from '../../api/query.js';
import { pick } from '../../i18n/index.js';
import { useDebounced } from '../vehicles/useSearchList.js';

export type CustomerT = z.infer<typeof Customer>;

export const customerLabel = (c: CustomerT) =>
  [c.name, c.phone, c.kind === 'company' ? pick(CUSTOMER_KIND_LABEL.company) : ''].filter(Boolean).join(' · ');

export function CustomerPicker({
  value,
  onChange,
  initial,
  exclude,
  placeholder,
  autoFocus,
  testId,
  onPicked,
}: {
  value?: string | undefined;
  onChange?: (id: string | undefined) => void;
  /** The customer already chosen (shown before anything is typed). */
  initial?: CustomerT | null | undefined;
  /** A customer that must not be offered (merging into oneself). */
  exclude?: string | undefined;
  placeholder?: string;
  autoFocus?: boolean;
  testId?: string;
  onPicked?: (c: CustomerT | undefined) => void;
}) {
  const [text, setText] = useState('');
  const term = useDebounced(text.trim(), 200);
  const { data, isFetching } = useCall('customers.search', { q: term, limit: 20, offset: 0 }, { enabled: !!term });
  const found = (term ? (data?.items ?? []) : []).filter((c) => c.id !== exclude);
  const all = initial && !found.some((c) => c.id === initial.id) ? [initial, ...found] : found;

  return (
    <Select
      data-testid={testId}
      showSearch={{ filterOption: false, onSearch: setText }}
      allowClear
      autoFocus={autoFocus}
      value={value}
      placeholder={placeholder}
      loading={isFetching}
      notFoundContent={null}
      onChange={(id: string | undefined) => {
        onChange?.(id);
        onPicked?.(all.find((c) => c.id === id));
      }}
      options={all.map((c) => ({ value: c.id, label: customerLabel(c) }))}
      style={{ width: '100%' }}
    />
  );
}

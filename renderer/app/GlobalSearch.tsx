/**
 * One search box for everything (front-desk.md §1): plates, VIN tails, phones, pinyin initials,
 * order and settlement numbers. Ctrl+K (or /) focuses it from anywhere; Enter opens the first hit.
 */
import { SearchOutlined } from '@ant-design/icons';
import { AutoComplete, Input, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCall } from '../api/query.js';

const HIT_PATH = { vehicle: 'vehicles', customer: 'customers', workOrder: 'work-orders', part: 'parts' } as const;

export function GlobalSearch() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const navigate = useNavigate();
  const input = useRef<InputRef>(null);
  const term = q.trim();
  const { data } = useCall('search.global', { q: term, limit: 10 }, { enabled: term.length > 0 });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = e.target instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(e.target.tagName);
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        input.current?.focus();
      } else if (e.key === '/' && !typing) {
        e.preventDefault();
        input.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const hits = term ? (data?.hits ?? []) : [];
  const open = (value: string) => {
    const [kind, id] = value.split(':') as [keyof typeof HIT_PATH, string];
    const path = kind === 'part' ? `/parts?part=${id}` : `/${HIT_PATH[kind]}/${id}`;
    setQ('');
    input.current?.blur();
    navigate(path);
  };

  return (
    <AutoComplete
      style={{ width: '100%', maxWidth: 560 }}
      value={q}
      onChange={setQ}
      onSelect={open}
      options={hits.map((h) => ({
        value: `${h.kind}:${h.id}`,
        label: (
          <div data-testid="search-hit">
            <strong>{h.title}</strong> <span style={{ color: '#888' }}>{h.subtitle}</span>
          </div>
        ),
      }))}
      notFoundContent={term && data ? t('search.empty') : null}
    >
      <Input
        ref={input}
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('search.placeholder')}
        aria-label={t('action.search')}
        onPressEnter={() => {
          const first = hits[0];
          if (first) open(`${first.kind}:${first.id}`);
        }}
      />
    </AutoComplete>
  );
}

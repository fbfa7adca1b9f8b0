/**
 * The first box of reception: type a plate or a VIN (or part of one) and Enter. An exact hit is taken
 * at once; several hits are listed (↓ to reach them, Enter to take one); no hit offers the new-vehicle
 * form pre-filled with what was typed. Focus starts here.
 */
import { CarOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Flex, Input, type InputRef, List, Space, Typography } from 'antd';
import { forwardRef, type KeyboardEvent, useEffect, useImperativeHandle, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../shared/api/contract.js';
import { normalisePlate } from '../../../shared/domain/plate.js';
import { normaliseVin } from '../../../shared/domain/vin.js';
import type { ApiError } from '../../api/client.js';
import { call } from '../../api/client.js';
import { ErrorAlert } from '../../components/errors.js';

export type FoundVehicle = MethodOutput<'vehicles.get'>;
/** What was typed, as the new vehicle's plate or VIN. */
export interface NewVehicleDraft {
  plate?: string;
  vin?: string;
}

/** A plate starts with a province character; anything latin of VIN-like length is taken as a VIN. */
export const draftFrom = (typed: string): NewVehicleDraft => {
  const s = typed.trim();
  if (/^[\u4e00-\u9fff]/.test(s)) return { plate: normalisePlate(s) };
  const vin = normaliseVin(s);
  return vin.length >= 11 ? { vin } : { plate: normalisePlate(s) };
};

const exact = (v: FoundVehicle, typed: string) =>
  (v.plate && v.plate === normalisePlate(typed)) || (v.vin && v.vin === normaliseVin(typed));

export interface VehicleLookupRef {
  focus(): void;
}

export const VehicleLookup = forwardRef<
  VehicleLookupRef,
  { onFound: (v: FoundVehicle) => void; onNew: (d: NewVehicleDraft) => void }
>(function VehicleLookup({ onFound, onNew }, ref) {
  const { t } = useTranslation('reception');
  const input = useRef<InputRef>(null);
  const list = useRef<HTMLDivElement>(null);
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<FoundVehicle[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  useImperativeHandle(ref, () => ({ focus: () => input.current?.focus({ cursor: 'all' }) }), []);
  // Focus starts here (autoFocus alone loses to the route change's focus handling).
  useEffect(() => {
    const h = setTimeout(() => input.current?.focus());
    return () => clearTimeout(h);
  }, []);

  const lookup = async (typed: string) => {
    const term = typed.trim();
    if (!term) return;
    setBusy(true);
    setError(null);
    try {
      const r = await call('vehicles.search', { q: term, limit: 8 });
      const hit = r.items.find((v) => exact(v, term));
      if (hit) {
        setHits(null);
        onFound(hit);
      } else if (r.items.length === 0) {
        setHits(null);
        onNew(draftFrom(term));
      } else {
        setHits(r.items);
      }
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  const focusItem = (i: number) => list.current?.querySelectorAll<HTMLElement>('button')[i]?.focus();
  /** ↑/↓ between the hits (and back up into the box from the first one). */
  const onItemKey = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const buttons = [...(list.current?.querySelectorAll<HTMLElement>('button') ?? [])];
    const i = buttons.indexOf(e.currentTarget);
    if (e.key === 'ArrowUp' && i <= 0) input.current?.focus();
    else focusItem(e.key === 'ArrowDown' ? i + 1 : i - 1);
  };

  return (
    <div>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          ref={input}
          size="large"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            // The IME's Enter picks a pinyin candidate; only a plain Enter looks the vehicle up.
            if (e.key === 'Enter' && !e.nativeEvent.isComposing && e.keyCode !== 229) {
              e.preventDefault();
              void lookup(q);
            } else if (e.key === 'ArrowDown' && hits?.length) {
              e.preventDefault();
              focusItem(0);
            }
          }}
          placeholder={t('lookup.placeholder')}
          aria-label={t('lookup.label')}
          prefix={<CarOutlined />}
          data-testid="reception-lookup"
        />
        <Button
          size="large"
          type="primary"
          icon={<SearchOutlined />}
          loading={busy}
          onClick={() => void lookup(q)}
          data-testid="reception-lookup-submit"
        >
          {t('lookup.button')}
        </Button>
      </Space.Compact>
      <ErrorAlert error={error} />
      {hits ? (
        <div ref={list} data-testid="reception-lookup-results" style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t('lookup.several', { n: hits.length })}</Typography.Text>
          <List
            size="small"
            dataSource={hits}
            renderItem={(v) => (
              <List.Item style={{ padding: '2px 0' }}>
                <Button
                  block
                  type="text"
                  style={{ justifyContent: 'flex-start', height: 'auto', padding: '4px 8px' }}
                  onClick={() => {
                    setHits(null);
                    onFound(v);
                  }}
                  onKeyDown={onItemKey}
                  data-testid="reception-lookup-hit"
                >
                  <Flex gap={8} style={{ minWidth: 0 }}>
                    <strong>{v.plate ?? t('vehicle.unplated')}</strong>
                    <Typography.Text type="secondary" ellipsis>
                      {[v.vin, v.brandModel, v.owner?.name].filter(Boolean).join(' · ')}
                    </Typography.Text>
                  </Flex>
                </Button>
              </List.Item>
            )}
          />
          <Button
            icon={<PlusOutlined />}
            onClick={() => {
              setHits(null);
              onNew(draftFrom(q));
            }}
            onKeyDown={onItemKey}
            data-testid="reception-lookup-new"
          >
            {t('lookup.registerNew')}
          </Button>
        </div>
      ) : null}
    </div>
  );
});

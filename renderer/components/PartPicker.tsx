/**
 * Pick a stock part by code, name or barcode — typed, or scanned: a scanner types the barcode and
 * Enter faster than any search can answer, so Enter looks the text up afresh and takes an exact
 * barcode/code match (or the only hit) instead of whatever partial-query result is highlighted. The
 * list is navigated with ↑/↓ and Enter, closed with Esc. Optionally the typed text can be kept as a
 * part that is not in stock (a customer-supplied part, a one-off purchase).
 *
 * Words come from the caller (`texts`), so the picker belongs to no screen's namespace.
 */
import { CloseCircleFilled, SearchOutlined } from '@ant-design/icons';
import { Input, type InputRef, Spin, Tag, theme } from 'antd';
import {
  type CSSProperties,
  forwardRef,
  type KeyboardEvent,
  useEffect,
  useImperativeHandle,
  useRef,
  useState,
} from 'react';
import type { MethodOutput } from '../../shared/api/contract.js';
import { call } from '../api/client.js';
import { useCall } from '../api/query.js';
import { qty, yuan } from './format.js';

export type StockPart = MethodOutput<'parts.search'>['items'][number];
/** A stock part, or the name of a part that is not in stock. */
export type PickedPart = { part: StockPart } | { freeName: string };

export interface PartPickerTexts {
  placeholder: string;
  /** e.g. "库存 {{n}}" rendered by the caller: receives the formatted quantity. */
  onHand: (n: string) => string;
  notFound: string;
  /** Label of the "not in stock" choice for the typed text; omit to disallow it. */
  freeText?: (typed: string) => string;
}

export interface PartPickerProps {
  value: PickedPart | null;
  onChange: (v: PickedPart | null) => void;
  texts: PartPickerTexts;
  autoFocus?: boolean;
  status?: 'error' | 'warning';
  style?: CSSProperties;
  /** Set by an antd Form.Item so that its label focuses the field. */
  id?: string;
  'data-testid'?: string;
}

export interface PartPickerRef {
  focus(): void;
}

const same = (a: string | null | undefined, b: string) => !!a && a.trim().toUpperCase() === b.trim().toUpperCase();

/** The part a scan or a typed code means: exact barcode, then exact code, then the only hit. */
export const exactPart = (items: StockPart[], text: string): StockPart | undefined =>
  items.find((p) => same(p.barcode, text)) ??
  items.find((p) => same(p.code, text)) ??
  (items.length === 1 ? items[0] : undefined);

/**
 * The part a scanned or typed-and-Entered text names (see `exactPart`), looked up afresh; `hits` says
 * how many active parts the text matched at all (0 → say so, several → let the clerk choose).
 */
export async function lookupPart(text: string): Promise<{ part: StockPart | undefined; hits: number }> {
  const q = text.trim();
  if (!q) return { part: undefined, hits: 0 };
  const r = await call('parts.search', { q, limit: 12 });
  const active = r.items.filter((p) => p.active);
  return { part: exactPart(active, q), hits: active.length };
}

const labelOf = (v: PickedPart) => ('part' in v ? `${v.part.code} ${v.part.name}` : v.freeName);

export const PartPicker = forwardRef<PartPickerRef, PartPickerProps>(function PartPicker(
  { value, onChange, texts, autoFocus, status, style, id, 'data-testid': testId },
  ref,
) {
  const { token } = theme.useToken();
  const input = useRef<InputRef>(null);
  const [text, setText] = useState('');
  const [debounced, setDebounced] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [looking, setLooking] = useState(false);
  useImperativeHandle(ref, () => ({ focus: () => input.current?.focus() }), []);

  useEffect(() => {
    const h = setTimeout(() => setDebounced(text.trim()), 150);
    return () => clearTimeout(h);
  }, [text]);

  const { data, isFetching } = useCall(
    'parts.search',
    { q: debounced, limit: 12 },
    { enabled: open && debounced.length > 0 },
  );
  const items = (debounced === text.trim() ? (data?.items ?? []) : []).filter((p) => p.active);
  const freeChoice = texts.freeText && text.trim() ? 1 : 0;
  const count = items.length + freeChoice;

  const choose = (v: PickedPart) => {
    onChange(v);
    setText('');
    setOpen(false);
    setActive(-1);
  };

  const chooseIndex = (i: number) => {
    const p = items[i];
    if (p) choose({ part: p });
    else if (freeChoice && i === items.length) choose({ freeName: text.trim() });
  };

  const onKeyDown = async (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing || e.keyCode === 229) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (count > 0) setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % count : (a - 1 + count) % count));
      return;
    }
    if (e.key === 'Escape' && open) {
      e.stopPropagation();
      setOpen(false);
      return;
    }
    if (e.key !== 'Enter') return;
    // The picker owns its Enter: a surrounding "Enter moves on" must not skip past an unpicked part.
    e.preventDefault();
    e.stopPropagation();
    if (open && active >= 0 && active < count) return chooseIndex(active);
    const typed = text.trim();
    if (!typed) return;
    setLooking(true);
    try {
      const { part: hit } = await lookupPart(typed);
      if (hit) choose({ part: hit });
      else {
        setOpen(true);
        setActive(-1);
      }
    } finally {
      setLooking(false);
    }
  };

  if (value) {
    // A chosen part reads as a tag; Backspace/Delete or the cross clears it and returns to typing.
    return (
      <Input
        ref={input}
        readOnly
        id={id}
        style={style}
        data-testid={testId}
        value={labelOf(value)}
        status={status}
        suffix={
          <CloseCircleFilled
            style={{ color: token.colorTextQuaternary, cursor: 'pointer' }}
            onClick={() => {
              onChange(null);
              setTimeout(() => input.current?.focus());
            }}
          />
        }
        onKeyDown={(e) => {
          if (e.key === 'Backspace' || e.key === 'Delete') {
            e.preventDefault();
            onChange(null);
          }
        }}
      />
    );
  }

  return (
    <div style={{ position: 'relative', ...style }}>
      <Input
        ref={input}
        id={id}
        autoFocus={autoFocus}
        data-testid={testId}
        value={text}
        status={status}
        placeholder={texts.placeholder}
        prefix={<SearchOutlined />}
        suffix={looking || (open && isFetching) ? <Spin size="small" /> : <span />}
        role="combobox"
        data-own-enter
        aria-expanded={open && count > 0}
        aria-autocomplete="list"
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => text && setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => void onKeyDown(e)}
      />
      {open && debounced && debounced === text.trim() && !isFetching ? (
        <div
          role="listbox"
          data-testid={testId ? `${testId}-list` : undefined}
          style={{
            position: 'absolute',
            zIndex: 1060,
            top: '100%',
            left: 0,
            minWidth: '100%',
            width: 420,
            maxWidth: '80vw',
            marginTop: 4,
            background: token.colorBgElevated,
            boxShadow: token.boxShadowSecondary,
            borderRadius: token.borderRadiusLG,
            padding: 4,
            maxHeight: 320,
            overflowY: 'auto',
          }}
        >
          {items.map((p, i) => (
            <div
              key={p.id}
              role="option"
              aria-selected={i === active}
              tabIndex={-1}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => chooseIndex(i)}
              onKeyDown={() => undefined}
              onMouseEnter={() => setActive(i)}
              style={{
                padding: '5px 8px',
                cursor: 'pointer',
                borderRadius: token.borderRadiusSM,
                background: i === active ? token.controlItemBgHover : undefined,
                display: 'flex',
                gap: 8,
                alignItems: 'baseline',
              }}
            >
              <span style={{ fontFamily: 'monospace', color: token.colorTextSecondary }}>{p.code}</span>
              <span
                style={{ flex: 1, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
              >
                {p.name}
                {p.spec ? <span style={{ color: token.colorTextTertiary }}> {p.spec}</span> : null}
              </span>
              <span style={{ whiteSpace: 'nowrap' }}>{yuan(p.salePriceFen)}</span>
              <Tag color={p.onHand > 0 ? 'green' : 'red'} style={{ marginInlineEnd: 0 }}>
                {texts.onHand(qty(p.onHand))}
              </Tag>
            </div>
          ))}
          {items.length === 0 ? (
            <div style={{ padding: '5px 8px', color: token.colorTextTertiary }}>{texts.notFound}</div>
          ) : null}
          {freeChoice ? (
            <div
              role="option"
              aria-selected={active === items.length}
              tabIndex={-1}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => chooseIndex(items.length)}
              onKeyDown={() => undefined}
              onMouseEnter={() => setActive(items.length)}
              style={{
                padding: '5px 8px',
                cursor: 'pointer',
                borderRadius: token.borderRadiusSM,
                borderTop: `1px solid ${token.colorSplit}`,
                background: active === items.length ? token.controlItemBgHover : undefined,
              }}
            >
              {texts.freeText?.(text.trim())}
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
});

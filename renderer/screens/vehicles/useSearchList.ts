/**
 * A search box over a server-paged list (vehicles, customers): the term and page live in the URL
 * (`?q=&page=`) so Back from a detail returns to the same results; typing is debounced so each IME
 * commit does not fire a request; the table height follows the window so the page never scrolls.
 */
import { keepPreviousData } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useCall } from '../../api/query.js';

export const PAGE_SIZE = 50;

export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

export function useSearchList() {
  const [params, setParams] = useSearchParams();
  const [text, setText] = useState(() => params.get('q') ?? '');
  const [page, setPage] = useState(() => Math.max(1, Number(params.get('page')) || 1));
  const term = useDebounced(text.trim(), 250);

  useEffect(() => {
    const next = new URLSearchParams();
    if (term) next.set('q', term);
    if (page > 1) next.set('page', String(page));
    if (next.toString() !== params.toString()) setParams(next, { replace: true });
  }, [term, page, params, setParams]);

  return {
    text,
    term,
    page,
    setPage,
    onText: (s: string) => {
      setText(s);
      setPage(1);
    },
    /** The input of a `*.search` method for this page. */
    query: { q: term, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE },
  };
}

/**
 * The list's page for the current term: nothing until something is typed, and the previous page
 * stays on screen while the next one loads.
 */
export function useSearchResults<Row>(
  method: 'vehicles.search' | 'customers.search',
  s: ReturnType<typeof useSearchList>,
) {
  const r = useCall(method, s.query, { enabled: s.term.length > 0, placeholderData: keepPreviousData });
  const rows = (s.term ? (r.data?.items ?? []) : []) as Row[];
  return { rows, total: r.data?.total ?? 0, error: r.error, isFetching: r.isFetching };
}

/**
 * Rows a keyboard can walk: Tab or ↑/↓ moves between rows, Enter opens. The search box hands focus
 * to the first row with ↓.
 */
export const rowKeys = (open: () => void) => ({
  tabIndex: 0,
  onClick: open,
  onKeyDown: (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Enter') open();
    else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const sib = e.key === 'ArrowDown' ? e.currentTarget.nextElementSibling : e.currentTarget.previousElementSibling;
      if (sib instanceof HTMLElement && sib.tabIndex === 0) sib.focus();
    }
  },
  style: { cursor: 'pointer' },
});

/** ↓ in a search box focuses the first row of the table below (rows carry `data-row`). */
export const focusFirstRow = (e: KeyboardEvent<HTMLElement>, tableTestId: string) => {
  if (e.key !== 'ArrowDown') return;
  const row = document.querySelector<HTMLElement>(`[data-testid="${tableTestId}"] [data-row]`);
  if (row) {
    e.preventDefault();
    row.focus();
  }
};

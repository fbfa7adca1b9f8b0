/**
 * "Enter moves on" for keyboard-first forms (front-desk.md): put `onKeyDownCapture={enterMovesOn}` on
 * a form's wrapper and Enter in a field focuses the next field instead of submitting; the last stop is
 * the submit button, where Enter clicks it (a form without one is submitted from its last field). Runs in the capture phase so a closed antd Select moves on
 * instead of opening; an open dropdown, the pinyin IME's composition and buttons keep their own Enter.
 * Fields inside `[data-enter-skip]` are reached by Tab only (optional details of a fast row entry);
 * an input marked `data-own-enter` (a scanner field, a lookup box) handles Enter itself.
 */
import type { KeyboardEvent } from 'react';

const STOPS = [
  'input:not([type=hidden]):not([disabled])',
  'textarea:not([disabled])',
  'button[type=submit]:not([disabled])',
  '[data-enter-stop]',
].join(',');

const visible = (el: HTMLElement) => el.offsetParent !== null || el.getClientRects().length > 0;

/** A radio group is one stop: only its checked (or, when none is, its first) radio counts. */
const radioStop = (el: HTMLElement, all: HTMLElement[]) => {
  if (!(el instanceof HTMLInputElement) || el.type !== 'radio') return true;
  const group = all.filter((o) => o instanceof HTMLInputElement && o.type === 'radio' && o.name === el.name);
  const checked = group.find((o) => (o as HTMLInputElement).checked);
  return checked ? checked === el : group[0] === el;
};

const pickerOpen = () =>
  [...document.querySelectorAll<HTMLElement>('.ant-picker-dropdown')].some(
    (d) => !d.className.includes('-hidden') && visible(d),
  );

export function stopsOf(root: HTMLElement): HTMLElement[] {
  const all = [...root.querySelectorAll<HTMLElement>(STOPS)].filter(visible);
  return all.filter((el) => radioStop(el, all));
}

export function enterMovesOn(e: KeyboardEvent<HTMLElement>): void {
  if (e.key !== 'Enter' || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey) return;
  // Enter that confirms a pinyin candidate belongs to the IME.
  if (e.nativeEvent.isComposing || e.keyCode === 229) return;
  const el = e.target as HTMLElement;
  if (el.tagName === 'BUTTON' || el.tagName === 'A' || el.closest('[data-own-enter]')) return;
  if (el.getAttribute('aria-expanded') === 'true') return;
  if (el.closest('.ant-picker') && pickerOpen()) return;
  const stops = stopsOf(e.currentTarget);
  const i = stops.findIndex((s) => s === el || s.contains(el));
  const next = i >= 0 ? stops.slice(i + 1).find((s) => !s.closest('[data-enter-skip]')) : undefined;
  e.preventDefault();
  e.stopPropagation();
  if (next) {
    next.focus();
    if (next instanceof HTMLInputElement && next.type === 'text') next.select();
  } else if (i >= 0) {
    el.closest('form')?.requestSubmit();
  }
}

/**
 * The dialog variant: Enter in any field submits the form (the dialog's OK button sits outside the
 * <form>, so the browser would not). Same exceptions as above; Shift+Enter still breaks a textarea line.
 */
export function enterSubmits(e: KeyboardEvent<HTMLElement>): void {
  if (e.key !== 'Enter' || e.shiftKey || e.ctrlKey || e.altKey || e.metaKey) return;
  if (e.nativeEvent.isComposing || e.keyCode === 229) return;
  const el = e.target as HTMLElement;
  if (el.tagName === 'BUTTON' || el.tagName === 'A' || el.closest('[data-own-enter]')) return;
  if (el.getAttribute('aria-expanded') === 'true') return;
  if (el.closest('.ant-picker') && pickerOpen()) return;
  const form = el.closest('form');
  if (!form) return;
  e.preventDefault();
  e.stopPropagation();
  form.requestSubmit();
}

/**
 * Order forms with unsaved edits, counted across the page: while any is open with changes, the shell
 * never restarts into a downloaded update (docs/installer-and-updates.md, the busy rule). Outside
 * the app (a browser on the LAN) there is no updater and nothing is reported.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

const dirtyForms = new Set<object>();
let reported = false;

const report = () => {
  const busy = dirtyForms.size > 0;
  if (busy === reported) return;
  reported = busy;
  // A failed report must not disturb the form; the shell then errs on installing at quit.
  void window.chedang?.setBusy('order-edits', busy).catch(() => undefined);
};

/**
 * For one order form: `changed` goes to the form's onValuesChange, `saved` after a successful submit
 * (or a reset). `active` is false while the form is hidden (a closed dialog), which clears it.
 */
export function useOrderFormEdits(active = true): { changed: () => void; saved: () => void } {
  const key = useRef({}).current;
  const [dirty, setDirty] = useState(false);
  useEffect(() => {
    if (!active) setDirty(false);
  }, [active]);
  useEffect(() => {
    if (dirty && active) dirtyForms.add(key);
    else dirtyForms.delete(key);
    report();
  }, [dirty, active, key]);
  useEffect(
    () => () => {
      dirtyForms.delete(key);
      report();
    },
    [key],
  );
  return { changed: useCallback(() => setDirty(true), []), saved: useCallback(() => setDirty(false), []) };
}

/** For an order dialog (edit, line, complete, settle): open means work under way, until it closes. */
export function useOrderDialogOpen(): void {
  const { changed } = useOrderFormEdits();
  useEffect(() => changed(), [changed]);
}

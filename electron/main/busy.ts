/**
 * What keeps the app from restarting into an update right now (docs/installer-and-updates.md):
 *
 *   order-edits  a window has an order form with unsaved edits — only the page knows, it says so
 *                through window.chedang.setBusy; cleared when that page goes away or reloads
 *   settling     a workOrders.settle call is in flight through main's relay (seen here, not reported)
 *   uploading    the core is sending archive records (asked when it matters: archive.status)
 *
 * The first two are held here; the third is asked of the core on demand, because uploads start
 * and stop on the core's own timers and a restart is decided rarely.
 */
import type { BridgeResult, BusyReason } from '../../shared/api/bridge.js';

/** Calls that must never be cut off by a restart (the settlement's one transaction and its reply). */
const GUARDED_METHODS: ReadonlySet<string> = new Set(['workOrders.settle', 'workOrders.reverse']);

export class BusyRegistry {
  /** Page (webContents id) → it has unsaved order edits. */
  private readonly edits = new Set<number>();
  private guardedCalls = 0;
  private readonly listeners = new Set<() => void>();

  /** A page reports its unsaved order edits (true) or that they were saved or dropped (false). */
  setOrderEdits(page: number, busy: boolean): void {
    const had = this.edits.has(page);
    if (busy) this.edits.add(page);
    else this.edits.delete(page);
    if (had !== busy) this.changed();
  }

  /** The page closed or reloaded: whatever it had unsaved is gone with it. */
  forgetPage(page: number): void {
    if (this.edits.delete(page)) this.changed();
  }

  /** Wraps a relayed call: settle and reverse count as busy until their reply arrives. */
  track<T>(method: string, call: () => Promise<T>): Promise<T> {
    if (!GUARDED_METHODS.has(method)) return call();
    this.guardedCalls++;
    this.changed();
    const done = () => {
      this.guardedCalls--;
      this.changed();
    };
    let p: Promise<T>;
    try {
      p = call();
    } catch (e) {
      done();
      throw e;
    }
    return p.finally(done);
  }

  /** What the shell itself knows is busy (without asking the core). */
  localReasons(): BusyReason[] {
    const reasons: BusyReason[] = [];
    if (this.edits.size > 0) reasons.push('order-edits');
    if (this.guardedCalls > 0) reasons.push('settling');
    return reasons;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch {
        // A listener's failure is its own; the registry's state is already right.
      }
    }
  }
}

/**
 * Is the core sending records? Asked over the relay (archive.status counts the outbox's `sending`
 * rows). A core that is down or failed sends nothing: not busy. Any other answer that is not a
 * count (refused, malformed) cannot tell, so it counts as busy — the update then waits for quit.
 */
export async function coreUploading(call: (method: string, input: unknown) => Promise<BridgeResult>): Promise<boolean> {
  let r: BridgeResult;
  try {
    r = await call('archive.status', {});
  } catch {
    return true;
  }
  if (!r.ok) return r.error.code !== 'unreachable';
  const sending = (r.value as { counts?: { sending?: unknown } } | null)?.counts?.sending;
  return typeof sending === 'number' ? sending > 0 : true;
}

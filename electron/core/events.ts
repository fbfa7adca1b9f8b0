/**
 * Change notifications from the core to every open UI ("work orders changed", "sync status changed").
 * HTTP clients receive them on GET /api/events (server-sent events); Electron relays them over IPC.
 */
export type Topic =
  | 'shop'
  | 'users'
  | 'customers'
  | 'vehicles'
  | 'parts'
  | 'stock'
  | 'workOrders'
  | 'archive'
  | 'audit'
  | 'auth'
  | 'lan';

export interface CoreEvent {
  type: 'changed';
  topics: Topic[];
  /** The method that caused the change. */
  method: string;
  at: number;
}

type Listener = (e: CoreEvent) => void;

export class EventBus {
  private listeners = new Set<Listener>();
  on(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  emit(e: CoreEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // A broken listener (a closed socket) must never break the write that caused the event.
      }
    }
  }
  get size(): number {
    return this.listeners.size;
  }
}

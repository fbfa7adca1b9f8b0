/**
 * Tell the core when the network comes back (architecture.md, sync rule 2), so uploads resume at
 * once instead of at the uploader's next timer. Electron's main process has no online event, but
 * `net.isOnline()` is cheap: look every few seconds and report each offline → online edge.
 */

export interface CoreChild {
  postMessage(m: unknown): void;
}

export function forwardOnline(child: CoreChild, isOnline: () => boolean, intervalMs = 5_000): () => void {
  let was = isOnline();
  const timer = setInterval(() => {
    const now = isOnline();
    if (now && !was) child.postMessage({ type: 'network', online: true });
    was = now;
  }, intervalMs);
  timer.unref?.();
  return () => clearInterval(timer);
}

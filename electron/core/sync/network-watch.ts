/**
 * "When the network comes back" (architecture.md, sync rule 2) without Electron: Node has no online
 * event, so the core looks at the machine's network addresses every few seconds and reports when a
 * non-loopback address appears (a cable plugged in, Wi-Fi rejoined, a dial-up router back). Inside
 * the app the shell also forwards Electron's own online signal; both just wake the uploader early —
 * its timer would get there anyway, only later.
 */
import os from 'node:os';

export type Interfaces = () => ReturnType<typeof os.networkInterfaces>;

/** The set of external addresses, as one comparable string per address. */
export const externalAddresses = (read: Interfaces = os.networkInterfaces): Set<string> => {
  const out = new Set<string>();
  for (const [name, addrs] of Object.entries(read())) {
    for (const a of addrs ?? []) if (!a.internal) out.add(`${name} ${a.address}`);
  }
  return out;
};

/** Calls `onBack` whenever an address shows up that was not there at the previous look. */
export function watchNetwork(onBack: () => void, opts: { intervalMs?: number; read?: Interfaces } = {}): () => void {
  const read = opts.read ?? os.networkInterfaces;
  let seen = externalAddresses(read);
  const timer = setInterval(() => {
    let now: Set<string>;
    try {
      now = externalAddresses(read);
    } catch {
      return;
    }
    const gained = [...now].some((a) => !seen.has(a));
    seen = now;
    if (gained) onBack();
  }, opts.intervalMs ?? 5_000);
  timer.unref();
  return () => clearInterval(timer);
}

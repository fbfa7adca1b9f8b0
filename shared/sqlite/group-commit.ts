/**
 * Group commit: durable writes asked for during one turn of the event loop share one transaction.
 *
 * Chedang's databases commit with synchronous=FULL (one fsync per commit), and both the uploader and
 * the reference archive must not act on a write before it is on disk: the uploader sends a request
 * only once its ledger entry is written; the archive answers "stored" only once the record is. With
 * many requests in flight, one commit each makes the disk — not the CPU or the link — the limit,
 * because an fsync costs far more than the rows it protects. So writes are queued and committed
 * together in one IMMEDIATE transaction at the end of the current turn (setImmediate), and each
 * caller's promise settles only after that commit. A lone write still commits at once (one turn
 * later); under load the group grows by itself, as more requests arrive while a commit is running.
 *
 * Each write runs in its own savepoint (a nested better-sqlite3 transaction): one that throws is
 * rolled back alone and rejects its own caller; the others still commit. If the commit itself fails
 * (disk full, the database locked beyond the busy timeout) every caller of that group is rejected
 * and nothing of the group is written.
 */
import type Database from 'better-sqlite3';

interface Pending {
  write: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export class GroupCommit {
  private queue: Pending[] = [];
  private scheduled = false;
  private groups = 0;
  private writes = 0;

  constructor(private readonly db: Database.Database) {}

  /** Run `write` inside the next group transaction; resolves with its result once committed. */
  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ write, resolve: resolve as (v: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.flush();
        });
      }
    });
  }

  /** Commits and writes so far: how well writes are grouped (benchmarks report it). */
  stats(): { groups: number; writes: number } {
    return { groups: this.groups, writes: this.writes };
  }

  /** Commit what is queued now (before closing the database; the scheduled turn then finds nothing). */
  flush(): void {
    const group = this.queue;
    this.queue = [];
    if (group.length === 0) return;
    if (!this.db.open) {
      const closed = new Error('the database was closed before this write could be committed');
      for (const p of group) p.reject(closed);
      return;
    }
    let outcomes: Outcome[];
    try {
      outcomes = this.db
        .transaction(() =>
          group.map((p): Outcome => {
            try {
              return { ok: true, value: this.db.transaction(p.write)() };
            } catch (error) {
              return { ok: false, error };
            }
          }),
        )
        .immediate();
    } catch (error) {
      for (const p of group) p.reject(error);
      return;
    }
    this.groups++;
    this.writes += group.length;
    group.forEach((p, i) => {
      const o = outcomes[i]!;
      if (o.ok) p.resolve(o.value);
      else p.reject(o.error);
    });
  }
}

/**
 * 档案上传服务 — the one uploader of the core (architecture.md, sync rules 2–7).
 *
 * It takes pending outbox rows oldest first, a few at a time (the protocol has no batch call), and
 * drives each through pending → sending → accepted | rejected | held, or back to pending with a
 * next attempt after a transient failure. Transient failures pause the whole queue with a jittered,
 * capped back-off (a dead link fails every record alike; hammering it helps no one) and honour the
 * platform's Retry-After. It wakes on a new record, at start, on its timer and when the network
 * comes back. Nothing here can lose a settled order: a row's state is written before and after
 * every request, and a row caught in `sending` by a crash is simply pending again at the next start.
 */
import { setMaxListeners } from 'node:events';
import type { Issue } from '../../../shared/domain/issue.js';
import { issue } from '../../../shared/domain/issue.js';
import { GroupCommit } from '../../../shared/sqlite/group-commit.js';
import type { Core } from '../context.js';
import { adapterFor } from './adapters/index.js';
import type { PlatformAdapter, WireRequest, WireResponse } from './adapters/types.js';
import { type BackoffPolicy, DEFAULT_BACKOFF, nextDelay } from './backoff.js';
import { sendWire } from './http.js';
import {
  beginLedger,
  type DueRow,
  dueNow,
  dueRows,
  earliestPending,
  endLedger,
  hadUnknownUpload,
  hasDue,
  markSending,
  orderReversed,
  recoverSending,
  SYNC_METHOD,
  settle as settleRow,
} from './outbox-store.js';
import { redact } from './redact.js';
import type { SecretStore } from './secret-store.js';
import {
  type ExchangeKind,
  type Exchanges,
  PlatformSession,
  replyText,
  type Send,
  type UploadResult,
} from './session.js';
import { ARCHIVE_PASSWORD_SECRET, type ArchiveSettings, ledgerPlatform, readArchiveSettings } from './settings.js';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface UploaderOptions {
  core: Core;
  secrets: SecretStore;
  log?: (msg: string) => void;
  send?: Send;
  /** Per request (architecture.md: every request has a timeout). */
  timeoutMs?: number;
  /**
   * Most uploads in flight at once (default 8: about what a 256 kbit/s line with 300 ms round trips
   * carries per round trip). After a transient failure the uploader allows only
   * `concurrencyAfterFailure` and widens by one per accepted upload back to this bound.
   */
  concurrency?: number;
  /** Uploads in flight right after a transient failure (default 2). */
  concurrencyAfterFailure?: number;
  backoff?: BackoffPolicy;
  tokenMaxAgeMs?: number;
  random?: () => number;
  timers?: Timers;
  /** Even with nothing due, look at the queue this often (a row written by another process, a clock jump). */
  idleCheckMs?: number;
}

export interface UploaderStatus {
  running: boolean;
  /** true: the platform answered the last request; false: it could not be reached; null: not tried yet. */
  online: boolean | null;
  lastSuccessAt: number | null;
  lastError: { at: number; message: string } | null;
  /** When the queue will next be worked on, if it is waiting. */
  nextAttemptAt: number | null;
  inFlight: number;
}

const realTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export type WakeReason = 'start' | 'record' | 'timer' | 'network' | 'manual';

export class Uploader {
  private readonly o: Required<Omit<UploaderOptions, 'log'>> & { log: (msg: string) => void };
  private running = false;
  /** Rows being worked on: picked, and not yet settled on disk. */
  private readonly inFlight = new Set<string>();
  /**
   * Places in the window taken: from being picked until the outcome is queued for commit. Freed
   * then, not at the commit, so the next upload's first write joins the same commit as this
   * outcome (the row itself stays in `inFlight`, and `sending` on disk, until its outcome is written).
   */
  private slots = 0;
  /** The settings as last read; dropped by start() and reconfigure(), the only ways they change. */
  private settingsCache: { value: ArchiveSettings | null } | null = null;
  private pumping = false;
  private pumpAgain = false;
  private timer: unknown = null;
  private timerAt: number | null = null;
  /** The queue waits until then after a transient failure. */
  private pausedUntil = 0;
  private failures = 0;
  private session: { key: string; session: PlatformSession } | null = null;
  /** The password read that will make `session`, shared by every upload that asks meanwhile. */
  private opening: { key: string; generation: number; session: Promise<PlatformSession | { error: string }> } | null =
    null;
  /** Counts reconfigure() calls, so a password read that straddles one is not cached. */
  private generation = 0;
  private abort = new AbortController();
  private unsubscribe: (() => void) | null = null;
  private idleWaiters: (() => void)[] = [];
  /**
   * How many uploads may be in flight now: `concurrency`, narrowed to `concurrencyAfterFailure` by a
   * transient failure and widened again by one per accepted upload. A platform just back from an
   * outage (when every shop's queue resumes) is not hit with full windows at once.
   */
  private window: number;
  /** The uploader's state changes and ledger entries, committed together per event-loop turn. */
  private readonly writes: GroupCommit;
  private state: Omit<UploaderStatus, 'running' | 'nextAttemptAt' | 'inFlight'> = {
    online: null,
    lastSuccessAt: null,
    lastError: null,
  };

  constructor(opts: UploaderOptions) {
    this.o = {
      send: sendWire,
      timeoutMs: 15_000,
      concurrency: 8,
      concurrencyAfterFailure: 2,
      backoff: DEFAULT_BACKOFF,
      tokenMaxAgeMs: 60 * 60_000,
      random: Math.random,
      timers: realTimers,
      idleCheckMs: 60_000,
      log: () => {},
      ...opts,
    } as Uploader['o'];
    this.window = this.o.concurrency;
    this.writes = new GroupCommit(opts.core.sqlite);
  }

  private narrowWindow(): number {
    return Math.max(1, Math.min(this.o.concurrencyAfterFailure, this.o.concurrency));
  }

  get core(): Core {
    return this.o.core;
  }

  /** How requests leave (tests of "test connection" share it). */
  get send(): Send {
    return this.o.send;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.window = this.o.concurrency;
    this.abort = new AbortController();
    // Every request in flight listens on this one signal (and Node warns past 10 listeners).
    setMaxListeners(2 * this.o.concurrency + 10, this.abort.signal);
    // A session from an earlier run holds that run's abort signal, fired by stop(): kept, it would
    // cancel every request of this run.
    this.session = null;
    this.settingsCache = null;
    this.generation++;
    const recovered = recoverSending(this.core);
    if (recovered > 0)
      this.o.log(
        `档案上传：${recovered} 条上次未完成的上传改为待上传 / ${recovered} interrupted uploads are pending again`,
      );
    this.unsubscribe = this.core.events.on((e) => {
      if (e.method !== SYNC_METHOD && e.topics.includes('archive')) this.wake('record');
    });
    this.wake('start');
  }

  /** Stop scheduling and cut requests in flight; their rows go back to pending at the next start. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.clearTimer();
    this.abort.abort();
    // Outcomes already queued are committed now, before the core closes the database: otherwise
    // their rows would stay `sending` and be sent again (harmlessly, but needlessly) at the next start.
    this.writes.flush();
    this.resolveIdle();
  }

  /**
   * Look at the queue now. A start, a returning network or a clerk's "upload now" (saving the
   * account) also lifts the back-off: the reason for waiting may be gone.
   */
  wake(reason: WakeReason): void {
    if (!this.running) return;
    if (reason === 'network' || reason === 'manual' || reason === 'start') {
      this.pausedUntil = 0;
      this.failures = 0;
      dueNow(this.core);
    }
    void this.pump();
  }

  /** Settings changed: forget the token and the session, and try at once. */
  reconfigure(): void {
    this.session = null;
    this.settingsCache = null;
    this.generation++;
    this.pausedUntil = 0;
    this.failures = 0;
    this.state = { online: null, lastSuccessAt: this.state.lastSuccessAt, lastError: null };
    this.wake('manual');
  }

  status(): UploaderStatus {
    let next: number | null = null;
    if (this.running) {
      const due = earliestPending(this.core);
      if (due !== null) next = Math.max(due, this.pausedUntil);
    }
    return { running: this.running, ...this.state, nextAttemptAt: next, inFlight: this.inFlight.size };
  }

  /** Resolves when nothing is in flight and nothing is due now (tests and benchmarks wait on it). */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * A session for the current settings: the platform, the account and the adapter. The password is
   * read from the secret store only to make a session (a file read, or a round trip to the OS
   * keychain in the app — not something to do per record): every way of changing it
   * (archive.configure, the demo platform) goes through reconfigure(), which drops the session.
   */
  async sessionFor(s: ArchiveSettings): Promise<PlatformSession | { error: string }> {
    const key = JSON.stringify([s.adapter, s.baseUrl, s.companyCode]);
    if (this.session?.key === key) return this.session.session;
    // The uploads picked together all wait on ONE read, and so continue in the order they were
    // picked. Separate reads (file I/O on the thread pool) finish in any order: a slow one let its
    // row start dozens of places after rows picked later, which had found the session ready.
    if (this.opening?.key !== key || this.opening.generation !== this.generation) {
      const opening = { key, generation: this.generation, session: this.openSession(s, key) };
      const done = () => {
        if (this.opening === opening) this.opening = null;
      };
      opening.session.then(done, done);
      this.opening = opening;
    }
    return this.opening.session;
  }

  private async openSession(s: ArchiveSettings, key: string): Promise<PlatformSession | { error: string }> {
    const generation = this.generation;
    const password = await this.o.secrets.get(ARCHIVE_PASSWORD_SECRET);
    // Reconfigured while reading: this password may be the old one; read again.
    if (generation !== this.generation) return this.sessionFor(s);
    if (password === null) return { error: '未保存平台密码 / no platform password saved' };
    if (this.session?.key !== key) {
      this.session = {
        key,
        session: new PlatformSession({
          account: { baseUrl: s.baseUrl, companyCode: s.companyCode, password },
          adapter: adapterFor(s.adapter),
          now: () => this.core.clock.now(),
          send: this.o.send,
          timeoutMs: this.o.timeoutMs,
          tokenMaxAgeMs: this.o.tokenMaxAgeMs,
          signal: this.abort.signal,
        }),
      };
    }
    return this.session.session;
  }

  // -------------------------------------------------------------------------------------------------

  private isIdle(): boolean {
    if (this.inFlight.size > 0) return false;
    if (!this.running) return true;
    if (this.settings() === null) return true;
    const now = this.core.clock.now();
    return now < this.pausedUntil || !hasDue(this.core, now, this.inFlight);
  }

  private resolveIdle(): void {
    if (!this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        this.fill();
      } while (this.pumpAgain);
    } catch (e) {
      this.o.log(`档案上传：内部错误 / uploader error: ${(e as Error).stack ?? e}`);
    } finally {
      this.pumping = false;
    }
    this.arm();
    this.resolveIdle();
  }

  /** Start as many due uploads as the concurrency bound allows. */
  private fill(): void {
    if (!this.running) return;
    const settings = this.settings();
    if (!settings) return;
    const now = this.core.clock.now();
    if (now < this.pausedUntil) return;
    const free = this.window - this.slots;
    if (free <= 0) return;
    // Started in the same turn, the uploads' first writes share one commit (GroupCommit).
    for (const row of dueRows(this.core, now, this.inFlight, free)) {
      this.inFlight.add(row.id);
      this.slots++;
      let held = true;
      const release = () => {
        if (!held) return;
        held = false;
        this.slots--;
      };
      void this.process(row, settings, release)
        .catch((e) => this.internalError(e))
        .finally(() => {
          release();
          this.inFlight.delete(row.id);
          void this.pump();
        });
    }
  }

  private settings(): ArchiveSettings | null {
    this.settingsCache ??= { value: readArchiveSettings(this.core.db) };
    return this.settingsCache.value;
  }

  /** Arm the timer for the next moment there is something to do. */
  private arm(): void {
    this.clearTimer();
    if (!this.running) return;
    const now = this.core.clock.now();
    let at = now + this.o.idleCheckMs;
    // With the window full, the next completion pumps again: no need to look for the next due row
    // (which reads every pending row — a long queue would pay it once per record).
    if (this.slots < this.window) {
      const due = earliestPending(this.core);
      if (due !== null) at = Math.min(at, Math.max(due, this.pausedUntil));
    }
    const ms = Math.max(0, at - now);
    this.timerAt = at;
    this.timer = this.o.timers.setTimeout(() => {
      this.timer = null;
      this.timerAt = null;
      this.wake('timer');
    }, ms);
  }

  private clearTimer(): void {
    if (this.timer !== null) this.o.timers.clearTimeout(this.timer);
    this.timer = null;
    this.timerAt = null;
  }

  /** When the timer will fire (tests with a fake clock read it). */
  get timerDueAt(): number | null {
    return this.timerAt;
  }

  private async process(row: DueRow, settings: ArchiveSettings, release: () => void): Promise<void> {
    const adapter = adapterFor(settings.adapter);
    const local = adapter.localChecks(row.record).filter((i) => i.severity === 'error');
    if (local.length > 0) {
      await this.writes.run(() =>
        settleRow(this.core, row.id, {
          state: 'held',
          error: local.map((i) => i.message.zh).join('；'),
          issues: [...row.issues.filter((i) => i.severity === 'warning'), ...local],
        }),
      );
      this.changed();
      return;
    }
    const session = await this.sessionFor(settings);
    if ('error' in session) {
      this.pause(session.error, null, false);
      return;
    }
    const attempt: Attempt = { number: null };
    let result: UploadResult;
    try {
      result = await session.upload(row.record, this.ledger(row, attempt, settings, session, adapter));
    } catch (e) {
      // Requeued or reversed since it was picked: not ours to send any more.
      if (e instanceof RowChanged) return;
      throw e;
    }
    await this.apply(
      row,
      attempt,
      attempt.number === null ? result : landedBefore(this.core, row.id, attempt.number, result),
      release,
    );
  }

  /**
   * Queues the write that ends an attempt, gives its place in the window to the next due upload at
   * once (whose first write then joins the same commit), and waits for the commit.
   */
  private finish<T>(write: () => T, release: () => void): Promise<T> {
    const committed = this.writes.run(write);
    release();
    void this.pump();
    return committed;
  }

  /**
   * Writes the outcome of one attempt (committed before the row is free again) and adjusts the pace.
   * An attempt that ended before any request of its own (a token request shared with another upload
   * failed) is counted here, in the same write, as if it had begun.
   */
  private async apply(row: DueRow, attempt: Attempt, result: UploadResult, release: () => void): Promise<void> {
    const now = this.core.clock.now();
    const begun = () => {
      attempt.number ??= markSending(this.core, row.id);
      return attempt.number !== null;
    };
    const settle = (outcome: Parameters<typeof settleRow>[2]) => begun() && settleRow(this.core, row.id, outcome);
    switch (result.kind) {
      case 'accepted':
        this.failures = 0;
        this.window = Math.min(this.o.concurrency, this.window + 1);
        await this.finish(() => settle({ state: 'accepted' }), release);
        this.state.online = true;
        this.state.lastSuccessAt = now;
        break;
      case 'rejected': {
        const text = replyText(result.reply);
        await this.finish(
          () =>
            settle({
              state: 'rejected',
              error: text,
              issues: [...row.issues.filter((i) => i.severity === 'warning'), platformRejected(result.reply)],
            }),
          release,
        );
        // The platform is up and judging records: the link is fine.
        this.failures = 0;
        this.state.online = true;
        this.state.lastError = { at: now, message: `${row.settlementNo}: ${text}` };
        break;
      }
      case 'account': {
        const text = `平台拒绝了账号 / the platform refused the account: ${result.reply.code} ${result.reply.message}`;
        this.state.online = true;
        // Retrying a wrong password quickly helps no one (and may lock the account): wait the cap.
        const until = this.pause(text, this.o.backoff.capMs, true);
        await this.finish(() => settle({ state: 'pending', error: text, nextAttemptAt: until }), release);
        break;
      }
      case 'transient': {
        // Decided inside the write, so a reversal committed meanwhile is seen.
        const reversed = await this.writes.run(() => {
          if (!orderReversed(this.core, row.id)) return false;
          // Reversed while this attempt was in flight, and it did not land: it must not go out later.
          // (Had it landed, the correction row written by the reversal tells the clerk.)
          settle({ state: 'held', error: result.message, issues: [...row.issues, reversedDuringUpload()] });
          return true;
        });
        if (reversed) break;
        const until = this.pause(result.message, result.retryAfterMs, result.reachable);
        await this.finish(() => settle({ state: 'pending', error: result.message, nextAttemptAt: until }), release);
        break;
      }
    }
    this.changed();
  }

  /**
   * Pause the queue after a failure; returns when it resumes. The failures of uploads that were
   * already in flight when the queue paused are the same outage: they count once, so a full window
   * of failing requests does not jump the back-off to its cap. The window narrows (the link or the
   * platform is struggling).
   */
  private pause(message: string, retryAfterMs: number | null, reachable: boolean): number {
    const now = this.core.clock.now();
    if (now >= this.pausedUntil) this.failures++;
    this.window = this.narrowWindow();
    const until = now + nextDelay(Math.max(1, this.failures), retryAfterMs, this.o.backoff, this.o.random());
    this.pausedUntil = Math.max(this.pausedUntil, until);
    this.state.online = reachable;
    this.state.lastError = { at: now, message };
    this.o.log(
      `档案上传：${message}；${Math.round((until - now) / 1000)} 秒后重试 / retry in ${Math.round((until - now) / 1000)} s`,
    );
    return this.pausedUntil;
  }

  private internalError(e: unknown): void {
    // After stop() (the core closing), writes still queued are refused: the rows they concerned are
    // `sending` and become pending at the next start. Nothing to report then.
    if (this.running) this.o.log(`档案上传：内部错误 / uploader error: ${(e as Error).stack ?? e}`);
  }

  private changed(): void {
    this.core.events.emit({ type: 'changed', topics: ['archive'], method: SYNC_METHOD, at: this.core.clock.now() });
  }

  /** Ledger writer for one attempt of one row: every request and reply, with secrets redacted. */
  private ledger(
    row: DueRow,
    attempt: Attempt,
    settings: ArchiveSettings,
    session: PlatformSession,
    adapter: PlatformAdapter,
  ): Exchanges {
    const core = this.core;
    const writes = this.writes;
    const platform = ledgerPlatform(settings);
    const onError = (e: unknown) => this.internalError(e);
    const changed = () => this.changed();
    return {
      /**
       * The entry is committed before this resolves, that is, before the request leaves. The first
       * entry of an attempt also moves the row pending → sending and counts the attempt, in the same
       * write (architecture.md, sync rule 3: the state is on disk before any request of the attempt).
       */
      async begin(kind: ExchangeKind, req: WireRequest) {
        const request = redact(showRequest(req), session.secrets());
        const first = attempt.number === null;
        const id = await writes.run(() => {
          const number = attempt.number ?? markSending(core, row.id);
          if (number === null) throw new RowChanged();
          const entryId = beginLedger(core, {
            outboxId: row.id,
            attempt: number,
            platform,
            companyCode: settings.companyCode,
            settlementNo: row.settlementNo,
            request,
            outcome: `${kind}:sent`,
          });
          attempt.number = number;
          return entryId;
        });
        if (first) changed();
        return {
          end(res: WireResponse | null, error: string | null) {
            // A token reply carries the new token, which the session only learns after this entry.
            const fresh = res && kind === 'token' ? adapter.parseToken(res)?.token : undefined;
            const secrets = fresh ? [...session.secrets(), fresh] : session.secrets();
            const result = {
              response: res ? redact(res.body, secrets) : null,
              httpStatus: res ? res.status : null,
              outcome: `${kind}:${ledgerOutcome(kind, res, adapter)}`,
              error: error ? redact(error, secrets) : null,
            };
            // Committed with the row's outcome, which the uploader writes next and waits for; a
            // kill before that commit leaves the entry `sent`, which reads as "may have landed".
            writes.run(() => endLedger(core, id, result)).catch(onError);
          },
        };
      },
    };
  }
}

/** The attempt of one row being worked on: its number once counted (pending → sending). */
interface Attempt {
  number: number | null;
}

/** The row left `pending` (requeued, reversed) between being picked and its first request. */
class RowChanged extends Error {
  constructor() {
    super('the outbox row changed before its upload began');
  }
}

const showRequest = (r: WireRequest): string =>
  r.body === undefined ? `${r.method} ${r.url}` : `${r.method} ${r.url}\n${r.body}`;

/** One word for the ledger's outcome column: ok, code -30, http 503, malformed, error. */
function ledgerOutcome(kind: ExchangeKind, res: WireResponse | null, adapter: PlatformAdapter): string {
  if (!res) return 'error';
  if (res.status < 200 || res.status > 299) return `http ${res.status}`;
  if (kind === 'time') return adapter.parseTime?.(res) == null ? 'malformed' : 'ok';
  const reply = kind === 'token' ? adapter.parseToken(res) : adapter.parseUpload(res);
  if (!reply) return 'malformed';
  return reply.ok ? 'ok' : `code ${reply.code}`;
}

/** What a platform may say when it already holds a record with this settlement number. */
const DUPLICATE = /已存在|已上传|重复|exist|duplicate/i;
/** The reference archive's documented "same number, different content" (docs/archive-protocol.md). */
const CONFLICT = '-31';

/**
 * No platform documents how it answers a repeated settlement number. If an earlier attempt of this
 * very record may have landed unseen (its reply was lost), a "duplicate" answer means that attempt
 * got through: the snapshot never changes between attempts, so it is our record the platform holds.
 * Without such an attempt, or with the documented conflict code, a duplicate stays a rejection.
 */
function landedBefore(core: Core, outboxId: string, attempt: number, r: UploadResult): UploadResult {
  if (r.kind !== 'rejected' || r.reply.code === CONFLICT || !DUPLICATE.test(r.reply.message)) return r;
  return hadUnknownUpload(core, outboxId, attempt) ? { kind: 'accepted', reply: r.reply } : r;
}

const reversedDuringUpload = (): Issue =>
  issue(
    'reversed_before_upload',
    '工单在上传过程中被冲红，此记录不再自动上传',
    'The order was reversed while this record was being uploaded; it will not be uploaded automatically',
  );

const platformRejected = (reply: { code: string; message: string }): Issue =>
  issue(
    'platform_rejected',
    `档案平台退回了此记录（代码 ${reply.code}）：${reply.message}。请按提示修正车辆或店铺资料后重新上传`,
    `The archive platform rejected this record (code ${reply.code}): ${reply.message}. Fix the vehicle or shop data it names, then requeue`,
  );

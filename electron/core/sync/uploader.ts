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
import type { Issue } from '../../../shared/domain/issue.js';
import { issue } from '../../../shared/domain/issue.js';
import type { Core } from '../context.js';
import { adapterFor } from './adapters/index.js';
import type { PlatformAdapter, WireRequest, WireResponse } from './adapters/types.js';
import { type BackoffPolicy, DEFAULT_BACKOFF, nextDelay } from './backoff.js';
import { sendWire } from './http.js';
import {
  beginLedger,
  type DueRow,
  dueNow,
  earliestPending,
  endLedger,
  hadUnknownUpload,
  markSending,
  nextDue,
  orderReversed,
  recoverSending,
  SYNC_METHOD,
  settle,
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
  /** Uploads in flight at once. */
  concurrency?: number;
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
  private readonly inFlight = new Set<string>();
  private pumping = false;
  private pumpAgain = false;
  private timer: unknown = null;
  private timerAt: number | null = null;
  /** The queue waits until then after a transient failure. */
  private pausedUntil = 0;
  private failures = 0;
  private session: { key: string; session: PlatformSession } | null = null;
  private abort = new AbortController();
  private unsubscribe: (() => void) | null = null;
  private idleWaiters: (() => void)[] = [];
  private state: Omit<UploaderStatus, 'running' | 'nextAttemptAt' | 'inFlight'> = {
    online: null,
    lastSuccessAt: null,
    lastError: null,
  };

  constructor(opts: UploaderOptions) {
    this.o = {
      send: sendWire,
      timeoutMs: 15_000,
      concurrency: 2,
      backoff: DEFAULT_BACKOFF,
      tokenMaxAgeMs: 60 * 60_000,
      random: Math.random,
      timers: realTimers,
      idleCheckMs: 60_000,
      log: () => {},
      ...opts,
    } as Uploader['o'];
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
    this.abort = new AbortController();
    // A session from an earlier run holds that run's abort signal, fired by stop(): kept, it would
    // cancel every request of this run.
    this.session = null;
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

  /** A session for the current settings: the platform, the account and the adapter. */
  async sessionFor(s: ArchiveSettings): Promise<PlatformSession | { error: string }> {
    const password = await this.o.secrets.get(ARCHIVE_PASSWORD_SECRET);
    if (password === null) return { error: '未保存平台密码 / no platform password saved' };
    const key = JSON.stringify([s.adapter, s.baseUrl, s.companyCode, password]);
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
    if (readArchiveSettings(this.core.db) === null) return true;
    const now = this.core.clock.now();
    return now < this.pausedUntil || nextDue(this.core, now, this.inFlight) === null;
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
    const settings = readArchiveSettings(this.core.db);
    if (!settings) return;
    while (this.inFlight.size < this.o.concurrency) {
      const now = this.core.clock.now();
      if (now < this.pausedUntil) return;
      const row = nextDue(this.core, now, this.inFlight);
      if (!row) return;
      this.inFlight.add(row.id);
      void this.process(row, settings)
        .catch((e) => this.o.log(`档案上传：内部错误 / uploader error: ${(e as Error).stack ?? e}`))
        .finally(() => {
          this.inFlight.delete(row.id);
          void this.pump();
        });
    }
  }

  /** Arm the timer for the next moment there is something to do. */
  private arm(): void {
    this.clearTimer();
    if (!this.running) return;
    const now = this.core.clock.now();
    let at = now + this.o.idleCheckMs;
    const due = earliestPending(this.core);
    if (due !== null && this.inFlight.size < this.o.concurrency) at = Math.min(at, Math.max(due, this.pausedUntil));
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

  private async process(row: DueRow, settings: ArchiveSettings): Promise<void> {
    const adapter = adapterFor(settings.adapter);
    const local = adapter.localChecks(row.record).filter((i) => i.severity === 'error');
    if (local.length > 0) {
      settle(this.core, row.id, {
        state: 'held',
        error: local.map((i) => i.message.zh).join('；'),
        issues: [...row.issues.filter((i) => i.severity === 'warning'), ...local],
      });
      this.changed();
      return;
    }
    const session = await this.sessionFor(settings);
    if ('error' in session) {
      this.pause(session.error, null, false);
      return;
    }
    const attempt = markSending(this.core, row.id);
    if (attempt === null) return;
    this.changed();
    const result = await session.upload(row.record, this.ledger(row, attempt, settings, session, adapter));
    this.apply(row, landedBefore(this.core, row.id, attempt, result));
  }

  private apply(row: DueRow, result: UploadResult): void {
    const now = this.core.clock.now();
    switch (result.kind) {
      case 'accepted':
        settle(this.core, row.id, { state: 'accepted' });
        this.failures = 0;
        this.state.online = true;
        this.state.lastSuccessAt = now;
        break;
      case 'rejected': {
        const text = replyText(result.reply);
        settle(this.core, row.id, {
          state: 'rejected',
          error: text,
          issues: [...row.issues.filter((i) => i.severity === 'warning'), platformRejected(result.reply)],
        });
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
        settle(this.core, row.id, { state: 'pending', error: text, nextAttemptAt: until });
        break;
      }
      case 'transient': {
        if (orderReversed(this.core, row.id)) {
          // Reversed while this attempt was in flight, and it did not land: it must not go out later.
          // (Had it landed, the correction row written by the reversal tells the clerk.)
          settle(this.core, row.id, {
            state: 'held',
            error: result.message,
            issues: [...row.issues, reversedDuringUpload()],
          });
          break;
        }
        const until = this.pause(result.message, result.retryAfterMs, result.reachable);
        settle(this.core, row.id, { state: 'pending', error: result.message, nextAttemptAt: until });
        break;
      }
    }
    this.changed();
  }

  /** Pause the queue after a failure; returns when it resumes. */
  private pause(message: string, retryAfterMs: number | null, reachable: boolean): number {
    const now = this.core.clock.now();
    this.failures++;
    const until = now + nextDelay(this.failures, retryAfterMs, this.o.backoff, this.o.random());
    this.pausedUntil = Math.max(this.pausedUntil, until);
    this.state.online = reachable;
    this.state.lastError = { at: now, message };
    this.o.log(
      `档案上传：${message}；${Math.round((until - now) / 1000)} 秒后重试 / retry in ${Math.round((until - now) / 1000)} s`,
    );
    return this.pausedUntil;
  }

  private changed(): void {
    this.core.events.emit({ type: 'changed', topics: ['archive'], method: SYNC_METHOD, at: this.core.clock.now() });
  }

  /** Ledger writer for one attempt of one row: every request and reply, with secrets redacted. */
  private ledger(
    row: DueRow,
    attempt: number,
    settings: ArchiveSettings,
    session: PlatformSession,
    adapter: PlatformAdapter,
  ): Exchanges {
    const core = this.core;
    const platform = ledgerPlatform(settings);
    return {
      begin(kind: ExchangeKind, req: WireRequest) {
        const id = beginLedger(core, {
          outboxId: row.id,
          attempt,
          platform,
          companyCode: settings.companyCode,
          settlementNo: row.settlementNo,
          request: redact(showRequest(req), session.secrets()),
          outcome: `${kind}:sent`,
        });
        return {
          end(res: WireResponse | null, error: string | null) {
            // A token reply carries the new token, which the session only learns after this entry.
            const fresh = res && kind === 'token' ? adapter.parseToken(res)?.token : undefined;
            const secrets = fresh ? [...session.secrets(), fresh] : session.secrets();
            endLedger(core, id, {
              response: res ? redact(res.body, secrets) : null,
              httpStatus: res ? res.status : null,
              outcome: `${kind}:${ledgerOutcome(kind, res, adapter)}`,
              error: error ? redact(error, secrets) : null,
            });
          },
        };
      },
    };
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

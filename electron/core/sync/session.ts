/**
 * One conversation with one platform account: the token cache (architecture.md, sync rule 5), the
 * platform clock for wrapper headers (Chengdu), and the exchange that uploads one record, classified
 * into what the uploader must do next. Every request and reply is reported to `Exchanges` so the
 * uploader can write the ledger; the session itself keeps no state on disk.
 */
import type { ArchiveRecord } from '../../../shared/domain/archive-record.js';
import type { PlatformAccount, PlatformAdapter, PlatformReply, WireRequest, WireResponse } from './adapters/types.js';
import { retryAfterMs, TransportError } from './http.js';

export type ExchangeKind = 'time' | 'token' | 'upload';

export interface LedgerEntry {
  end(response: WireResponse | null, error: string | null): void;
}

/**
 * Writes one request/response pair to the ledger: `begin` before sending (the request leaves only
 * once what it returns has resolved, i.e. the entry is on disk), `end` once it is over.
 */
export interface Exchanges {
  begin(kind: ExchangeKind, request: WireRequest): LedgerEntry | Promise<LedgerEntry>;
}

export type UploadResult =
  /** The platform stored the record (or already had it, identical). */
  | { kind: 'accepted'; reply: PlatformReply }
  /** The platform says the record is wrong: shown to the clerk, not retried until requeued. */
  | { kind: 'rejected'; reply: PlatformReply }
  /** The account itself was refused (wrong password, unknown company): nothing can upload until fixed. */
  | { kind: 'account'; reply: PlatformReply }
  /** Try again later; `reachable` = the platform answered at all (the link is up). */
  | { kind: 'transient'; message: string; retryAfterMs: number | null; reachable: boolean };

export type Send = (req: WireRequest, opts: { timeoutMs: number; signal?: AbortSignal }) => Promise<WireResponse>;

export interface SessionOptions {
  account: PlatformAccount;
  adapter: PlatformAdapter;
  now: () => number;
  send: Send;
  timeoutMs: number;
  /** Tokens are refreshed at least this often even when the platform still takes them (hourly). */
  tokenMaxAgeMs: number;
  signal?: AbortSignal;
}

/** Codes of docs/archive-protocol.md that mean "the platform, not the record": retry later. */
const PLATFORM_FAULT = '-99';
const BAD_TIME = '-3';
const TOKEN_INVALID = '-20';

type Step<T> = { ok: true; value: T } | { ok: false; result: UploadResult };

export class PlatformSession {
  private token: { value: string; at: number } | null = null;
  private tokenInFlight: Promise<Step<string>> | null = null;
  private tokenFetches = 0;
  /** Platform clock minus local clock, for wrapper headers; null until read. */
  private offsetMs: number | null = null;
  /** Every token this session has held: redacted from the ledger wherever they appear. */
  private readonly seenTokens = new Set<string>();

  constructor(private readonly o: SessionOptions) {}

  get account(): PlatformAccount {
    return this.o.account;
  }

  /** What must never reach the ledger or a log. */
  secrets(): string[] {
    return [this.o.account.password, ...this.seenTokens];
  }

  /** Forget the token (the platform said it is invalid, or the settings changed). */
  dropToken(): void {
    this.token = null;
  }

  /** Fetch a token now, bypassing the cache: "test connection". */
  async testToken(x: Exchanges): Promise<Step<string>> {
    this.token = null;
    return this.getToken(x);
  }

  async upload(record: ArchiveRecord, x: Exchanges): Promise<UploadResult> {
    // One retry with a fresh token: a real platform's "token invalid" code is unknown, so a failure
    // on a cached token is never taken as the record's fault until a fresh token confirms it.
    for (let round = 0; round < 2; round++) {
      const fetchesBefore = this.tokenFetches;
      const token = await this.getToken(x);
      if (!token.ok) return token.result;
      // A token fetched for this very upload cannot be stale; one from the cache might be.
      const cachedBefore = this.tokenFetches === fetchesBefore;
      const stamp = await this.stamp(x);
      if (!stamp.ok) return stamp.result;
      const req = this.o.adapter.uploadRequest(this.o.account, token.value, record, stamp.value);
      const res = await this.exchange(x, 'upload', req);
      if (!res.ok) return res.result;
      if (res.value.status === 401 || res.value.status === 403) {
        this.token = null;
        if (cachedBefore && round === 0) continue;
        return this.transportFailure(res.value);
      }
      if (res.value.status < 200 || res.value.status > 299) return this.transportFailure(res.value);
      const reply = this.o.adapter.parseUpload(res.value);
      if (!reply) return malformed();
      if (reply.ok) return { kind: 'accepted', reply };
      if (reply.code === PLATFORM_FAULT) return platformFault(reply);
      if (reply.code === BAD_TIME) {
        // Our header clock drifted from the platform's: read it again and retry soon.
        this.offsetMs = null;
        return { kind: 'transient', message: replyText(reply), retryAfterMs: 0, reachable: true };
      }
      if (cachedBefore && round === 0) {
        this.token = null;
        continue;
      }
      // A fresh token called invalid is the platform's trouble, not the record's.
      if (reply.code === TOKEN_INVALID) return platformFault(reply);
      return { kind: 'rejected', reply };
    }
    /* c8 ignore next */
    throw new Error('unreachable');
  }

  private async getToken(x: Exchanges): Promise<Step<string>> {
    const t = this.token;
    if (t && this.o.now() - t.at < this.o.tokenMaxAgeMs && this.o.now() >= t.at) return { ok: true, value: t.value };
    // Uploads running side by side share one token request.
    if (!this.tokenInFlight) {
      this.tokenInFlight = this.fetchToken(x).finally(() => {
        this.tokenInFlight = null;
      });
    }
    return this.tokenInFlight;
  }

  private async fetchToken(x: Exchanges): Promise<Step<string>> {
    const stamp = await this.stamp(x);
    if (!stamp.ok) return stamp;
    const res = await this.exchange(x, 'token', this.o.adapter.tokenRequest(this.o.account, stamp.value));
    if (!res.ok) return res;
    if (res.value.status < 200 || res.value.status > 299)
      return { ok: false, result: this.transportFailure(res.value) };
    const reply = this.o.adapter.parseToken(res.value);
    if (!reply) return { ok: false, result: malformed() };
    if (reply.ok && reply.token) {
      this.tokenFetches++;
      this.seenTokens.add(reply.token);
      this.token = { value: reply.token, at: this.o.now() };
      return { ok: true, value: reply.token };
    }
    if (reply.ok) return { ok: false, result: malformed() };
    if (reply.code === PLATFORM_FAULT) return { ok: false, result: platformFault(reply) };
    if (reply.code === BAD_TIME) {
      this.offsetMs = null;
      return { ok: false, result: { kind: 'transient', message: replyText(reply), retryAfterMs: 0, reachable: true } };
    }
    return { ok: false, result: { kind: 'account', reply } };
  }

  /** The clock for wrapper headers: the platform's for families that publish a time call. */
  private async stamp(x: Exchanges): Promise<Step<number>> {
    const { adapter } = this.o;
    if (!adapter.timeRequest || !adapter.parseTime) return { ok: true, value: this.o.now() };
    if (this.offsetMs === null) {
      const before = this.o.now();
      const res = await this.exchange(x, 'time', adapter.timeRequest(this.o.account));
      if (!res.ok) return res;
      if (res.value.status < 200 || res.value.status > 299)
        return { ok: false, result: this.transportFailure(res.value) };
      const serverMs = adapter.parseTime(res.value);
      if (serverMs === null) return { ok: false, result: malformed() };
      // The reply was stamped somewhere during the round trip: assume the middle.
      this.offsetMs = serverMs - Math.round((before + this.o.now()) / 2);
    }
    return { ok: true, value: this.o.now() + this.offsetMs };
  }

  /** A non-2xx reply: the platform (or a proxy before it) is up but not serving; honour Retry-After. */
  private transportFailure(res: WireResponse): UploadResult {
    return {
      kind: 'transient',
      message: `HTTP ${res.status}`,
      retryAfterMs: retryAfterMs(res.headers, this.o.now()),
      reachable: true,
    };
  }

  private async exchange(x: Exchanges, kind: ExchangeKind, req: WireRequest): Promise<Step<WireResponse>> {
    const entry = await x.begin(kind, req);
    try {
      const res = await this.o.send(req, {
        timeoutMs: this.o.timeoutMs,
        ...(this.o.signal ? { signal: this.o.signal } : {}),
      });
      entry.end(res, null);
      return { ok: true, value: res };
    } catch (e) {
      const message = e instanceof TransportError ? `${e.kind}: ${e.message}` : String(e);
      entry.end(null, message);
      return { ok: false, result: { kind: 'transient', message, retryAfterMs: null, reachable: false } };
    }
  }
}

/** How a platform reply reads in logs, ledger errors and the clerk's last error: `-30 数据校验不通过…`. */
export const replyText = (r: PlatformReply): string => `${r.code} ${r.message}`.trim();

const platformFault = (reply: PlatformReply): UploadResult => ({
  kind: 'transient',
  message: replyText(reply),
  retryAfterMs: null,
  reachable: true,
});

const malformed = (): UploadResult => ({
  kind: 'transient',
  message: 'malformed reply: not the platform’s JSON',
  retryAfterMs: null,
  reachable: true,
});

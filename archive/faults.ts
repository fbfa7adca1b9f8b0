/**
 * Fault injection: the misbehaviour of a real platform on a bad day, so the client's retry, ledger and
 * exactly-once logic can be exercised on demand. Off by default; set only by the operator (CLI flags,
 * start options, POST /admin/faults), never by anything a record contains. Applies to the protocol
 * endpoints only, never to /admin or /owner.
 */
import type { Bilingual } from '../shared/domain/issue.js';
import { mulberry32 } from './prng.js';

export interface Faults {
  /** Share of requests answered HTTP 503 with `Retry-After: retryAfterSeconds`, before any work. */
  errorRate: number;
  /** Delay before every protocol request is handled, in ms. */
  latencyMs: number;
  /** Share of requests whose connection is destroyed before anything is stored. */
  dropBeforeCommitRate: number;
  /** Share of requests that are stored and then have their connection destroyed without a reply. */
  dropAfterCommitRate: number;
  /** Share of requests (stored normally) answered 200 with a truncated JSON or an HTML page. */
  malformedRate: number;
  /** Share of uploads whose valid token is treated as expired (-20). */
  tokenExpiryRate: number;
  /** The `Retry-After` header of injected 503s, in seconds. */
  retryAfterSeconds: number;
  /** Seed of the fault PRNG: the same seed and request sequence give the same faults. */
  seed: number;
}

export const NO_FAULTS: Readonly<Faults> = {
  errorRate: 0,
  latencyMs: 0,
  dropBeforeCommitRate: 0,
  dropAfterCommitRate: 0,
  malformedRate: 0,
  tokenExpiryRate: 0,
  retryAfterSeconds: 1,
  seed: 1,
};

const RATES = [
  'errorRate',
  'dropBeforeCommitRate',
  'dropAfterCommitRate',
  'malformedRate',
  'tokenExpiryRate',
] as const satisfies readonly (keyof Faults)[];
const FAULT_KEYS = Object.keys(NO_FAULTS) as (keyof Faults)[];

export class FaultError extends Error {
  constructor(readonly bilingual: Bilingual) {
    super(`${bilingual.zh} / ${bilingual.en}`);
  }
}

/** Validate a partial fault setting from an untrusted source (JSON body, flags). Throws FaultError. */
export const checkFaults = (input: unknown): Partial<Faults> => {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new FaultError({ zh: '故障设置应为 JSON 对象', en: 'Fault settings must be a JSON object' });
  const out: Partial<Faults> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!FAULT_KEYS.includes(key as keyof Faults))
      throw new FaultError({
        zh: `未知的故障设置“${key}”；可用：${FAULT_KEYS.join('、')}`,
        en: `Unknown fault setting '${key}'; known: ${FAULT_KEYS.join(', ')}`,
      });
    const k = key as keyof Faults;
    const isRate = (RATES as readonly string[]).includes(k);
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (isRate
        ? value >= 0 && value <= 1
        : k === 'seed'
          ? Number.isInteger(value)
          : k === 'retryAfterSeconds'
            ? Number.isInteger(value) && value >= 0
            : value >= 0);
    if (!ok)
      throw new FaultError(
        isRate
          ? { zh: `${k} 应为 0 到 1 之间的数`, en: `${k} must be a number from 0 to 1` }
          : k === 'seed'
            ? { zh: 'seed 应为整数', en: 'seed must be an integer' }
            : { zh: `${k} 应为非负数`, en: `${k} must be a non-negative number` },
      );
    out[k] = value as number;
  }
  return out;
};

/** What the injector decided for one protocol request. */
export interface FaultDraw {
  latencyMs: number;
  error: boolean;
  dropBeforeCommit: boolean;
  dropAfterCommit: boolean;
  malformed: 'truncated' | 'html' | null;
  tokenExpired: boolean;
}

export class FaultInjector {
  private current: Faults;
  private random: () => number;

  constructor(initial: Partial<Faults> = {}) {
    this.current = { ...NO_FAULTS, ...checkFaults(initial) };
    this.random = mulberry32(this.current.seed);
  }

  get(): Faults {
    return { ...this.current };
  }

  /** Merge a partial setting; a given `seed` restarts the sequence. */
  set(partial: Partial<Faults>): Faults {
    const checked = checkFaults(partial);
    this.current = { ...this.current, ...checked };
    if (checked.seed !== undefined) this.random = mulberry32(checked.seed);
    return this.get();
  }

  /**
   * Decide one request. Always the same six draws in the same order, whatever the rates, so the
   * decisions for request n depend only on the seed and n.
   */
  draw(): FaultDraw {
    const f = this.current;
    const [error, before, after, malformed, kind, expiry] = Array.from({ length: 6 }, () => this.random()) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    return {
      latencyMs: f.latencyMs,
      error: error < f.errorRate,
      dropBeforeCommit: before < f.dropBeforeCommitRate,
      dropAfterCommit: after < f.dropAfterCommitRate,
      malformed: malformed < f.malformedRate ? (kind < 0.5 ? 'truncated' : 'html') : null,
      tokenExpired: expiry < f.tokenExpiryRate,
    };
  }
}

/**
 * The four platform families on the wire (docs/archive-protocol.md): each route unwraps its family's
 * request into the archive's operations and wraps the Reply the way that family answers. lcippro
 * nested and stringified share one endpoint; the form is recorded per record.
 */
import type { ArchiveCore, Outcome } from './archive.js';
import { headerSkewMs, MAX_HEADER_SKEW_MS, parseHeaderTime } from './china-time.js';
import { BAD_TIME, badFormat, invalid, missing, type Reply } from './replies.js';

export interface ProtocolRequest {
  url: URL;
  /** The POST body as text ('' for GET). */
  body: string;
  /** Injected fault: treat a valid token as expired. */
  tokenExpired: boolean;
  /** Writes the request log entry inside the write that stores an upload (see server.ts). */
  journal?: (outcome: Outcome) => void;
}

export interface Handled {
  /** The reply body, exactly as sent. */
  text: string;
  /** Absent for calls that are not an operation (GET /time). */
  outcome?: Outcome;
}

export interface ProtocolRoute {
  /** Short name for the request log, e.g. `lcippro.upload`. */
  endpoint: string;
  method: 'GET' | 'POST';
  handle(req: ProtocolRequest): Promise<Handled>;
  /** A reply in this family's shape (used for -99 and wrong-method answers). */
  wrap(reply: Reply): string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

const plain = (reply: Reply): string => JSON.stringify(reply);
const respInfo = (reply: Reply): string => JSON.stringify({ respInfo: reply });

type Step<T> = { ok: true; value: T } | { ok: false; reply: Reply };

/** A JSON object from request text; `what` names it in messages. */
const parseObject = (text: string, what: string): Step<Json> => {
  if (text.trim() === '') return { ok: false, reply: invalid(`${what}为空`) };
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return { ok: false, reply: badFormat([`${what}不是有效的 JSON`]) };
  }
  return isObject(v) ? { ok: true, value: v } : { ok: false, reply: badFormat([`${what}应为 JSON 对象`]) };
};

/** Children that must be JSON objects: -1 when absent, -2 when not objects. */
const objects = (parent: Json, at: string, keys: readonly string[]): Step<Json[]> => {
  const absent = keys.filter((k) => parent[k] === undefined || parent[k] === null);
  if (absent.length > 0) return { ok: false, reply: missing(absent.map((k) => `${at}${k}`)) };
  const wrong = keys.filter((k) => !isObject(parent[k]));
  if (wrong.length > 0) return { ok: false, reply: badFormat(wrong.map((k) => `${at}${k} 应为对象`)) };
  return { ok: true, value: keys.map((k) => parent[k] as Json) };
};

/** The wrapper header: present, well-formed, and within five minutes of the server clock (-3). */
const checkHeader = (header: Json, at: string, now: number): Reply | null => {
  const absent = (['date', 'time'] as const).filter((k) => header[k] === undefined || header[k] === null);
  if (absent.length > 0) return missing(absent.map((k) => `${at}.${k}`));
  const { date, time } = header;
  if (typeof date !== 'string' || typeof time !== 'string') return badFormat([`${at}.date 与 ${at}.time 应为字符串`]);
  const stamp = parseHeaderTime(date, time);
  if (stamp === null)
    return badFormat([`${at}.date 应为 yyyyMMdd、${at}.time 应为 HHmmss（北京时间），当前为“${date} ${time}”`]);
  return headerSkewMs(stamp, now) > MAX_HEADER_SKEW_MS ? BAD_TIME : null;
};

export const protocolRoutes = (core: ArchiveCore, now: () => number): Record<string, ProtocolRoute> => {
  const lcippro = (endpoint: string, op: (body: Json, req: ProtocolRequest) => Promise<Outcome>): ProtocolRoute => ({
    endpoint,
    method: 'POST',
    wrap: plain,
    async handle(req) {
      const body = parseObject(req.body, '请求内容');
      if (!body.ok) return { text: plain(body.reply), outcome: { reply: body.reply } };
      const outcome = await op(body.value, req);
      return { text: plain(outcome.reply), outcome };
    },
  });

  /** Chengdu: `{"transaction":{"header":{…},"body":{"reqInfo":{…}}}}` → `{"respInfo":{…}}`. */
  const chengdu = (endpoint: string, op: (reqInfo: Json, req: ProtocolRequest) => Promise<Outcome>): ProtocolRoute => ({
    endpoint,
    method: 'POST',
    wrap: respInfo,
    async handle(req) {
      const fail = (reply: Reply): Handled => ({ text: respInfo(reply), outcome: { reply } });
      const body = parseObject(req.body, '请求内容');
      if (!body.ok) return fail(body.reply);
      const tx = objects(body.value, '', ['transaction']);
      if (!tx.ok) return fail(tx.reply);
      const parts = objects(tx.value[0]!, 'transaction.', ['header', 'body']);
      if (!parts.ok) return fail(parts.reply);
      const [header, inner] = parts.value as [Json, Json];
      const reqInfo = objects(inner, 'transaction.body.', ['reqInfo']);
      if (!reqInfo.ok) return fail(reqInfo.reply);
      const timeReply = checkHeader(header, 'transaction.header', now());
      if (timeReply) return fail(timeReply);
      const outcome = await op(reqInfo.value[0]!, req);
      return { text: respInfo(outcome.reply), outcome };
    },
  });

  /** Foshan: one URL-encoded JSON query parameter, `{header, body}` (+ `access_token` for uploads). */
  const foshan = (
    endpoint: string,
    param: string,
    op: (envelope: Json, body: Json, req: ProtocolRequest) => Promise<Outcome>,
  ): ProtocolRoute => ({
    endpoint,
    method: 'GET',
    wrap: plain,
    async handle(req) {
      const fail = (reply: Reply): Handled => ({ text: plain(reply), outcome: { reply } });
      const raw = req.url.searchParams.get(param);
      if (raw === null) return fail(missing([param]));
      const envelope = parseObject(raw, param);
      if (!envelope.ok) return fail(envelope.reply);
      const parts = objects(envelope.value, '', ['header', 'body']);
      if (!parts.ok) return fail(parts.reply);
      const [header, body] = parts.value as [Json, Json];
      const timeReply = checkHeader(header, 'header', now());
      if (timeReply) return fail(timeReply);
      const outcome = await op(envelope.value, body, req);
      return { text: plain(outcome.reply), outcome };
    },
  });

  return {
    '/restservices/lcipprodatarest/lcipprogetaccesstoken/query': lcippro('lcippro.token', (b) => core.token(b)),
    '/restservices/lcipprodatarest/lcipprocarfixrecordadd/query': lcippro('lcippro.upload', async (b, req) =>
      core.upload({
        token: b.access_token,
        container: b,
        protocol: 'lcippro',
        flat: false,
        tokenExpired: req.tokenExpired,
        ...(req.journal ? { journal: req.journal } : {}),
      }),
    ),
    '/restservices/lcipprodatarest/lcipproaccountcompany/query': lcippro('lcippro.register', (b) => core.register(b)),
    '/time': {
      endpoint: 'chengdu.time',
      method: 'GET',
      wrap: respInfo,
      // A bare epoch-ms number, the simplest of the shapes the client reads.
      handle: async () => ({ text: String(now()) }),
    },
    '/carhealth/token': chengdu('chengdu.token', (r) => core.token(r)),
    '/carhealth/record': chengdu('chengdu.record', async (r, req) =>
      core.upload({
        token: r.access_token,
        container: r,
        protocol: 'chengdu',
        flat: false,
        tokenExpired: req.tokenExpired,
        ...(req.journal ? { journal: req.journal } : {}),
      }),
    ),
    '/getAccessToken.ashx': foshan('foshan.token', 'companydata', (_e, body) => core.token(body)),
    '/upRepairInfo.ashx': foshan('foshan.upload', 'repairdata', async (envelope, body, req) =>
      core.upload({
        token: envelope.access_token,
        container: body,
        protocol: 'foshan',
        flat: true,
        prefix: 'body.',
        tokenExpired: req.tokenExpired,
        ...(req.journal ? { journal: req.journal } : {}),
      }),
    ),
  };
};

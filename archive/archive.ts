/**
 * What the archive does, independent of how a platform family spells it on the wire: issue tokens,
 * store records exactly once per (company, costlistcode), register companies. Every operation
 * answers a Reply; the protocol modules wrap it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { checkCreditCode } from '../shared/domain/credit-code.js';
import { recordQuality } from '../shared/domain/quality.js';
import type { GroupCommit } from '../shared/sqlite/group-commit.js';
import { CHINA_TIME_ZONE, chinaToday } from './china-time.js';
import { hashPassword, hashPasswordSync, verifyPassword } from './passwords.js';
import { canonicalContent, checkRules, readRecord } from './record-input.js';
import {
  ALREADY_STORED,
  BAD_PASSWORD,
  BAD_TOKEN,
  badFormat,
  CONFLICT,
  missing,
  NO_COMPANY,
  type Reply,
  ruleBroken,
  STORED,
  success,
} from './replies.js';
import type { CompanyRow, Protocol, Sqlite, Statements } from './store.js';

/** What the server log and request log learn from one operation. */
export interface Outcome {
  reply: Reply;
  companycode?: string;
  costlistcode?: string;
  /** Set when an injected fault changed the answer. */
  fault?: string;
}

export interface SeedCompany {
  companycode: string;
  password: string;
  /** null or absent: accept any company name in records (demo accounts). */
  companyname?: string | null;
  /** GB/T 2260 six-digit code of the shop's area, e.g. 440106. */
  areacode: string;
}

export class SeedError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(`${zh} / ${en}`);
  }
}

/** GB/T 2260 province-level prefixes (mainland, Taiwan, Hong Kong, Macao). */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

/** Six digits under a real province prefix. */
export const isAreaCode = (s: string): boolean => /^\d{6}$/.test(s) && PROVINCES.has(s.slice(0, 2));

const tokenHash = (token: string): string => createHash('sha256').update(token).digest('hex');

const DAY_MS = 86_400_000;
const MAX_NAME = 100;

const REGISTRATION_REQUIRED = [
  'companyname',
  'companypassword',
  'companyadministrativedivisioncode',
  'companyunifiedsocialcreditidentifier',
] as const;
const REGISTRATION_OPTIONAL = [
  'companyaddress',
  'companyroadtransportationlicense',
  'companycategory',
  'companylinkmanname',
  'companylinkmantel',
] as const;

export interface ArchiveCoreOptions {
  db: Sqlite;
  sql: Statements;
  /** Stored records are committed in groups (server.ts shares it with the request log). */
  commits: GroupCommit;
  now: () => number;
  tokenTtlMs: number;
}

export const createArchiveCore = ({ db, sql, commits, now, tokenTtlMs }: ArchiveCoreOptions) => {
  /** companycode + password → token (-1, -2, -10, -11). */
  const token = async (input: Record<string, unknown>): Promise<Outcome> => {
    const { companycode, companypassword } = input;
    const absent = [
      ...(companycode === undefined || companycode === null || companycode === '' ? ['companycode'] : []),
      ...(companypassword === undefined || companypassword === null || companypassword === ''
        ? ['companypassword']
        : []),
    ];
    if (absent.length > 0)
      return { reply: missing(absent), ...(typeof companycode === 'string' ? { companycode } : {}) };
    if (typeof companycode !== 'string' || typeof companypassword !== 'string')
      return {
        reply: badFormat(
          (['companycode', 'companypassword'] as const)
            .filter((k) => typeof input[k] !== 'string')
            .map((k) => `${k} 应为字符串`),
        ),
      };
    const company = sql.company.get(companycode);
    if (!company) return { reply: NO_COMPANY, companycode };
    if (!(await verifyPassword(companypassword, company.password_hash))) return { reply: BAD_PASSWORD, companycode };
    const t = now();
    const value = randomBytes(32).toString('hex');
    db.transaction(() => {
      sql.pruneTokens.run(t - DAY_MS);
      sql.insertToken.run(tokenHash(value), companycode, t, t + tokenTtlMs);
    })();
    return { reply: success('获取成功', { access_token: value }), companycode };
  };

  /**
   * Store one record. Order: token (-20), shape (-1/-2), idempotency (1 or -31), rules (-30), store.
   * Idempotency comes before the rules so that a resend of a record already stored always succeeds,
   * even when "today" or the registered name has moved on since: that is what makes the client's
   * retry after a lost reply safe. Parsing and shape checks run before the write; the write itself
   * joins the current group commit, and the promise resolves once the record is on disk.
   */
  const upload = async (input: {
    token: unknown;
    container: Record<string, unknown>;
    protocol: Protocol;
    flat: boolean;
    prefix?: string;
    tokenExpired: boolean;
    /** Runs inside the write that stores the outcome: the request log joins the record's commit. */
    journal?: (outcome: Outcome) => void;
  }): Promise<Outcome> => {
    const t = now();
    if (typeof input.token !== 'string' || input.token === '') return { reply: BAD_TOKEN };
    const tok = sql.token.get(tokenHash(input.token));
    if (!tok || tok.expires_at <= t) return { reply: BAD_TOKEN };
    const companycode = tok.companycode;
    if (input.tokenExpired) return { reply: BAD_TOKEN, companycode, fault: 'token_expiry' };

    const read = readRecord(input.container, { flat: input.flat, ...(input.prefix ? { prefix: input.prefix } : {}) });
    if (!read.ok) return { reply: read.reply, companycode };
    const { record, form } = read;
    const costlistcode = record.basicInfo.costlistcode;
    const content = canonicalContent(record);

    // One transaction from the duplicate check to the insert (a savepoint of the group's IMMEDIATE
    // transaction): neither another request of the same group nor a second process on the same data
    // folder can slip a record in between.
    const store = (): Outcome => {
      const existing = sql.record.get(companycode, costlistcode);
      if (existing) {
        if (existing.content !== content) return { reply: CONFLICT, companycode, costlistcode };
        sql.countResend.run(t, existing.id);
        return { reply: success(ALREADY_STORED), companycode, costlistcode };
      }
      const company = sql.company.get(companycode);
      if (!company) return { reply: NO_COMPANY, companycode };
      const b = record.basicInfo;
      const last = sql.lastMileage.get(b.vin, b.settledate);
      const rules = checkRules(record, {
        today: chinaToday(t),
        ...(last ? { lastMileageKm: last.mileage } : {}),
        registeredName: company.companyname,
        requireColor: input.flat,
        ...(input.prefix ? { prefix: input.prefix } : {}),
      });
      if ('reply' in rules) return { reply: rules.reply, companycode, costlistcode };
      const q = recordQuality(b, t, CHINA_TIME_ZONE);
      sql.insertRecord.run(
        companycode,
        costlistcode,
        b.vin,
        b.settledate,
        Number(b.repairmileage),
        content,
        input.protocol,
        form,
        t,
        q.vinValid ? 1 : 0,
        q.plateValid ? 1 : 0,
        q.timely ? 1 : 0,
        JSON.stringify(rules.warnings),
      );
      return { reply: success(STORED), companycode, costlistcode };
    };
    return commits.run(() => {
      const outcome = store();
      input.journal?.(outcome);
      return outcome;
    });
  };

  /** Next free 15-digit code in an area: the area code and a 9-digit sequence. */
  const nextCompanyCode = (area: string): string => {
    const max = sql.companyCodesInArea.all(area).reduce((m, r) => Math.max(m, Number(r.companycode.slice(6))), 0);
    return `${area}${String(max + 1).padStart(9, '0')}`;
  };

  /**
   * Company self-registration (archive-interface.md §3.3). Registering the same credit code in the
   * same area again with the same name and password answers the existing code: a client whose reply
   * was lost can safely ask again. With another password it is refused without revealing the code.
   */
  const register = async (input: Record<string, unknown>): Promise<Outcome> => {
    const absent = REGISTRATION_REQUIRED.filter((k) => input[k] === undefined || input[k] === null || input[k] === '');
    if (absent.length > 0) return { reply: missing(absent) };
    const notText = [...REGISTRATION_REQUIRED, ...REGISTRATION_OPTIONAL].filter(
      (k) => input[k] !== undefined && input[k] !== null && typeof input[k] !== 'string',
    );
    if (notText.length > 0) return { reply: badFormat(notText.map((k) => `${k} 应为字符串`)) };
    const name = input.companyname as string;
    const password = input.companypassword as string;
    const area = input.companyadministrativedivisioncode as string;
    if (!isAreaCode(area))
      return {
        reply: badFormat([
          `companyadministrativedivisioncode 应为6位行政区划代码（GB/T 2260，如 440106），当前为“${area.slice(0, 20)}”`,
        ]),
      };
    const credit = checkCreditCode(input.companyunifiedsocialcreditidentifier as string);
    const broken = credit.issues.map((i) => ({ field: 'companyunifiedsocialcreditidentifier', zh: i.message.zh }));
    if (name.trim() !== name || [...name].length > MAX_NAME)
      broken.unshift({
        field: 'companyname',
        zh: `维修企业名称应为1至${MAX_NAME}个字，且首尾不能有空格；应与营业执照完全一致`,
      });
    if (broken.length > 0) return { reply: ruleBroken(broken) };

    const existing = sql.companyByCredit.get(credit.code, area);
    if (existing) return repeatRegistration(existing, name, password);
    const hash = await hashPassword(password);
    const t = now();
    const result = db
      .transaction((): { code: string } | { raced: CompanyRow } => {
        // Re-check after the hash: another registration may have won the race meanwhile.
        const raced = sql.companyByCredit.get(credit.code, area);
        if (raced) return { raced };
        const code = nextCompanyCode(area);
        const registration = Object.fromEntries(
          [...REGISTRATION_REQUIRED, ...REGISTRATION_OPTIONAL]
            .filter((k) => k !== 'companypassword' && typeof input[k] === 'string')
            .map((k) => [k, input[k]]),
        );
        sql.registerCompany.run(code, name, area, hash, credit.code, JSON.stringify(registration), t);
        return { code };
      })
      .immediate();
    if ('raced' in result) return repeatRegistration(result.raced, name, password);
    return { reply: success('注册成功', { companycode: result.code }), companycode: result.code };
  };

  const repeatRegistration = async (
    existing: { companycode: string; companyname: string | null; password_hash: string },
    name: string,
    password: string,
  ): Promise<Outcome> => {
    if (existing.companyname === name && (await verifyPassword(password, existing.password_hash)))
      return { reply: success('注册成功', { companycode: existing.companycode }), companycode: existing.companycode };
    return {
      reply: ruleBroken([
        {
          field: 'companyunifiedsocialcreditidentifier',
          zh: '该统一社会信用代码已在本地区注册；如需找回企业编码，请联系平台技术支持',
        },
      ]),
    };
  };

  /** Create or replace a company account directly (demo, tests, --seed). Throws SeedError. */
  const seedCompany = (c: SeedCompany): void => {
    if (typeof c !== 'object' || c === null) throw new SeedError('企业资料应为对象', 'A company must be an object');
    if (typeof c.companycode !== 'string' || !/^[0-9A-Za-z_-]{1,50}$/.test(c.companycode))
      throw new SeedError(
        `企业编码应为1至50位字母或数字：${String(c.companycode)}`,
        `companycode must be 1–50 letters or digits: ${String(c.companycode)}`,
      );
    if (typeof c.password !== 'string' || c.password === '')
      throw new SeedError(`企业 ${c.companycode} 缺少密码`, `Company ${c.companycode} needs a password`);
    if (typeof c.areacode !== 'string' || !isAreaCode(c.areacode))
      throw new SeedError(
        `企业 ${c.companycode} 的 areacode 应为6位行政区划代码（如 440100）`,
        `Company ${c.companycode}: areacode must be a 6-digit GB/T 2260 code (e.g. 440100)`,
      );
    const name = c.companyname ?? null;
    if (name !== null && (typeof name !== 'string' || name.trim() === '' || [...name].length > MAX_NAME))
      throw new SeedError(
        `企业 ${c.companycode} 的名称应为1至${MAX_NAME}个字，或为 null（接受任何名称）`,
        `Company ${c.companycode}: companyname must be 1–${MAX_NAME} characters, or null (accept any name)`,
      );
    sql.seedCompany.run(c.companycode, name, c.areacode, hashPasswordSync(c.password), now());
  };

  return { token, upload, register, seedCompany };
};

export type ArchiveCore = ReturnType<typeof createArchiveCore>;

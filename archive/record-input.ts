/**
 * Reading an uploaded record off the wire: blocks present (-1), every value a string in the wire
 * format (-2), then the rules of archive-interface.md §2/§5 (-30) through the same validator the client
 * runs before queueing (shared/domain/archive-record.ts). Warnings there (VIN check digit, odometer
 * rollback) are accepted here: grey imports and replaced clusters are real, and the quality score is
 * where a wrong check digit costs the shop.
 */
import { type ArchiveRecord, validateArchiveRecord } from '../shared/domain/archive-record.js';
import { PLATE_COLOR_LABEL, PLATE_COLORS } from '../shared/domain/enums.js';
import { badFormat, missing, type Reply, ruleBroken } from './replies.js';
import type { Form } from './store.js';

const BASIC_FIELDS = [
  'vehicleplatenumber',
  'companyname',
  'vin',
  'repairdate',
  'repairmileage',
  'settledate',
  'faultdescription',
  'costlistcode',
] as const satisfies readonly (keyof ArchiveRecord['basicInfo'])[];

const DATE_FIELDS: ReadonlySet<string> = new Set(['repairdate', 'settledate']);
const COMPACT_DATE = /^\d{8}$/;
const MILEAGE = /^(0|[1-9]\d*)$/;
const HOURS = /^\d+\.\d$/;
const QUANTITY = /^\d+\.\d\d$/;

export const PLATE_COLOR_NAMES: readonly string[] = PLATE_COLORS.map((c) => PLATE_COLOR_LABEL[c].zh);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export type ReadResult = { ok: true; record: ArchiveRecord; form: Form } | { ok: false; reply: Reply };

/**
 * `container` holds `basicInfo`, `vehiclepartslist` and `repairprojectlist`, each nested or as JSON
 * text (lcippro, Chengdu). `flat` (Foshan): the basic fields and `vehicleplatecolor` sit in the
 * container itself. `prefix` names the container in messages (`body.` for Foshan).
 */
export const readRecord = (container: Json, opts: { flat: boolean; prefix?: string }): ReadResult => {
  const prefix = opts.prefix ?? '';
  const absent: string[] = [];
  const problems: string[] = [];
  const forms = new Set<'nested' | 'stringified'>();

  const block = <K extends 'object' | 'array'>(
    name: string,
    kind: K,
  ): (K extends 'array' ? unknown[] : Json) | null => {
    const at = `${prefix}${name}`;
    let v = container[name];
    if (v === undefined || v === null) {
      absent.push(at);
      return null;
    }
    if (typeof v === 'string') {
      try {
        v = JSON.parse(v);
      } catch {
        problems.push(`${at} 不是有效的 JSON 文本`);
        return null;
      }
      forms.add('stringified');
    } else {
      forms.add('nested');
    }
    if (kind === 'array' ? !Array.isArray(v) : !isObject(v)) {
      problems.push(`${at} 应为${kind === 'array' ? '数组' : '对象'}`);
      return null;
    }
    return v as K extends 'array' ? unknown[] : Json;
  };

  /** A present string value, or '' after noting what is wrong with it. */
  const text = (obj: Json, key: string, at: string, format?: { re: RegExp; zh: string }): string => {
    const v = obj[key];
    if (v === undefined || v === null) {
      absent.push(at);
      return '';
    }
    if (typeof v !== 'string') {
      problems.push(`${at} 应为字符串`);
      return '';
    }
    if (format && !format.re.test(v)) problems.push(`${at} 应为${format.zh}，当前为“${v.slice(0, 40)}”`);
    return v;
  };

  const items = (list: unknown[] | null, at: string, read: (item: Json, itemAt: string) => void) => {
    list?.forEach((item, i) => {
      if (isObject(item)) read(item, `${at}[${i}]`);
      else problems.push(`${at}[${i}] 应为对象`);
    });
  };

  const basicSource = opts.flat ? container : block('basicInfo', 'object');
  const basicAt = opts.flat ? prefix : `${prefix}basicInfo.`;
  const basicInfo = {} as ArchiveRecord['basicInfo'];
  if (basicSource) {
    for (const k of BASIC_FIELDS) {
      const format = DATE_FIELDS.has(k)
        ? { re: COMPACT_DATE, zh: ' yyyyMMdd 格式的日期（如 20261124）' }
        : k === 'repairmileage'
          ? { re: MILEAGE, zh: '整数公里数（如 45210）' }
          : undefined;
      basicInfo[k] = text(basicSource, k, `${basicAt}${k}`, format);
    }
  }

  const repairprojectlist: ArchiveRecord['repairprojectlist'] = [];
  items(block('repairprojectlist', 'array'), `${prefix}repairprojectlist`, (item, at) => {
    repairprojectlist.push({
      repairproject: text(item, 'repairproject', `${at}.repairproject`),
      workinghours: text(item, 'workinghours', `${at}.workinghours`, { re: HOURS, zh: '一位小数（如 2.5）' }),
    });
  });
  const vehiclepartslist: ArchiveRecord['vehiclepartslist'] = [];
  items(block('vehiclepartslist', 'array'), `${prefix}vehiclepartslist`, (item, at) => {
    vehiclepartslist.push({
      partsname: text(item, 'partsname', `${at}.partsname`),
      partscode: text(item, 'partscode', `${at}.partscode`),
      partsquantity: text(item, 'partsquantity', `${at}.partsquantity`, { re: QUANTITY, zh: '两位小数（如 4.00）' }),
    });
  });
  // lcippro and Chengdu carry no colour; only the flat (Foshan) body must.
  const vehicleplatecolor = opts.flat ? text(container, 'vehicleplatecolor', `${prefix}vehicleplatecolor`) : '';

  if (absent.length > 0) return { ok: false, reply: missing(absent) };
  if (problems.length > 0) return { ok: false, reply: badFormat(problems) };
  const form: Form = opts.flat
    ? 'flat'
    : forms.size > 1
      ? 'mixed'
      : forms.has('stringified')
        ? 'stringified'
        : 'nested';
  return { ok: true, form, record: { basicInfo, repairprojectlist, vehiclepartslist, vehicleplatecolor } };
};

export interface RuleContext {
  /** The server's China-time day, yyyyMMdd. */
  today: string;
  /** This VIN's last stored mileage, for the rollback warning. */
  lastMileageKm?: number;
  /** The name the company registered; null = accept any (demo seeds). */
  registeredName: string | null;
  /** Foshan: the plate colour must be one of the seven names. */
  requireColor: boolean;
  prefix?: string;
}

/** -30 reply for the broken rules, or the accepted warning codes. */
export const checkRules = (record: ArchiveRecord, ctx: RuleContext): { reply: Reply } | { warnings: string[] } => {
  const issues = validateArchiveRecord(
    record,
    ctx.lastMileageKm === undefined ? { today: ctx.today } : { today: ctx.today, lastMileageKm: ctx.lastMileageKm },
  );
  // The validator names fields as in the nested record; Foshan's basic fields sit directly in `body`.
  const where = (field = '') => (ctx.prefix ? `${ctx.prefix}${field.replace(/^basicInfo\./, '')}` : field);
  const errors = issues.filter((i) => i.severity === 'error').map((i) => ({ field: where(i.field), zh: i.message.zh }));
  const name = record.basicInfo.companyname;
  if (ctx.registeredName !== null && name.trim() !== '' && name !== ctx.registeredName) {
    errors.push({
      field: where('basicInfo.companyname'),
      zh: `维修企业名称“${name.slice(0, 100)}”与平台登记的名称“${ctx.registeredName}”不一致；应与注册时完全一致`,
    });
  }
  if (ctx.requireColor && record.vehicleplatecolor === '') {
    errors.push({
      field: where('vehicleplatecolor'),
      zh: `车牌颜色不能为空；应为 ${PLATE_COLOR_NAMES.join('、')} 之一`,
    });
  }
  if (errors.length > 0) return { reply: ruleBroken(errors) };
  return { warnings: issues.filter((i) => i.severity === 'warning').map((i) => i.code) };
};

/**
 * The content compared for idempotency: the 13 data elements and the plate colour in a fixed key
 * order. Never the token, header or wire form: the same record sent nested and then stringified is
 * the same record.
 */
export const canonicalContent = (r: ArchiveRecord): string =>
  JSON.stringify({
    basicInfo: Object.fromEntries(BASIC_FIELDS.map((k) => [k, r.basicInfo[k]])),
    repairprojectlist: r.repairprojectlist.map((p) => ({
      repairproject: p.repairproject,
      workinghours: p.workinghours,
    })),
    vehiclepartslist: r.vehiclepartslist.map((p) => ({
      partsname: p.partsname,
      partscode: p.partscode,
      partsquantity: p.partsquantity,
    })),
    vehicleplatecolor: r.vehicleplatecolor,
  });

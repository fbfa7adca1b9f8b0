/**
 * The reference archive's reply codes (docs/archive-protocol.md, "Reply codes of the reference
 * archive"). Messages are Chinese, as a platform's are; each names the field at fault so a clerk or
 * a developer can act on it without guessing.
 */

export interface Reply {
  code: string;
  status: string;
  access_token?: string;
  companycode?: string;
}

export const success = (status: string, extra: Omit<Reply, 'code' | 'status'> = {}): Reply => ({
  code: '1',
  status,
  ...extra,
});

/** -1: a field or block is missing. */
export const missing = (fields: readonly string[]): Reply => ({
  code: '-1',
  status: `参数无效：缺少 ${fields.join('、')}`,
});

/** -1 with a free message (empty body, wrong method). */
export const invalid = (what: string): Reply => ({ code: '-1', status: `参数无效：${what}` });

/** -2: wrong type or format. */
export const badFormat = (problems: readonly string[]): Reply => ({
  code: '-2',
  status: `参数格式不对：${problems.join('；')}`,
});

export const BAD_TIME: Reply = { code: '-3', status: '请求时间无效' };
export const NO_COMPANY: Reply = { code: '-10', status: '企业不存在' };
export const BAD_PASSWORD: Reply = { code: '-11', status: '密码错误' };
export const BAD_TOKEN: Reply = { code: '-20', status: 'access_token无效或已过期' };

/** -30: a rule of archive-interface.md §2/§5 is broken; each problem is `【field】reason`. */
export const ruleBroken = (problems: readonly { field: string; zh: string }[]): Reply => ({
  code: '-30',
  status: `数据校验不通过：${problems.map((p) => `【${p.field}】${p.zh}`).join(' ')}`,
});

export const CONFLICT: Reply = { code: '-31', status: '结算清单编号已存在且内容不同' };
export const FAILURE: Reply = { code: '-99', status: '系统异常' };

export const STORED = '上传成功';
export const ALREADY_STORED = '记录已存在，内容一致';

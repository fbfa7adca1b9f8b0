/**
 * Turns zod's validation issues into the API's bilingual Issues with dotted field paths
 * (`labour[0].hoursTenths`). zod ships locales, but only one at a time, globally; the API answers
 * in both languages at once, so the few issue kinds a schema can raise are worded here.
 */
import type { z } from 'zod';
import type { Issue } from '../domain/issue.js';

export const fieldPath = (path: readonly PropertyKey[]): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join('');

const describe = (i: z.core.$ZodIssue): { zh: string; en: string } => {
  switch (i.code) {
    case 'invalid_type':
      if (i.input === undefined) return { zh: '必填', en: 'is required' };
      return { zh: `类型应为 ${i.expected}`, en: `must be of type ${i.expected}` };
    case 'too_small':
      if (i.origin === 'string')
        return Number(i.minimum) <= 1
          ? { zh: '不能为空', en: 'must not be empty' }
          : { zh: `至少 ${i.minimum} 个字符`, en: `must be at least ${i.minimum} characters` };
      if (i.origin === 'array') return { zh: `至少 ${i.minimum} 项`, en: `must have at least ${i.minimum} items` };
      return { zh: `不能小于 ${i.minimum}`, en: `must be at least ${i.minimum}` };
    case 'too_big':
      if (i.origin === 'string')
        return { zh: `最多 ${i.maximum} 个字符`, en: `must be at most ${i.maximum} characters` };
      if (i.origin === 'array') return { zh: `最多 ${i.maximum} 项`, en: `must have at most ${i.maximum} items` };
      return { zh: `不能大于 ${i.maximum}`, en: `must be at most ${i.maximum}` };
    case 'invalid_format':
      return { zh: `格式不正确（应为 ${i.format}）`, en: `has an invalid format (expected ${i.format})` };
    case 'not_multiple_of':
      return { zh: `应为 ${i.divisor} 的倍数`, en: `must be a multiple of ${i.divisor}` };
    case 'unrecognized_keys':
      return { zh: `不认识的字段：${i.keys.join('、')}`, en: `unknown field(s): ${i.keys.join(', ')}` };
    case 'invalid_value':
      return {
        zh: `取值应为：${i.values.map(String).join('、')}`,
        en: `must be one of: ${i.values.map(String).join(', ')}`,
      };
    case 'invalid_union':
      return { zh: '取值不符合任何允许的形式', en: 'does not match any allowed form' };
    default:
      return { zh: '取值无效', en: 'is invalid' };
  }
};

export const zodIssuesToIssues = (error: z.ZodError): Issue[] =>
  error.issues.map((i) => {
    const field = fieldPath(i.path) || undefined;
    const d = describe(i);
    const label = field ?? '输入';
    const labelEn = field ?? 'input';
    return {
      code: `schema_${i.code}`,
      ...(field ? { field } : {}),
      message: { zh: `${label}：${d.zh}`, en: `${labelEn} ${d.en}` },
      severity: 'error' as const,
    };
  });

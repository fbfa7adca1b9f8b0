/**
 * Errors the domain raises on purpose. Each carries an API error code (which fixes the HTTP status),
 * a bilingual message and the field-level issues; the dispatcher turns them into the API error body.
 */
import type { ErrorCode } from '../../shared/api/errors.js';
import type { Bilingual, Issue } from '../../shared/domain/issue.js';

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly bilingual: Bilingual;
  readonly fields: Issue[];
  /** For `rate_limited`: when to try again (HTTP sends it as Retry-After). */
  readonly retryAfterSec: number | undefined;
  constructor(code: ErrorCode, message: Bilingual, fields: Issue[] = [], retryAfterSec?: number) {
    super(`${code}: ${message.en}`);
    this.name = 'DomainError';
    this.code = code;
    this.bilingual = message;
    this.fields = fields;
    this.retryAfterSec = retryAfterSec;
  }
}

export const fail = (code: ErrorCode, zh: string, en: string, fields: Issue[] = []): never => {
  throw new DomainError(code, { zh, en }, fields);
};

/** Refuse with every blocking issue at once, so the clerk fixes the form in one go. */
export const failValidation = (
  issues: Issue[],
  zh = '输入有误，请按提示修改',
  en = 'Please correct the marked fields',
): never => fail('validation_failed', zh, en, issues);

export const notFound = (what: Bilingual, id: string, field = 'id'): never =>
  fail('not_found', `找不到${what.zh}（${id}）`, `${what.en} ${id} was not found`, [
    { code: 'not_found', field, message: { zh: `${what.zh}不存在`, en: `no such ${what.en}` }, severity: 'error' },
  ]);

/**
 * Warnings (severity `warning`) block until the caller lists their codes in `confirm`.
 * Errors always block. Returns the confirmed warnings so they can be recorded.
 */
export const requireConfirmed = (issues: Issue[], confirm: readonly string[] | undefined): Issue[] => {
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length) failValidation(errors);
  const unconfirmed = issues.filter((i) => i.severity === 'warning' && !confirm?.includes(i.code));
  if (unconfirmed.length)
    fail(
      'confirmation_required',
      '请确认以下提示后再提交',
      'Please confirm the following warnings and submit again',
      unconfirmed,
    );
  return issues;
};

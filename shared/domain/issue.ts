/**
 * A problem found by a rule, said in both of the product's languages.
 * Every rule in shared/ and every error of the API speaks in Issues, so the UI can show
 * the message next to `field` in the clerk's language and scripts can branch on `code`.
 */
export interface Bilingual {
  zh: string;
  en: string;
}

export type Severity = 'error' | 'warning';

export interface Issue {
  /** Stable machine code, snake_case, e.g. `vin_check_digit`. */
  code: string;
  /** Path of the offending field in the caller's input, e.g. `vin` or `labour[0].hours`. */
  field?: string;
  message: Bilingual;
  /** `error` blocks the action; `warning` must be confirmed by the caller (see `confirm`). */
  severity: Severity;
}

export const issue = (code: string, zh: string, en: string, field?: string, severity: Severity = 'error'): Issue =>
  field === undefined ? { code, message: { zh, en }, severity } : { code, field, message: { zh, en }, severity };

export const warning = (code: string, zh: string, en: string, field?: string): Issue =>
  issue(code, zh, en, field, 'warning');

/** Re-root an issue under a parent path: `vin` inside `vehicle` becomes `vehicle.vin`. */
export const withPrefix = (prefix: string, i: Issue): Issue => ({
  ...i,
  field: i.field ? `${prefix}.${i.field}` : prefix,
});

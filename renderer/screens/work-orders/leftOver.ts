/**
 * The error to show in a form's alert: only when something is left over after the field issues went
 * next to their inputs (or the error has no field issues at all) — never the same message twice.
 */
import type { ApiError } from '../../../shared/api/errors.js';
import type { Issue } from '../../../shared/domain/issue.js';

export const leftOver = (err: ApiError | null | undefined, rest: Issue[] | undefined): ApiError | null =>
  err && (err.fields.length === 0 || (rest?.length ?? 0) > 0) ? err : null;

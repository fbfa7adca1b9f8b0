/**
 * The one error shape of the API: `{ code, message: {zh, en}, fields: Issue[] }`.
 * Every code maps to one HTTP status; all are 4xx except `internal`, which only a bug can produce
 * (the fuzz test in tests/api proves no input reaches it).
 */
import { z } from 'zod';
import type { Bilingual, Issue } from '../domain/issue.js';

export const ERROR_STATUS = {
  /** The input does not match the method's schema. */
  invalid_input: 400,
  /** The input is well-formed but breaks a domain rule (bad VIN, missing fields to settle…). */
  validation_failed: 422,
  /** A warning must be confirmed: resend with the warning codes in `confirm`. */
  confirmation_required: 409,
  /** The action is not allowed in the record's current state (illegal transition, settled order…). */
  conflict: 409,
  /** Someone else changed the record since the caller read it (`version` mismatch). */
  stale: 409,
  /** A unique value is already taken (VIN, part code…). */
  duplicate: 409,
  not_found: 404,
  unknown_method: 404,
  unauthenticated: 401,
  forbidden: 403,
  payload_too_large: 413,
  unsupported_media_type: 415,
  method_not_allowed: 405,
  rate_limited: 429,
  internal: 500,
  /** Client side only: the transport could not reach the core at all (never sent by the core). */
  unreachable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export interface ApiErrorBody {
  code: ErrorCode;
  message: Bilingual;
  fields: Issue[];
}

const BilingualSchema = z.object({ zh: z.string(), en: z.string() });
export const IssueSchema = z.object({
  code: z.string(),
  field: z.string().optional(),
  message: BilingualSchema,
  severity: z.enum(['error', 'warning']),
});
export const ApiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: BilingualSchema, fields: z.array(IssueSchema) }),
});

/** Thrown by the client side of a transport so UI code can show `fields` next to the inputs. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly fields: Issue[];
  readonly bilingual: Bilingual;
  constructor(body: ApiErrorBody) {
    super(`${body.code}: ${body.message.zh} / ${body.message.en}`);
    this.name = 'ApiError';
    this.code = body.code;
    this.fields = body.fields;
    this.bilingual = body.message;
  }
}

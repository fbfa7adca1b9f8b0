/**
 * The core's errors where the clerk looks: each field issue next to its input (antd Form), the rest
 * in one alert with what to do. Field paths from the core (`vehicle.vin`, `labour[0].hoursTenths`)
 * become antd name paths.
 */
import { Alert, type FormInstance } from 'antd';
import type { ApiError } from '../../shared/api/errors.js';
import type { Issue } from '../../shared/domain/issue.js';
import { pick } from '../i18n/index.js';

/** `labour[0].hoursTenths` → ['labour', 0, 'hoursTenths'] */
export const namePath = (field: string): (string | number)[] =>
  field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));

/**
 * Put every issue whose field the form has next to that field; returns the issues left over (for an
 * alert). `known` lists the form's field names (top level) so unknown paths are not lost silently.
 */
export function applyApiError(form: FormInstance, err: ApiError, known?: readonly string[]): Issue[] {
  const rest: Issue[] = [];
  const byField = new Map<string, Issue[]>();
  for (const f of err.fields) {
    const top = f.field ? String(namePath(f.field)[0]) : undefined;
    if (f.field && (!known || (top !== undefined && known.includes(top)))) {
      byField.set(f.field, [...(byField.get(f.field) ?? []), f]);
    } else rest.push(f);
  }
  form.setFields(
    [...byField.entries()].map(([field, issues]) => ({
      name: namePath(field),
      errors: issues.filter((i) => i.severity === 'error').map((i) => pick(i.message)),
      warnings: issues.filter((i) => i.severity === 'warning').map((i) => pick(i.message)),
    })),
  );
  return rest;
}

/** The error's message and any issues not shown at a field. */
export function ErrorAlert({ error, issues }: { error: ApiError | null | undefined; issues?: Issue[] }) {
  if (!error) return null;
  const list = issues ?? error.fields;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={pick(error.bilingual)}
      description={
        list.length > 0 ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {list.map((i) => (
              <li key={`${i.code}:${i.field ?? ''}:${i.message.en}`}>{pick(i.message)}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

/** Warnings the core wants confirmed (`confirmation_required`): their codes, to resend in `confirm`. */
export const warningCodes = (err: ApiError): string[] =>
  err.code === 'confirmation_required' ? err.fields.filter((f) => f.severity === 'warning').map((f) => f.code) : [];

/**
 * The core's `confirmation_required` answers (a VIN check digit that does not add up, a mileage lower
 * than last time, stock running short): show the warnings, and when the clerk accepts, send the same
 * request again with their codes in `confirm`. One hook for every screen that writes such data.
 */
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../shared/api/errors.js';
import { pick } from '../i18n/index.js';
import { warningCodes } from './errors.js';

/** Thrown (and best ignored) when the clerk declines the warnings. */
export class DeclinedWarnings extends Error {
  constructor() {
    super('warnings declined');
    this.name = 'DeclinedWarnings';
  }
}

const isApiError = (e: unknown): e is ApiError =>
  typeof e === 'object' && e !== null && 'code' in e && 'fields' in e && 'bilingual' in e;

export function useConfirmWarnings() {
  const { modal } = App.useApp();
  const { t } = useTranslation();

  const ask = (err: ApiError): Promise<string[] | null> => {
    const codes = warningCodes(err);
    if (codes.length === 0) return Promise.resolve(null);
    return new Promise((resolve) => {
      modal.confirm({
        title: pick(err.bilingual),
        content: (
          <ul data-testid="confirm-warnings" style={{ margin: 0, paddingInlineStart: 20 }}>
            {err.fields
              .filter((f) => f.severity === 'warning')
              .map((f) => (
                <li key={f.code}>{pick(f.message)}</li>
              ))}
          </ul>
        ),
        okText: t('common:action.confirm'),
        cancelText: t('common:action.cancel'),
        onOk: () => resolve(codes),
        onCancel: () => resolve(null),
        width: 520,
      });
    });
  };

  /**
   * Run `send(confirm)`; on a confirmation request ask, and resend with every accepted code. Throws
   * DeclinedWarnings when the clerk says no, and any other error as it came.
   */
  return async function withConfirm<T>(send: (confirm: string[] | undefined) => Promise<T>): Promise<T> {
    let confirm: string[] | undefined;
    for (let round = 0; round < 4; round++) {
      try {
        return await send(confirm);
      } catch (e) {
        if (!isApiError(e) || e.code !== 'confirmation_required') throw e;
        const codes = await ask(e);
        if (!codes) throw new DeclinedWarnings();
        confirm = [...new Set([...(confirm ?? []), ...codes])];
      }
    }
    return send(confirm);
  };
}

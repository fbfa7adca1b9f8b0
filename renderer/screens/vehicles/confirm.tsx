/**
 * Send a write; when the core answers `confirmation_required` (a VIN check digit, a mileage below the
 * last one…), show its warnings in a modal and resend with those codes confirmed. Any other error
 * goes to `onError` (fields next to the inputs, the rest in an alert).
 */
import type { HookAPI } from 'antd/es/modal/useModal/index.js';
import { ApiError } from '../../api/client.js';
import { warningCodes } from '../../components/errors.js';
import { pick } from '../../i18n/index.js';

export interface ConfirmTexts {
  title: string;
  ok: string;
  cancel: string;
}

export function sendWithConfirm(
  modal: HookAPI,
  texts: ConfirmTexts,
  send: (confirm: string[]) => Promise<unknown>,
  onError: (err: ApiError) => void,
): Promise<void> {
  const attempt = async (confirm: string[]): Promise<void> => {
    try {
      await send(confirm);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      onError(e);
      const codes = warningCodes(e);
      if (codes.length === 0) return;
      modal.confirm({
        title: texts.title,
        content: (
          <ul data-testid="confirm-warnings" style={{ margin: 0, paddingInlineStart: 20 }}>
            {e.fields
              .filter((f) => f.severity === 'warning')
              .map((f) => (
                <li key={f.code}>{pick(f.message)}</li>
              ))}
          </ul>
        ),
        okText: texts.ok,
        cancelText: texts.cancel,
        onOk: () => attempt([...confirm, ...codes]),
      });
    }
  };
  return attempt([]);
}

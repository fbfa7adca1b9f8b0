import type { Bilingual } from '../../../shared/domain/issue.js';

/**
 * A reason the shop database cannot be opened. The shell shows `message` and `action` on a clear
 * screen instead of a blank window; `npm run serve` prints them and exits non-zero.
 */
export type StartupErrorCode =
  | 'data_dir_unwritable'
  | 'db_newer_than_app'
  | 'migration_failed'
  | 'db_corrupt'
  | 'db_locked';

export class StartupError extends Error {
  readonly code: StartupErrorCode;
  readonly bilingual: Bilingual;
  /** What the user can do about it. */
  readonly action: Bilingual;
  constructor(code: StartupErrorCode, message: Bilingual, action: Bilingual, cause?: unknown) {
    super(`${code}: ${message.en}`, { cause });
    this.name = 'StartupError';
    this.code = code;
    this.bilingual = message;
    this.action = action;
  }
}

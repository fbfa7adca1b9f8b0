/**
 * How an API method is declared: once, here in shared/, with its zod input and output and the
 * roles that may call it. The core registers exactly one handler per declared method (a missing
 * handler is a compile error), both transports (IPC, HTTP) route by the same name, and the OpenAPI
 * document is generated from the same schemas.
 */
import type { z } from 'zod';
import type { Role } from '../domain/enums.js';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** Roles allowed to call the method. */
  roles: readonly Role[];
  /**
   * Callable before anyone is signed in (the sign-in screen, pairing). Only on this PC, except
   * `lan.pair`, which is the one method an unpaired LAN client may reach (docs/users-and-lan.md).
   */
  public?: boolean;
  /** Writes run in one transaction, are audited and announce a change event. */
  writes: boolean;
  /** One line for the OpenAPI document, Chinese then English. */
  summary: string;
}

export const method = <I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>): MethodSpec<I, O> => spec;

export const ALL_ROLES = ['manager', 'clerk', 'technician'] as const satisfies readonly Role[];
export const DESK = ['manager', 'clerk'] as const satisfies readonly Role[];
export const MANAGER = ['manager'] as const satisfies readonly Role[];

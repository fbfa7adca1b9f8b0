/**
 * What the signed-in user's role may do, read from the API contract (shared/api/contract.ts). The
 * core enforces every rule on every call; the screens use this only to leave out buttons and tabs
 * that the core would refuse, so a clerk is not offered 冲红 or user management.
 */
import { contract, type MethodName } from '../../shared/api/contract.js';
import type { Role } from '../../shared/domain/enums.js';
import { useMe } from './AccessGate.js';

export const roleMayCall = (role: Role | null | undefined, method: MethodName): boolean =>
  !!role && (contract[method].roles as readonly Role[]).includes(role);

/** Whether this window's user may call `method`. */
export function useAllowed(method: MethodName): boolean {
  return roleMayCall(useMe()?.user?.role, method);
}

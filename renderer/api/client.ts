/**
 * The one API client of the renderer: `call(method, input)` typed by the contract, over whichever
 * transport this window has. Errors arrive as ApiError with field-level issues for the forms.
 */
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.js';
import { ApiError } from '../../shared/api/errors.js';
import { UNAUTHENTICATED_EVENT } from './session.js';
import { pickTransport, type Transport } from './transport.js';

let transport: Transport | null = null;

export const getTransport = (): Transport => {
  transport ??= pickTransport();
  return transport;
};

/** Tests and the technician view may point the client elsewhere. */
export const setTransport = (t: Transport): void => {
  transport = t;
};

export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const r = await getTransport().call(method, input);
  if (r.ok) return r.value as MethodOutput<M>;
  // A session ended or a device was revoked: the sign-in gate asks again who we are.
  if (r.error.code === 'unauthenticated' && method !== 'auth.login' && method !== 'lan.pair')
    window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
  throw new ApiError(r.error);
}

export { ApiError };

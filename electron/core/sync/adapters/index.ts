/** The adapter registry: a shop's settings name an AdapterId, the uploader asks for its adapter here. */
import { chengdu } from './chengdu.js';
import { foshan } from './foshan.js';
import { lcipproNested, lcipproStringified } from './lcippro.js';
import { ADAPTER_IDS, type AdapterId, type PlatformAdapter } from './types.js';

export const ADAPTERS: Record<AdapterId, PlatformAdapter> = Object.freeze({
  'lcippro-nested': lcipproNested,
  'lcippro-stringified': lcipproStringified,
  chengdu,
  foshan,
});

export const isAdapterId = (id: string): id is AdapterId => (ADAPTER_IDS as readonly string[]).includes(id);

/** Throws RangeError on an unknown id: settings are validated on save, so this is a programming error. */
export const adapterFor = (id: AdapterId): PlatformAdapter => {
  if (!isAdapterId(id)) throw new RangeError(`Unknown archive adapter: ${String(id)}`);
  return ADAPTERS[id];
};

export type { AdapterId, PlatformAccount, PlatformAdapter, PlatformReply, WireRequest, WireResponse } from './types.js';
export { ADAPTER_IDS } from './types.js';

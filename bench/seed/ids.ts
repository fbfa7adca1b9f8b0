/**
 * UUIDv7 keys like the product's (electron/core/db/ids.ts), but stamped with the seeded event's own
 * time and filled from the seeded PRNG: keys sort by when the row "happened" ten years ago, and the
 * same seed gives the same keys.
 */
import { v7 } from 'uuid';
import type { Rng } from './prng.js';

export const idFactory = (rng: Rng) => {
  const random = new Uint8Array(16);
  const view = new DataView(random.buffer);
  return (msecs: number): string => {
    for (let i = 0; i < 16; i += 4) view.setUint32(i, rng.u32());
    return v7({ msecs, random });
  };
};

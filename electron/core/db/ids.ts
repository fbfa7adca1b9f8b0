import { v7 } from 'uuid';

/** UUIDv7: sortable by creation time, safe to merge if shops ever sync between PCs (architecture.md). */
export const newId = (): string => v7();

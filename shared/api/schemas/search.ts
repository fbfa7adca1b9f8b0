import { z } from 'zod';
import { Id, Page, Text } from './common.js';

export const GlobalSearch = z.strictObject({ q: Text(64), limit: z.int().min(1).max(50).default(10) });

export const SearchHit = z.object({
  kind: z.enum(['vehicle', 'customer', 'workOrder', 'part']),
  id: Id,
  /** What the hit is, e.g. the plate or the order number. */
  title: z.string(),
  /** A second line: owner, VIN, phone, part name… */
  subtitle: z.string(),
  /** For a vehicle or order hit, the vehicle to open. */
  vehicleId: Id.nullable(),
});
export const GlobalSearchResult = z.object({ hits: z.array(SearchHit) });

export const AuditEntry = z.object({
  seq: z.int(),
  at: z.int(),
  userId: z.string().nullable(),
  userName: z.string(),
  method: z.string(),
  entity: z.string(),
  entityId: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  hash: z.string(),
});
export const AuditList = z.strictObject({
  entity: Text(40).optional(),
  entityId: Text(64).optional(),
  ...Page,
});
export const AuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.int(),
  /** seq of the first row whose hash does not chain */
  brokenAt: z.int().nullable(),
});

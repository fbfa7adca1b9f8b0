import { z } from 'zod';
import { CUSTOMER_KINDS } from '../../domain/enums.js';
import { Id, Millis, Name, Page, Phone, Text } from './common.js';

export const Customer = z.object({
  id: Id,
  kind: z.enum(CUSTOMER_KINDS),
  name: z.string(),
  phone: z.string(),
  initials: z.string(),
  creditCode: z.string(),
  address: z.string(),
  note: z.string(),
  mergedInto: Id.nullable(),
  createdAt: Millis,
  updatedAt: Millis,
});

export const CustomerFields = {
  kind: z.enum(CUSTOMER_KINDS),
  name: Name(100),
  phone: Phone.optional(),
  /** 统一社会信用代码, companies only; checked with GB 32100 when given. */
  creditCode: Text(18).optional(),
  address: Text(200).optional(),
  note: Text(500).optional(),
};
export const CustomerCreate = z.strictObject(CustomerFields);
export const CustomerUpdate = z.strictObject({
  id: Id,
  kind: CustomerFields.kind.optional(),
  name: CustomerFields.name.optional(),
  phone: CustomerFields.phone,
  creditCode: CustomerFields.creditCode,
  address: CustomerFields.address,
  note: CustomerFields.note,
});
export const CustomerSearch = z.strictObject({ q: Text(50), ...Page });
export const CustomerMerge = z.strictObject({ sourceId: Id, targetId: Id });

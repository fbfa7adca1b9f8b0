import { z } from 'zod';
import { ROLES, SHOP_CLASSES } from '../../domain/enums.js';
import { Pin } from './access.js';
import { Fen, Id, Millis, Name, Phone, Text } from './common.js';

export const Shop = z.object({
  name: z.string(),
  creditCode: z.string(),
  roadTransportLicence: z.string(),
  shopClass: z.enum(SHOP_CLASSES).nullable(),
  address: z.string(),
  phone: z.string(),
  contactName: z.string(),
  cityCode: z.string(),
  labourRateFen: z.int(),
  labourStandard: z.string(),
  allowNegativeStock: z.boolean(),
  workOrderPrefix: z.string(),
  settlementPrefix: z.string(),
  timezone: z.string(),
  updatedAt: Millis,
});

export const ShopUpdate = z.strictObject({
  /** 维修企业名称 exactly as registered with the archive platform (≤ 100 characters). */
  name: Name(100).optional(),
  creditCode: Text(18).optional(),
  roadTransportLicence: Text(50).optional(),
  shopClass: z.enum(SHOP_CLASSES).nullable().optional(),
  address: Text(200).optional(),
  phone: Phone.optional(),
  contactName: Text(50).optional(),
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .or(z.literal(''))
    .optional(),
  labourRateFen: Fen.optional(),
  labourStandard: Text(100).optional(),
  allowNegativeStock: z.boolean().optional(),
  workOrderPrefix: z
    .string()
    .regex(/^[A-Z]{1,6}$/)
    .optional(),
  settlementPrefix: z
    .string()
    .regex(/^[A-Z]{1,6}$/)
    .optional(),
});

export const User = z.object({
  id: Id,
  name: z.string(),
  role: z.enum(ROLES),
  phone: z.string(),
  active: z.boolean(),
  /** A PIN is set (the PIN and its hash never leave the core). */
  hasPin: z.boolean(),
  createdAt: Millis,
});
export const UserCreate = z.strictObject({
  name: Name(30),
  role: z.enum(ROLES),
  phone: Phone.optional(),
  /** Needed to sign in once the shop is in multi-user mode. */
  pin: Pin.optional(),
});
export const UserUpdate = z.strictObject({
  id: Id,
  name: Name(30).optional(),
  role: z.enum(ROLES).optional(),
  phone: Phone.optional(),
  active: z.boolean().optional(),
});

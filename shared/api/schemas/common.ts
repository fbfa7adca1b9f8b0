/** Building blocks shared by every area's schemas. Units follow architecture.md's data rules. */
import { z } from 'zod';

export const Id = z.uuid();
/** Money in integer fen (分), non-negative; ten million yuan is far beyond any repair bill. */
export const Fen = z.int().min(0).max(1_000_000_000);
/** Labour hours in integer tenths (2.5 h = 25). */
export const HoursTenths = z.int().min(1).max(100_000);
/** Part quantities in integer hundredths (4 L = 400). */
export const QtyHundredths = z.int().min(1).max(100_000_000);
/** A shop-local calendar date. */
export const IsoDate = z.iso.date();
/** Epoch milliseconds. */
export const Millis = z.int().min(0).max(8_640_000_000_000_000);
/** Odometer reading in whole kilometres (archive §2: 0…99,999,999). */
export const Km = z.int().min(0).max(99_999_999);
/** Phone numbers as typed (landlines with area codes and extensions occur). */
export const Phone = z.string().trim().max(30);
export const Text = (max: number) => z.string().trim().max(max);
export const Name = (max: number) => z.string().trim().min(1).max(max);
/** Codes of warnings the caller has seen and accepts (e.g. `vin_check_digit`). */
export const Confirm = z.array(z.string().max(60)).max(20).optional();

export const Page = {
  limit: z.int().min(1).max(200).default(50),
  offset: z.int().min(0).max(10_000_000).default(0),
};

export const paged = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.int() });

export const Ok = z.object({ ok: z.literal(true) });

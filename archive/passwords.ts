/**
 * Company passwords, stored as salted scrypt hashes (node:crypto): a leaked archive database must not
 * hand out every shop's platform password. Format: `scrypt$N$r$p$salt$hash` (base64url), so the cost
 * can be raised later without breaking stored hashes.
 */
import { randomBytes, type ScryptOptions, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';

const COST: Required<Pick<ScryptOptions, 'N' | 'r' | 'p'>> = { N: 16384, r: 8, p: 1 };
const KEY_LENGTH = 32;

const derive = (password: string, salt: Buffer, cost: typeof COST): Promise<Buffer> =>
  new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, cost, (err, key) => (err ? reject(err) : resolve(key))),
  );

const encode = (salt: Buffer, key: Buffer, cost: typeof COST): string =>
  `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;

export const hashPassword = async (password: string): Promise<string> => {
  const salt = randomBytes(16);
  return encode(salt, await derive(password, salt, COST), COST);
};

/** For seeding at start-up, where blocking for one hash is fine. */
export const hashPasswordSync = (password: string): string => {
  const salt = randomBytes(16);
  return encode(salt, scryptSync(password.normalize('NFC'), salt, KEY_LENGTH, COST), COST);
};

/** Constant-time comparison; false (never a throw) for a malformed stored hash. */
export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  const actual = await derive(password, Buffer.from(salt, 'base64url'), cost);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
};

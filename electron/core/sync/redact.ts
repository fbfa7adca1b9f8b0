/**
 * Removes the platform password and access token from text bound for the upload ledger, logs and
 * error messages (architecture.md, sync rules 4–5).
 *
 * A secret rarely appears as itself. Where it can appear, and how it is encoded there:
 *   - raw: a reply or an error message quoting it;
 *   - JSON-escaped: every POST body (token calls carry the password, uploads the token);
 *   - JSON-escaped twice: a request body kept as a JSON string (the ledger, a log line);
 *   - percent-encoded: Foshan's GET URLs hold `encodeURIComponent(JSON)`, i.e. the JSON-escaped
 *     secret percent-encoded; the WHATWG URL parser fetch uses may further encode `'`.
 * Serialisers differ in the details (PHP and .NET write non-ASCII and some punctuation as
 * `\uXXXX`, PHP writes `/` as `\/`, hex digits come in either case, form encoders write a space as
 * `+`), so for each of those layerings we match each character of the secret in any of the forms
 * it can take, and replace the whole run with `***`. Over-matching only ever hides more.
 */

export const REDACTED = '***';

/** One encoding layer: the literal strings a single code point may become. */
type Layer = (cp: string) => string[];

const hex = (n: number, width: number): string[] => {
  const h = n.toString(16).padStart(width, '0');
  return [h.toLowerCase(), h.toUpperCase()];
};

const unique = (xs: string[]): string[] => [...new Set(xs)];

/**
 * JSON string escaping: the character itself where JSON allows it, its short escape (`\"`, `\\`,
 * `\n`, `\/`…), and `\uXXXX` for everything but ASCII letters and digits (nobody escapes those).
 */
const jsonLayer: Layer = (cp) => {
  const short = JSON.stringify(cp).slice(1, -1);
  const forms = [short];
  if (cp === '/') forms.push('\\/');
  if (!/^[A-Za-z0-9]$/.test(cp)) {
    const units = [...Array(cp.length).keys()].map((i) => cp.charCodeAt(i));
    for (const variant of [0, 1]) forms.push(units.map((u) => `\\u${hex(u, 4)[variant]}`).join(''));
  }
  return unique(forms);
};

/** Characters encodeURIComponent leaves alone; other encoders percent-encode the punctuation. */
const URI_UNRESERVED = /^[A-Za-z0-9\-_.!~*'()]$/;

/** Percent-encoding of the UTF-8 bytes, in either hex case; `+` for a space (form encoding). */
const urlLayer: Layer = (cp) => {
  if (/^[A-Za-z0-9\-_.]$/.test(cp)) return [cp];
  const bytes = [...Buffer.from(cp, 'utf8')];
  const forms = [0, 1].map((variant) => bytes.map((b) => `%${hex(b, 2)[variant]}`).join(''));
  if (URI_UNRESERVED.test(cp)) forms.push(cp);
  if (cp === ' ') forms.push('+');
  return unique(forms);
};

/** Innermost layer first: `[jsonLayer, urlLayer]` is encodeURIComponent(JSON text), as Foshan sends. */
const CHAINS: Layer[][] = [[], [jsonLayer], [jsonLayer, jsonLayer], [urlLayer], [jsonLayer, urlLayer]];

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

const alternatives = (xs: string[]): string => {
  const alts = unique(xs).sort((a, b) => b.length - a.length);
  return alts.length === 1 ? alts[0]! : `(?:${alts.join('|')})`;
};

/** A regex source matching `cp` after the layers of `chain`, applied innermost first. */
const encoded = (cp: string, chain: Layer[]): string => {
  const [inner, ...outer] = chain;
  if (!inner) return escapeRe(cp);
  return alternatives(inner(cp).map((form) => [...form].map((c) => encoded(c, outer)).join('')));
};

/**
 * One alternative per layering, each spelling the whole secret. Mixing layerings inside one match
 * (half raw, half escaped) is something no serialiser writes, and allowing it would let a secret of
 * many backslashes backtrack exponentially.
 */
const buildPattern = (secret: string): RegExp =>
  new RegExp(alternatives(CHAINS.map((chain) => [...secret].map((cp) => encoded(cp, chain)).join(''))), 'g');

/**
 * Compiled patterns by secret. Building one takes far longer than running it, and the uploader
 * redacts every request and reply with the same password and token. A session holds a handful of
 * secrets (the password, a token per hour), so the cache is simply emptied when it grows past that.
 * Sharing a global RegExp is safe: String.prototype.replace starts it at lastIndex 0 every time.
 */
const patterns = new Map<string, RegExp>();
const MAX_CACHED_PATTERNS = 64;

const secretPattern = (secret: string): RegExp => {
  let re = patterns.get(secret);
  if (!re) {
    if (patterns.size >= MAX_CACHED_PATTERNS) patterns.clear();
    re = buildPattern(secret);
    patterns.set(secret, re);
  }
  return re;
};

/** `text` with every occurrence of every non-empty secret, in any of its encodings, replaced by `***`. */
export const redact = (text: string, secrets: readonly string[]): string => {
  // Longest first, so a secret that contains another is not left half-visible.
  const list = unique(secrets.filter((s) => s !== '')).sort((a, b) => b.length - a.length);
  let out = text;
  for (const s of list) out = out.replace(secretPattern(s), REDACTED);
  return out;
};

import type { Statement } from 'better-sqlite3';
import type { Sqlite } from './open.js';

const caches = new WeakMap<Sqlite, Map<string, Statement>>();

/**
 * A prepared statement, compiled once per connection. better-sqlite3 does not cache statements
 * itself, and preparing costs as much as running a small query on the hot paths (search, audit).
 */
export const prepared = (sqlite: Sqlite, sql: string): Statement => {
  let cache = caches.get(sqlite);
  if (!cache) {
    cache = new Map();
    caches.set(sqlite, cache);
  }
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = sqlite.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
};

const queryCaches = new WeakMap<object, Map<string, unknown>>();

/**
 * A drizzle query built and prepared once per connection, run with `sql.placeholder` values. Drizzle
 * otherwise rebuilds the SQL text and asks SQLite to prepare it on every call, which on the hot paths
 * (an order's detail after every edit, a settlement) costs more than running the query.
 */
export const preparedQuery = <T>(db: object, key: string, build: () => T): T => {
  let cache = queryCaches.get(db);
  if (!cache) {
    cache = new Map();
    queryCaches.set(db, cache);
  }
  let q = cache.get(key) as T | undefined;
  if (q === undefined) {
    q = build();
    cache.set(key, q);
  }
  return q;
};

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

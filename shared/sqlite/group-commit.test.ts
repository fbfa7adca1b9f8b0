import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.js';

let dir: string;
let db: Database.Database;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chedang-group-commit-'));
  db = new Database(path.join(dir, 'x.db'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)');
});

afterEach(() => {
  if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const insert = (k: string, v: number) => () => db.prepare('INSERT INTO t (k, v) VALUES (?, ?)').run(k, v).changes;
const rows = () => db.prepare('SELECT k, v FROM t ORDER BY k').all();

describe('GroupCommit', () => {
  it('commits the writes of one turn together, in order, and resolves each after the commit', async () => {
    const commits = new GroupCommit(db);
    const seen: string[] = [];
    const a = commits.run(insert('a', 1)).then(() => seen.push(`a:${rows().length}`));
    const b = commits.run(() => db.prepare('UPDATE t SET v = v + 1 WHERE k = ?').run('a').changes);
    const c = commits.run(insert('c', 3));
    // Nothing is written before the turn ends.
    expect(rows()).toEqual([]);
    expect(await b).toBe(1); // ran after a, in the same transaction
    await Promise.all([a, c]);
    expect(seen).toEqual(['a:2']);
    expect(rows()).toEqual([
      { k: 'a', v: 2 },
      { k: 'c', v: 3 },
    ]);
    expect(commits.stats()).toEqual({ groups: 1, writes: 3 });
    // A later turn is a new group.
    await commits.run(insert('d', 4));
    expect(commits.stats()).toEqual({ groups: 2, writes: 4 });
  });

  it('rolls back only the write that throws; the others commit', async () => {
    const commits = new GroupCommit(db);
    const ok = commits.run(insert('a', 1));
    const bad = commits.run(() => {
      insert('b', 2)();
      throw new Error('no');
    });
    const dup = commits.run(insert('a', 9)); // primary key violation
    const ok2 = commits.run(insert('c', 3));
    await expect(bad).rejects.toThrow('no');
    await expect(dup).rejects.toThrow(/UNIQUE/);
    expect(await ok).toBe(1);
    expect(await ok2).toBe(1);
    expect(rows()).toEqual([
      { k: 'a', v: 1 },
      { k: 'c', v: 3 },
    ]);
  });

  it('flush() commits at once; writes after the database closed are refused, not lost silently', async () => {
    const commits = new GroupCommit(db);
    const a = commits.run(insert('a', 1));
    commits.flush();
    expect(rows()).toEqual([{ k: 'a', v: 1 }]);
    await a;
    const late = commits.run(insert('b', 2));
    db.close();
    await expect(late).rejects.toThrow(/closed/);
  });

  it('a failed commit rejects every write of the group and keeps none', async () => {
    const commits = new GroupCommit(db);
    // Another connection holds the write lock: BEGIN IMMEDIATE fails (busy_timeout 0).
    const other = new Database(path.join(dir, 'x.db'));
    other.pragma('busy_timeout = 0');
    db.pragma('busy_timeout = 0');
    other.prepare('BEGIN IMMEDIATE').run();
    const a = commits.run(insert('a', 1));
    const b = commits.run(insert('b', 2));
    await expect(a).rejects.toThrow(/busy|locked/i);
    await expect(b).rejects.toThrow(/busy|locked/i);
    other.prepare('ROLLBACK').run();
    other.close();
    expect(rows()).toEqual([]);
  });
});

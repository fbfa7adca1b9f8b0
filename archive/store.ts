/**
 * The reference archive's database: companies, tokens, stored records and a log of every protocol
 * request, in one SQLite file in the data folder. WAL with synchronous=FULL, like the shop's own
 * database: a record the server answered "stored" must survive a power cut, or the client's
 * never-resend-an-accepted-record rule would lose it for good.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Sqlite = Database.Database;

export const ARCHIVE_DB_FILE = 'archive.db';
const SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS companies (
  companycode   TEXT PRIMARY KEY,
  -- NULL: seeded to accept any company name (demo accounts)
  companyname   TEXT,
  areacode      TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  credit_code   TEXT,
  -- the registration request without the password, as JSON
  registration  TEXT,
  source        TEXT NOT NULL CHECK (source IN ('seed', 'registration')),
  created_at    INTEGER NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS companies_credit_area ON companies (credit_code, areacode)
  WHERE credit_code IS NOT NULL;

CREATE TABLE IF NOT EXISTS tokens (
  -- sha256 of the token: a copied database file hands out no live tokens
  token_hash  TEXT PRIMARY KEY,
  companycode TEXT NOT NULL REFERENCES companies (companycode),
  issued_at   INTEGER NOT NULL,
  expires_at  INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS records (
  id             INTEGER PRIMARY KEY,
  companycode    TEXT NOT NULL REFERENCES companies (companycode),
  costlistcode   TEXT NOT NULL,
  vin            TEXT NOT NULL,
  settledate     TEXT NOT NULL,
  mileage        INTEGER NOT NULL,
  -- canonical JSON of the 13 data elements and the plate colour: the idempotency comparison
  content        TEXT NOT NULL,
  protocol       TEXT NOT NULL CHECK (protocol IN ('lcippro', 'chengdu', 'foshan')),
  form           TEXT NOT NULL CHECK (form IN ('nested', 'stringified', 'mixed', 'flat')),
  received_at    INTEGER NOT NULL,
  vin_valid      INTEGER NOT NULL,
  plate_valid    INTEGER NOT NULL,
  timely         INTEGER NOT NULL,
  -- JSON array of the warning codes accepted with the record (vin_check_digit, mileage_rollback)
  warnings       TEXT NOT NULL,
  resends        INTEGER NOT NULL DEFAULT 0,
  last_resend_at INTEGER,
  UNIQUE (companycode, costlistcode)
);
CREATE INDEX IF NOT EXISTS records_vin ON records (vin, settledate);

CREATE TABLE IF NOT EXISTS requests (
  id           INTEGER PRIMARY KEY,
  at           INTEGER NOT NULL,
  method       TEXT NOT NULL,
  path         TEXT NOT NULL,
  endpoint     TEXT NOT NULL,
  companycode  TEXT,
  costlistcode TEXT,
  http_status  INTEGER,
  code         TEXT,
  status       TEXT,
  fault        TEXT,
  duration_ms  INTEGER NOT NULL
);
`;

export type Protocol = 'lcippro' | 'chengdu' | 'foshan';
export type Form = 'nested' | 'stringified' | 'mixed' | 'flat';

export interface CompanyRow {
  companycode: string;
  companyname: string | null;
  areacode: string;
  password_hash: string;
  credit_code: string | null;
  registration: string | null;
  source: 'seed' | 'registration';
  created_at: number;
}

export interface RecordRow {
  id: number;
  companycode: string;
  costlistcode: string;
  vin: string;
  settledate: string;
  mileage: number;
  content: string;
  protocol: Protocol;
  form: Form;
  received_at: number;
  vin_valid: 0 | 1;
  plate_valid: 0 | 1;
  timely: 0 | 1;
  warnings: string;
  resends: number;
  last_resend_at: number | null;
}

export interface RequestLogEntry {
  at: number;
  method: string;
  path: string;
  endpoint: string;
  companycode: string | null;
  costlistcode: string | null;
  /** null when the connection was dropped without a reply */
  httpStatus: number | null;
  code: string | null;
  status: string | null;
  fault: string | null;
  durationMs: number;
}

export const openArchiveDb = (dataDir: string): Sqlite => {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, ARCHIVE_DB_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    db.close();
    throw new Error(
      `档案数据库版本（${version}）比本程序新，拒绝打开 / The archive database (version ${version}) is newer than this program`,
    );
  }
  db.exec(SCHEMA);
  db.pragma(`user_version = ${SCHEMA_VERSION}`);
  return db;
};

/** The prepared statements the server uses, one place for all SQL. */
export const statements = (db: Sqlite) => ({
  company: db.prepare<[string], CompanyRow>('SELECT * FROM companies WHERE companycode = ?'),
  companies: db.prepare<[], CompanyRow>('SELECT * FROM companies ORDER BY companycode'),
  companyByCredit: db.prepare<[string, string], CompanyRow>(
    'SELECT * FROM companies WHERE credit_code = ? AND areacode = ?',
  ),
  companyCodesInArea: db.prepare<[string], { companycode: string }>(
    `SELECT companycode FROM companies WHERE companycode GLOB ? || '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'`,
  ),
  seedCompany: db.prepare<[string, string | null, string, string, number], unknown>(
    `INSERT INTO companies (companycode, companyname, areacode, password_hash, source, created_at)
     VALUES (?, ?, ?, ?, 'seed', ?)
     ON CONFLICT (companycode) DO UPDATE SET
       companyname = excluded.companyname, areacode = excluded.areacode, password_hash = excluded.password_hash`,
  ),
  registerCompany: db.prepare<[string, string, string, string, string, string, number], unknown>(
    `INSERT INTO companies (companycode, companyname, areacode, password_hash, credit_code, registration, source, created_at)
     VALUES (?, ?, ?, ?, ?, ?, 'registration', ?)`,
  ),
  insertToken: db.prepare<[string, string, number, number], unknown>(
    'INSERT INTO tokens (token_hash, companycode, issued_at, expires_at) VALUES (?, ?, ?, ?)',
  ),
  token: db.prepare<[string], { companycode: string; expires_at: number }>(
    'SELECT companycode, expires_at FROM tokens WHERE token_hash = ?',
  ),
  /** Tokens expired for a day are only clutter: an unknown token gets the same -20 as an expired one. */
  pruneTokens: db.prepare<[number], unknown>('DELETE FROM tokens WHERE expires_at < ?'),
  record: db.prepare<[string, string], RecordRow>('SELECT * FROM records WHERE companycode = ? AND costlistcode = ?'),
  insertRecord: db.prepare<
    [string, string, string, string, number, string, Protocol, Form, number, number, number, number, string],
    unknown
  >(
    `INSERT INTO records (companycode, costlistcode, vin, settledate, mileage, content, protocol, form, received_at,
       vin_valid, plate_valid, timely, warnings)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  countResend: db.prepare<[number, number], unknown>(
    'UPDATE records SET resends = resends + 1, last_resend_at = ? WHERE id = ?',
  ),
  /** This VIN's latest mileage on or before a settlement day, for the odometer-rollback warning. */
  lastMileage: db.prepare<[string, string], { mileage: number }>(
    `SELECT mileage FROM records WHERE vin = ? AND settledate <= ?
     ORDER BY settledate DESC, received_at DESC, id DESC LIMIT 1`,
  ),
  recordsOfVin: db.prepare<[string], RecordRow & { registered_name: string | null }>(
    `SELECT r.*, c.companyname AS registered_name FROM records r JOIN companies c USING (companycode)
     WHERE r.vin = ? ORDER BY r.settledate DESC, r.received_at DESC, r.id DESC`,
  ),
  recordsOfCompany: db.prepare<[string], RecordRow>('SELECT * FROM records WHERE companycode = ? ORDER BY id'),
  allRecords: db.prepare<[], RecordRow>('SELECT * FROM records ORDER BY id'),
  logRequest: db.prepare<
    [
      number,
      string,
      string,
      string,
      string | null,
      string | null,
      number | null,
      string | null,
      string | null,
      string | null,
      number,
    ],
    unknown
  >(
    `INSERT INTO requests (at, method, path, endpoint, companycode, costlistcode, http_status, code, status, fault, duration_ms)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
});

export type Statements = ReturnType<typeof statements>;

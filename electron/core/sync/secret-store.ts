/**
 * Where the platform passwords live, encrypted at rest (architecture.md, sync rule 5), behind one
 * interface with two homes:
 *   - `FileSecretStore` (headless `npm run serve`): AES-256-GCM with a key file beside the secrets,
 *     both 0600. It protects against a copied secrets file, a backup, a support bundle; not against
 *     someone who can read the user's whole folder — the OS keychain is for that, which is why…
 *   - `ParentPortSecretStore` (the core inside Electron's utilityProcess) asks the main process,
 *     which holds the secrets in Electron `safeStorage` (electron/main/secret-store.ts). The core
 *     never imports electron, so the request travels over `process.parentPort`.
 *
 * Values never appear in logs or error messages; names do.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export interface SecretStore {
  /** null when there is no such secret, or it cannot be read back (tampered, wrong key). */
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

export type SecretLog = (message: string) => void;

/** The core → main request over the utilityProcess port. */
export interface SecretRequest {
  type: 'secret';
  id: number;
  op: 'get' | 'set' | 'delete';
  name: string;
  value?: string;
}

/** The main → core reply: `value` for a get (absent = no secret), `error` when the op failed. */
export interface SecretReply {
  type: 'secret-reply';
  id: number;
  value?: string;
  error?: string;
}

const OPS: readonly string[] = ['get', 'set', 'delete'];

/** A well-formed request (the main process checks what arrives before acting on it). */
export const isSecretRequest = (m: unknown): m is SecretRequest => {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Partial<SecretRequest>;
  return (
    r.type === 'secret' &&
    typeof r.id === 'number' &&
    typeof r.op === 'string' &&
    OPS.includes(r.op) &&
    typeof r.name === 'string' &&
    (r.op !== 'set' || typeof r.value === 'string')
  );
};

/** Owner read/write only: the key and the secrets are nobody else's business. */
const PRIVATE_FILE = 0o600;
const PRIVATE_DIR = 0o700;
const POSIX = process.platform !== 'win32';

/**
 * Write `data` to `file` so that readers see the old or the new content, never half of it:
 * temp file (0600 from its first byte), fsync, rename over the target.
 */
export const writeFileAtomic = async (file: string, data: string | Uint8Array): Promise<void> => {
  const tmp = `${file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  const handle = await fs.open(tmp, 'wx', PRIVATE_FILE);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
};

/** Tighten a file some other tool (an unzip, a copy) left readable by others. Says so in the log. */
export const ensurePrivate = async (file: string, log: SecretLog): Promise<void> => {
  if (!POSIX) return; // NTFS ACLs of the user's profile folder govern there; chmod cannot express them.
  const { mode } = await fs.stat(file);
  if ((mode & 0o077) !== 0) {
    await fs.chmod(file, PRIVATE_FILE);
    log(
      `${path.basename(file)} 权限过宽（${(mode & 0o777).toString(8)}），已改为 600 / ${path.basename(file)} was readable by others (${(mode & 0o777).toString(8)}); changed to 600`,
    );
  }
};

/** Serialise the async operations of one store so a get never sees a half-applied set. */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(op: () => Promise<T>): Promise<T> {
    const next = this.tail.then(op, op);
    this.tail = next.catch(() => {});
    return next;
  }
}

const KEY_BYTES = 32;
const IV_BYTES = 12;
const FILE_VERSION = 1;

interface Entry {
  iv: string;
  tag: string;
  data: string;
}

/** The name is authenticated with the value, so an entry copied under another name fails to open. */
const aad = (name: string): Buffer => Buffer.from(`chedang-secret:v${FILE_VERSION}:${name}`, 'utf8');

const isEntry = (v: unknown): v is Entry =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Entry).iv === 'string' &&
  typeof (v as Entry).tag === 'string' &&
  typeof (v as Entry).data === 'string';

/**
 * Headless mode: `<dir>/secret.key` (32 random bytes) and `<dir>/secrets.json`
 * (`{"version":1,"entries":{name:{iv,tag,data}}}`, each entry AES-256-GCM with a fresh IV).
 * Within the process, operations run one at a time. Across processes the file is last-writer-wins,
 * which would only lose an update if two cores on one data folder saved a password in the same
 * instant; the atomic rename guarantees neither sees a torn file.
 */
export class FileSecretStore implements SecretStore {
  readonly keyFile: string;
  readonly secretsFile: string;
  private key: Buffer | null = null;
  private readonly queue = new SerialQueue();

  constructor(
    readonly dir: string,
    private readonly log: SecretLog = () => {},
  ) {
    this.keyFile = path.join(dir, 'secret.key');
    this.secretsFile = path.join(dir, 'secrets.json');
  }

  get(name: string): Promise<string | null> {
    return this.queue.run(async () => {
      const entry = (await this.readEntries()).get(name);
      if (entry === undefined) return null;
      const key = await this.loadKey();
      try {
        const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(entry.iv, 'base64'));
        decipher.setAAD(aad(name));
        decipher.setAuthTag(Buffer.from(entry.tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(entry.data, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        this.log(
          `密钥“${name}”无法解密（文件被改动或密钥不符），请重新填写 / Secret "${name}" cannot be decrypted (the file was altered or the key does not match); enter it again`,
        );
        return null;
      }
    });
  }

  set(name: string, value: string): Promise<void> {
    return this.queue.run(async () => {
      const key = await this.loadKey();
      const iv = crypto.randomBytes(IV_BYTES);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(aad(name));
      const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      const entries = await this.readEntries();
      entries.set(name, {
        iv: iv.toString('base64'),
        tag: cipher.getAuthTag().toString('base64'),
        data: data.toString('base64'),
      });
      await this.writeEntries(entries);
    });
  }

  delete(name: string): Promise<void> {
    return this.queue.run(async () => {
      const entries = await this.readEntries();
      if (entries.delete(name)) await this.writeEntries(entries);
    });
  }

  /** The key, created on first use. Created by link(2), so two first starts cannot both win. */
  private async loadKey(): Promise<Buffer> {
    if (this.key) return this.key;
    await fs.mkdir(this.dir, { recursive: true, mode: PRIVATE_DIR });
    let key = await this.readKey();
    if (!key) {
      const tmp = `${this.keyFile}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
      await writeFileAtomic(tmp, crypto.randomBytes(KEY_BYTES));
      try {
        await fs.link(tmp, this.keyFile);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') {
          // Another process made the key first: use theirs.
        } else if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS') {
          // No hard links here (FAT, some network shares): exclusive copy, still never overwriting.
          await fs.copyFile(tmp, this.keyFile, fs.constants.COPYFILE_EXCL).catch((err: NodeJS.ErrnoException) => {
            if (err.code !== 'EEXIST') throw err;
          });
        } else {
          throw e;
        }
      } finally {
        await fs.rm(tmp, { force: true });
      }
      key = await this.readKey();
      if (!key) throw new Error(`无法创建密钥文件 / Cannot create the key file ${this.keyFile}`);
    }
    this.key = key;
    return key;
  }

  /**
   * The key file's 32 bytes, or null when there is none. A key file of another length is useless:
   * it is moved aside (kept, not deleted) and a new key made; the secrets it protected read as null
   * and the user is asked for them again.
   */
  private async readKey(): Promise<Buffer | null> {
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(this.keyFile);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
    if (bytes.length !== KEY_BYTES) {
      const aside = `${this.keyFile}.bad-${Date.now()}`;
      await fs.rename(this.keyFile, aside);
      this.log(
        `密钥文件已损坏，已移至 ${path.basename(aside)} 并新建；已保存的密码需重新填写 / The key file was damaged; moved to ${path.basename(aside)} and a new one made. Saved passwords must be entered again`,
      );
      return null;
    }
    await ensurePrivate(this.keyFile, this.log);
    return bytes;
  }

  private async readEntries(): Promise<Map<string, Entry>> {
    let text: string;
    try {
      text = await fs.readFile(this.secretsFile, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw e;
    }
    await ensurePrivate(this.secretsFile, this.log);
    try {
      const parsed = JSON.parse(text) as { entries?: unknown };
      if (typeof parsed.entries !== 'object' || parsed.entries === null) throw new Error('no entries');
      // A Map, not an object: a secret named "__proto__" must stay a secret like any other.
      return new Map(Object.entries(parsed.entries).filter((kv): kv is [string, Entry] => isEntry(kv[1])));
    } catch {
      // Keep the damaged file for inspection; the next write starts a fresh one.
      const aside = `${this.secretsFile}.bad-${Date.now()}`;
      await fs.rename(this.secretsFile, aside);
      this.log(
        `密码文件已损坏，已移至 ${path.basename(aside)}；已保存的密码需重新填写 / The secrets file was damaged; moved to ${path.basename(aside)}. Saved passwords must be entered again`,
      );
      return new Map();
    }
  }

  private async writeEntries(entries: Map<string, Entry>): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true, mode: PRIVATE_DIR });
    const doc = { version: FILE_VERSION, entries: Object.fromEntries(entries) };
    await writeFileAtomic(this.secretsFile, `${JSON.stringify(doc, null, 2)}\n`);
  }
}

/** The part of Electron's `process.parentPort` we use; replies arrive as `{data}` message events. */
export interface SecretPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

const isReply = (m: unknown): m is SecretReply =>
  typeof m === 'object' &&
  m !== null &&
  (m as SecretReply).type === 'secret-reply' &&
  typeof (m as SecretReply).id === 'number';

/** Inside Electron's utilityProcess: the main process keeps the secrets in safeStorage. */
export class ParentPortSecretStore implements SecretStore {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(r: SecretReply): void; reject(e: Error): void }>();

  constructor(
    private readonly port: SecretPort,
    private readonly timeoutMs = 10_000,
  ) {
    // The port also carries other messages (the shell's own); only our replies are taken.
    port.on('message', (e) => {
      const m = e?.data;
      if (!isReply(m)) return;
      const waiter = this.pending.get(m.id);
      if (!waiter) return;
      this.pending.delete(m.id);
      waiter.resolve(m);
    });
  }

  async get(name: string): Promise<string | null> {
    const r = await this.ask({ op: 'get', name });
    return typeof r.value === 'string' ? r.value : null;
  }

  async set(name: string, value: string): Promise<void> {
    await this.ask({ op: 'set', name, value });
  }

  async delete(name: string): Promise<void> {
    await this.ask({ op: 'delete', name });
  }

  private ask(req: Pick<SecretRequest, 'op' | 'name' | 'value'>): Promise<SecretReply> {
    const id = this.nextId++;
    return new Promise<SecretReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(
          new Error(
            `主进程未在 ${this.timeoutMs} 毫秒内应答密码请求 / The main process did not answer the secret request within ${this.timeoutMs} ms`,
          ),
        );
      }, this.timeoutMs);
      timer.unref?.();
      this.pending.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          if (r.error !== undefined) reject(new Error(r.error));
          else resolve(r);
        },
        reject,
      });
      const message: SecretRequest = { type: 'secret', id, ...req };
      this.port.postMessage(message);
    });
  }
}

/**
 * `--secrets file` (headless, the default) or `--secrets parent` (the core inside Electron).
 * `parent` outside a utilityProcess is a setup error, said so rather than silently falling back to
 * the weaker file store.
 */
export const createSecretStore = (mode: 'file' | 'parent', dir: string, log?: SecretLog): SecretStore => {
  if (mode === 'file') return new FileSecretStore(dir, log);
  const port = (process as unknown as { parentPort?: SecretPort }).parentPort;
  if (!port) {
    throw new Error(
      '“--secrets parent” 只能在车档桌面程序内使用；独立运行请用 “--secrets file” / "--secrets parent" only works inside the Chedang desktop app; run standalone with "--secrets file"',
    );
  }
  return new ParentPortSecretStore(port);
};

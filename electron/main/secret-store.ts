/**
 * The app's secret store: platform passwords encrypted with Electron `safeStorage` (DPAPI on
 * Windows, Keychain on macOS, the desktop keyring on Linux), kept as base64 blobs in one JSON file
 * under the userData folder. The core, running in a utilityProcess without electron, reaches it
 * through `serveSecrets` (protocol: electron/core/sync/secret-store.ts).
 *
 * No OS encryption, no storing: a password is never written in plaintext, nor under Linux's
 * `basic_text` fallback, which encrypts with a key hard-coded in Chromium and so is plaintext in all
 * but name.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { safeStorage } from 'electron';
import {
  ensurePrivate,
  isSecretRequest,
  type SecretLog,
  type SecretReply,
  type SecretStore,
  SerialQueue,
  writeFileAtomic,
} from '../core/sync/secret-store.js';

export const SAFE_STORAGE_FILE = 'secrets.safe-storage.json';

/** Why a password cannot be kept on this PC, or null when it can. */
const unavailableReason = (): string | null => {
  if (!safeStorage.isEncryptionAvailable()) {
    return '系统的加密存储不可用，密码未保存；请确认已登录 Windows 用户账户（Linux 请安装并解锁系统密钥环）后重试 / The operating system’s encrypted storage is not available, so the password was not saved. Make sure you are signed in to your user account (on Linux, install and unlock a keyring) and try again';
  }
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text') {
    return '未找到系统密钥环（GNOME 密钥环或 KWallet），密码未保存，以免明文存放；请安装并解锁密钥环后重试 / No desktop keyring (GNOME Keyring or KWallet) was found, so the password was not saved rather than kept effectively in plaintext. Install and unlock a keyring and try again';
  }
  return null;
};

export class SafeStorageSecretStore implements SecretStore {
  readonly file: string;
  private readonly queue = new SerialQueue();

  constructor(
    userDataDir: string,
    private readonly log: SecretLog = () => {},
  ) {
    this.file = path.join(userDataDir, SAFE_STORAGE_FILE);
  }

  get(name: string): Promise<string | null> {
    return this.queue.run(async () => {
      const blob = (await this.read()).get(name);
      if (blob === undefined) return null;
      // A stored secret we cannot open for this reason is not "missing": say why.
      const reason = unavailableReason();
      if (reason) throw new Error(reason);
      try {
        return safeStorage.decryptString(Buffer.from(blob, 'base64'));
      } catch {
        this.log(
          `密钥“${name}”无法解密（可能换了电脑或系统账户），请重新填写 / Secret "${name}" cannot be decrypted (another PC or user account?); enter it again`,
        );
        return null;
      }
    });
  }

  set(name: string, value: string): Promise<void> {
    return this.queue.run(async () => {
      const reason = unavailableReason();
      if (reason) throw new Error(reason);
      const entries = await this.read();
      entries.set(name, safeStorage.encryptString(value).toString('base64'));
      await this.write(entries);
    });
  }

  delete(name: string): Promise<void> {
    return this.queue.run(async () => {
      const entries = await this.read();
      if (entries.delete(name)) await this.write(entries);
    });
  }

  private async read(): Promise<Map<string, string>> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
      throw e;
    }
    await ensurePrivate(this.file, this.log);
    try {
      const entries = (JSON.parse(text) as { entries?: unknown }).entries;
      if (typeof entries !== 'object' || entries === null) throw new Error('no entries');
      return new Map(Object.entries(entries).filter((kv): kv is [string, string] => typeof kv[1] === 'string'));
    } catch {
      const aside = `${this.file}.bad-${Date.now()}`;
      await fs.rename(this.file, aside);
      this.log(
        `密码文件已损坏，已移至 ${path.basename(aside)}；已保存的密码需重新填写 / The secrets file was damaged; moved to ${path.basename(aside)}. Saved passwords must be entered again`,
      );
      return new Map();
    }
  }

  private async write(entries: Map<string, string>): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    await writeFileAtomic(
      this.file,
      `${JSON.stringify({ version: 1, entries: Object.fromEntries(entries) }, null, 2)}\n`,
    );
  }
}

/** The part of Electron's UtilityProcess used here: messages arrive as sent. */
export interface SecretChild {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  postMessage(message: unknown): void;
}

const answer = async (store: SecretStore, m: { id: number; op: string; name: string; value?: string }) => {
  const reply: SecretReply = { type: 'secret-reply', id: m.id };
  if (m.op === 'get') {
    const value = await store.get(m.name);
    if (value !== null) reply.value = value;
  } else if (m.op === 'set') {
    await store.set(m.name, m.value ?? '');
  } else {
    await store.delete(m.name);
  }
  return reply;
};

/**
 * Answer the core's `{type:'secret'}` requests from `store`. Other messages on the channel (the
 * core's `ready`) are left to their own listeners. Errors travel back as their message, which
 * never holds a secret value.
 */
export const serveSecrets = (child: SecretChild, store: SecretStore, log: SecretLog = () => {}): void => {
  const send = (reply: SecretReply) => {
    try {
      child.postMessage(reply);
    } catch {
      // The core has exited; nobody is waiting for the reply.
    }
  };
  child.on('message', (m) => {
    if (typeof m !== 'object' || m === null || (m as { type?: unknown }).type !== 'secret') return;
    const id = (m as { id?: unknown }).id;
    if (!isSecretRequest(m)) {
      log('收到格式不正确的密码请求 / Ignored a malformed secret request');
      if (typeof id === 'number')
        send({ type: 'secret-reply', id, error: '密码请求格式不正确 / Malformed secret request' });
      return;
    }
    answer(store, m).then(send, (e: unknown) =>
      send({ type: 'secret-reply', id: m.id, error: e instanceof Error ? e.message : String(e) }),
    );
  });
};

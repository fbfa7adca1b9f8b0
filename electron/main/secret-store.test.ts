import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ParentPortSecretStore, type SecretStore } from '../core/sync/secret-store.js';

/** safeStorage stand-in: reversible, visibly not plaintext, and refusing blobs it did not make. */
const fake = vi.hoisted(() => {
  const MARK = Buffer.from('FAKE-OS-CRYPT:');
  const state = { available: true, backend: 'gnome_libsecret' };
  const safeStorage = {
    isEncryptionAvailable: () => state.available,
    getSelectedStorageBackend: () => state.backend,
    encryptString: (plain: string): Buffer => {
      if (!state.available) throw new Error('Encryption is not available.');
      return Buffer.concat([MARK, Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)]);
    },
    decryptString: (blob: Buffer): string => {
      if (!state.available) throw new Error('Decryption is not available.');
      if (!blob.subarray(0, MARK.length).equals(MARK)) throw new Error('Error while decrypting the ciphertext');
      return Buffer.from(blob.subarray(MARK.length).map((b) => b ^ 0x5a)).toString('utf8');
    },
  };
  return { state, safeStorage };
});

vi.mock('electron', () => ({ safeStorage: fake.safeStorage }));

const { SafeStorageSecretStore, serveSecrets, SAFE_STORAGE_FILE } = await import('./secret-store.js');

const PASSWORD = 'p@ss"w/ord+中-hc2026';

let dir = '';
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chedang-safe-'));
  fake.state.available = true;
  fake.state.backend = 'gnome_libsecret';
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('SafeStorageSecretStore', () => {
  it('round-trips through safeStorage, kept as base64 under userData', async () => {
    const store = new SafeStorageSecretStore(dir);
    expect(await store.get('a')).toBeNull();
    await store.set('a', PASSWORD);
    expect(await store.get('a')).toBe(PASSWORD);
    expect(await new SafeStorageSecretStore(dir).get('a')).toBe(PASSWORD);
    await store.delete('a');
    expect(await store.get('a')).toBeNull();

    await store.set('b', PASSWORD);
    const file = path.join(dir, SAFE_STORAGE_FILE);
    const text = fs.readFileSync(file, 'utf8');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    const blob = Buffer.from(JSON.parse(text).entries.b, 'base64');
    expect(fake.safeStorage.decryptString(blob)).toBe(PASSWORD);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('refuses to store when OS encryption is unavailable, and says so in both languages', async () => {
    fake.state.available = false;
    const store = new SafeStorageSecretStore(dir);
    await expect(store.set('a', PASSWORD)).rejects.toThrow(/加密存储不可用.*encrypted storage is not available/s);
    expect(fs.existsSync(path.join(dir, SAFE_STORAGE_FILE))).toBe(false);
  });

  it.runIf(process.platform === 'linux')('refuses Linux’s basic_text fallback', async () => {
    fake.state.backend = 'basic_text';
    const store = new SafeStorageSecretStore(dir);
    await expect(store.set('a', PASSWORD)).rejects.toThrow(/密钥环.*keyring/s);
    expect(fs.existsSync(path.join(dir, SAFE_STORAGE_FILE))).toBe(false);
  });

  it('a stored secret while encryption is unavailable is an error, not "missing"', async () => {
    const store = new SafeStorageSecretStore(dir);
    await store.set('a', PASSWORD);
    fake.state.available = false;
    await expect(store.get('a')).rejects.toThrow(/not available/);
    expect(await store.get('never-set')).toBeNull();
    await store.delete('a');
  });

  it('an undecryptable blob reads as null and is logged without the value', async () => {
    const logs: string[] = [];
    const store = new SafeStorageSecretStore(dir, (m) => logs.push(m));
    await store.set('a', PASSWORD);
    const file = path.join(dir, SAFE_STORAGE_FILE);
    const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
    doc.entries.a = Buffer.from('someone else’s blob').toString('base64');
    fs.writeFileSync(file, JSON.stringify(doc));
    expect(await store.get('a')).toBeNull();
    expect(logs.join('\n')).toContain('"a"');
  });

  it('a damaged file is kept aside and the store starts afresh', async () => {
    const logs: string[] = [];
    fs.writeFileSync(path.join(dir, SAFE_STORAGE_FILE), 'not json', { mode: 0o600 });
    const store = new SafeStorageSecretStore(dir, (m) => logs.push(m));
    expect(await store.get('a')).toBeNull();
    await store.set('a', 'x');
    expect(await store.get('a')).toBe('x');
    expect(fs.readdirSync(dir).some((f) => f.startsWith(`${SAFE_STORAGE_FILE}.bad-`))).toBe(true);
    expect(logs).toHaveLength(1);
  });
});

/**
 * The utilityProcess channel in memory: the main side sees messages as sent, the core side as
 * `{data}` message events, and both are structured-cloned like the real channel.
 */
const channel = () => {
  const toMain: ((m: unknown) => void)[] = [];
  const toCore: ((e: { data: unknown }) => void)[] = [];
  const child = {
    on: (_: 'message', l: (m: unknown) => void) => toMain.push(l),
    postMessage: (m: unknown) =>
      queueMicrotask(() => {
        for (const l of toCore) l({ data: structuredClone(m) });
      }),
  };
  const port = {
    on: (_: 'message', l: (e: { data: unknown }) => void) => toCore.push(l),
    postMessage: (m: unknown) =>
      queueMicrotask(() => {
        for (const l of toMain) l(structuredClone(m));
      }),
  };
  return { child, port, toCore };
};

describe('serveSecrets', () => {
  it('serves the core’s store over the channel, end to end', async () => {
    const { child, port } = channel();
    serveSecrets(child, new SafeStorageSecretStore(dir));
    const core = new ParentPortSecretStore(port);
    expect(await core.get('platform:440106000123456')).toBeNull();
    await core.set('platform:440106000123456', PASSWORD);
    expect(await core.get('platform:440106000123456')).toBe(PASSWORD);
    expect(await new SafeStorageSecretStore(dir).get('platform:440106000123456')).toBe(PASSWORD);
    await core.delete('platform:440106000123456');
    expect(await core.get('platform:440106000123456')).toBeNull();
  });

  it('sends the store’s refusal back as an error the core can show', async () => {
    fake.state.available = false;
    const { child, port } = channel();
    serveSecrets(child, new SafeStorageSecretStore(dir));
    await expect(new ParentPortSecretStore(port).set('a', PASSWORD)).rejects.toThrow(/not available/);
  });

  it('ignores other messages and answers malformed requests with an error', async () => {
    const { child, port, toCore } = channel();
    const calls: string[] = [];
    const store: SecretStore = {
      get: async (n) => {
        calls.push(`get ${n}`);
        return null;
      },
      set: async (n) => {
        calls.push(`set ${n}`);
      },
      delete: async (n) => {
        calls.push(`delete ${n}`);
      },
    };
    const logs: string[] = [];
    serveSecrets(child, store, (m) => logs.push(m));
    const replies: unknown[] = [];
    toCore.push((e) => replies.push(e.data));
    port.postMessage({ type: 'ready', url: 'http://127.0.0.1:5170' });
    port.postMessage({ type: 'secret', id: 1, op: 'set', name: 'a' }); // no value
    port.postMessage({ type: 'secret', id: 2, op: 'drop', name: 'a' });
    port.postMessage({ type: 'secret', op: 'get', name: 'a' }); // no id: nobody to answer
    await new Promise((r) => setTimeout(r, 10));
    expect(calls).toEqual([]);
    expect(replies).toEqual([
      { type: 'secret-reply', id: 1, error: expect.stringContaining('Malformed') },
      { type: 'secret-reply', id: 2, error: expect.stringContaining('Malformed') },
    ]);
    expect(logs).toHaveLength(3);
  });

  it('survives a core that exited before its reply', async () => {
    const store: SecretStore = { get: async () => 'x', set: async () => {}, delete: async () => {} };
    let listener: ((m: unknown) => void) | undefined;
    serveSecrets(
      {
        on: (_e, l) => {
          listener = l;
        },
        postMessage: () => {
          throw new Error('UtilityProcess has exited');
        },
      },
      store,
    );
    listener?.({ type: 'secret', id: 1, op: 'get', name: 'a' });
    await new Promise((r) => setTimeout(r, 10));
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSecretStore,
  FileSecretStore,
  ParentPortSecretStore,
  type SecretPort,
  type SecretReply,
  type SecretRequest,
} from './secret-store.js';

const PASSWORD = 'p@ss"w/ord+中-hc2026';
const posix = process.platform !== 'win32';

let dir = '';
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chedang-secrets-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const modeOf = (file: string): number => fs.statSync(file).mode & 0o777;

/** The plaintext in every form it could leak in: as UTF-8 bytes, UTF-16, base64, hex. */
const containsPlaintext = (file: string, secret: string): boolean => {
  const bytes = fs.readFileSync(file);
  const needles = [
    Buffer.from(secret, 'utf8'),
    Buffer.from(secret, 'utf16le'),
    Buffer.from(Buffer.from(secret, 'utf8').toString('base64')),
    Buffer.from(Buffer.from(secret, 'utf8').toString('hex')),
  ];
  return needles.some((n) => bytes.includes(n));
};

describe('FileSecretStore', () => {
  it('round-trips, overwrites and deletes', async () => {
    const store = new FileSecretStore(dir);
    expect(await store.get('platform:440106000123456')).toBeNull();
    await store.set('platform:440106000123456', PASSWORD);
    expect(await store.get('platform:440106000123456')).toBe(PASSWORD);
    await store.set('platform:440106000123456', 'new-password');
    expect(await store.get('platform:440106000123456')).toBe('new-password');
    await store.set('other', '');
    expect(await store.get('other')).toBe('');
    await store.delete('platform:440106000123456');
    expect(await store.get('platform:440106000123456')).toBeNull();
    expect(await store.get('other')).toBe('');
    await store.delete('never-set');
  });

  it('keeps a secret named like an Object prototype key as any other', async () => {
    const store = new FileSecretStore(dir);
    await store.set('__proto__', 'a');
    await store.set('constructor', 'b');
    const again = new FileSecretStore(dir);
    expect(await again.get('__proto__')).toBe('a');
    expect(await again.get('constructor')).toBe('b');
    expect(await again.get('toString')).toBeNull();
  });

  it('a second instance (the next start) reads the first one’s secrets', async () => {
    await new FileSecretStore(dir).set('a', PASSWORD);
    expect(await new FileSecretStore(dir).get('a')).toBe(PASSWORD);
  });

  it('concurrent sets from one instance all land', async () => {
    const store = new FileSecretStore(dir);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`k${i}`, `v${i}`)));
    const again = new FileSecretStore(dir);
    for (let i = 0; i < 20; i++) expect(await again.get(`k${i}`)).toBe(`v${i}`);
  });

  it('never writes the plaintext', async () => {
    const store = new FileSecretStore(dir);
    await store.set('a', PASSWORD);
    expect(containsPlaintext(store.secretsFile, PASSWORD)).toBe(false);
    expect(containsPlaintext(store.keyFile, PASSWORD)).toBe(false);
    expect(fs.readdirSync(dir).sort()).toEqual(['secret.key', 'secrets.json']);
    expect(fs.statSync(store.keyFile).size).toBe(32);
  });

  it.runIf(posix)('creates both files 0600 and tightens looser ones', async () => {
    const logs: string[] = [];
    const store = new FileSecretStore(dir, (m) => logs.push(m));
    await store.set('a', PASSWORD);
    expect(modeOf(store.keyFile)).toBe(0o600);
    expect(modeOf(store.secretsFile)).toBe(0o600);
    expect(logs).toEqual([]);

    fs.chmodSync(store.keyFile, 0o644);
    fs.chmodSync(store.secretsFile, 0o666);
    const again = new FileSecretStore(dir, (m) => logs.push(m));
    expect(await again.get('a')).toBe(PASSWORD);
    expect(modeOf(store.keyFile)).toBe(0o600);
    expect(modeOf(store.secretsFile)).toBe(0o600);
    expect(logs.join('\n')).toContain('secret.key');
    expect(logs.join('\n')).toContain('secrets.json');
    expect(logs.join('\n')).not.toContain(PASSWORD);
  });

  it('a tampered entry reads as null, is logged, and does not throw', async () => {
    const logs: string[] = [];
    const store = new FileSecretStore(dir, (m) => logs.push(m));
    await store.set('a', PASSWORD);
    await store.set('b', 'other');
    const doc = JSON.parse(fs.readFileSync(store.secretsFile, 'utf8'));
    const data = Buffer.from(doc.entries.a.data, 'base64');
    data[0] = (data[0] ?? 0) ^ 1;
    doc.entries.a.data = data.toString('base64');
    fs.writeFileSync(store.secretsFile, JSON.stringify(doc));

    const again = new FileSecretStore(dir, (m) => logs.push(m));
    expect(await again.get('a')).toBeNull();
    expect(await again.get('b')).toBe('other');
    expect(logs.join('\n')).toContain('"a"');
    expect(logs.join('\n')).not.toContain(PASSWORD);
  });

  it('an entry moved under another name does not open (the name is authenticated)', async () => {
    const store = new FileSecretStore(dir, () => {});
    await store.set('platform:A', PASSWORD);
    const doc = JSON.parse(fs.readFileSync(store.secretsFile, 'utf8'));
    doc.entries['platform:B'] = doc.entries['platform:A'];
    fs.writeFileSync(store.secretsFile, JSON.stringify(doc));
    expect(await new FileSecretStore(dir, () => {}).get('platform:B')).toBeNull();
  });

  it('a different key reads nothing; a damaged secrets file is kept aside and replaced', async () => {
    const logs: string[] = [];
    const store = new FileSecretStore(dir, (m) => logs.push(m));
    await store.set('a', PASSWORD);
    fs.writeFileSync(store.keyFile, Buffer.alloc(32, 7));
    expect(await new FileSecretStore(dir, (m) => logs.push(m)).get('a')).toBeNull();

    fs.writeFileSync(store.secretsFile, '{"entries":');
    const fresh = new FileSecretStore(dir, (m) => logs.push(m));
    expect(await fresh.get('a')).toBeNull();
    await fresh.set('a', 'again');
    expect(await new FileSecretStore(dir).get('a')).toBe('again');
    expect(fs.readdirSync(dir).some((f) => f.startsWith('secrets.json.bad-'))).toBe(true);
  });

  it('a key file of the wrong length is kept aside and a new key made', async () => {
    const logs: string[] = [];
    fs.writeFileSync(path.join(dir, 'secret.key'), 'short');
    const store = new FileSecretStore(dir, (m) => logs.push(m));
    await store.set('a', PASSWORD);
    expect(await new FileSecretStore(dir).get('a')).toBe(PASSWORD);
    expect(fs.statSync(store.keyFile).size).toBe(32);
    expect(fs.readdirSync(dir).some((f) => f.startsWith('secret.key.bad-'))).toBe(true);
    expect(logs).toHaveLength(1);
  });

  it('creates its folder when missing', async () => {
    const nested = path.join(dir, 'a', 'b');
    await new FileSecretStore(nested).set('x', 'y');
    expect(await new FileSecretStore(nested).get('x')).toBe('y');
  });
});

/** A stand-in for Electron's `process.parentPort`, answering like the main process would. */
class FakePort implements SecretPort {
  readonly sent: SecretRequest[] = [];
  private listeners: ((e: { data: unknown }) => void)[] = [];
  answer: ((req: SecretRequest) => Omit<SecretReply, 'type' | 'id'> | null) | null = null;

  on(_event: 'message', listener: (e: { data: unknown }) => void): this {
    this.listeners.push(listener);
    return this;
  }

  postMessage(message: unknown): void {
    const req = message as SecretRequest;
    this.sent.push(req);
    const a = this.answer?.(req);
    if (a) queueMicrotask(() => this.emit({ type: 'secret-reply', id: req.id, ...a }));
  }

  emit(data: unknown): void {
    for (const l of this.listeners) l({ data });
  }
}

describe('ParentPortSecretStore', () => {
  it('asks the main process with the documented messages', async () => {
    const port = new FakePort();
    const kept = new Map<string, string>();
    port.answer = (req) => {
      if (req.op === 'set') kept.set(req.name, req.value ?? '');
      if (req.op === 'delete') kept.delete(req.name);
      const value = req.op === 'get' ? kept.get(req.name) : undefined;
      return value === undefined ? {} : { value };
    };
    const store = new ParentPortSecretStore(port);
    expect(await store.get('a')).toBeNull();
    await store.set('a', PASSWORD);
    expect(await store.get('a')).toBe(PASSWORD);
    await store.delete('a');
    expect(await store.get('a')).toBeNull();
    expect(port.sent.map(({ type, op, name, value }) => ({ type, op, name, value }))).toEqual([
      { type: 'secret', op: 'get', name: 'a', value: undefined },
      { type: 'secret', op: 'set', name: 'a', value: PASSWORD },
      { type: 'secret', op: 'get', name: 'a', value: undefined },
      { type: 'secret', op: 'delete', name: 'a', value: undefined },
      { type: 'secret', op: 'get', name: 'a', value: undefined },
    ]);
    expect(new Set(port.sent.map((m) => m.id)).size).toBe(5);
  });

  it('matches replies by id, in any order, and ignores other messages', async () => {
    const port = new FakePort();
    const store = new ParentPortSecretStore(port);
    const a = store.get('a');
    const b = store.get('b');
    const [ra, rb] = port.sent;
    port.emit({ type: 'ready', url: 'http://127.0.0.1:1' });
    port.emit({ type: 'secret-reply', id: 999, value: 'stray' });
    port.emit(null);
    port.emit({ type: 'secret-reply', id: rb?.id, value: 'B' });
    port.emit({ type: 'secret-reply', id: ra?.id, value: 'A' });
    expect(await a).toBe('A');
    expect(await b).toBe('B');
  });

  it('turns an error reply into a rejection', async () => {
    const port = new FakePort();
    port.answer = () => ({ error: '系统加密不可用 / OS encryption is not available' });
    await expect(new ParentPortSecretStore(port).set('a', PASSWORD)).rejects.toThrow('OS encryption is not available');
  });

  it('gives up after its timeout', async () => {
    const port = new FakePort();
    const store = new ParentPortSecretStore(port, 50);
    await expect(store.get('a')).rejects.toThrow(/50 ms/);
    // A late reply after the timeout is ignored, not an error.
    port.emit({ type: 'secret-reply', id: port.sent[0]?.id, value: 'late' });
  });
});

describe('createSecretStore', () => {
  it('file mode is the headless store; parent mode needs a utilityProcess', async () => {
    const store = createSecretStore('file', dir);
    expect(store).toBeInstanceOf(FileSecretStore);
    expect(() => createSecretStore('parent', dir)).toThrow(/--secrets parent/);
  });

  it('parent mode talks over process.parentPort', () => {
    const p = process as unknown as { parentPort?: SecretPort };
    p.parentPort = new FakePort();
    try {
      expect(createSecretStore('parent', dir)).toBeInstanceOf(ParentPortSecretStore);
    } finally {
      delete p.parentPort;
    }
  });
});

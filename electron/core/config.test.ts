import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_HOST, DEFAULT_PORT, readServeConfig } from './config.js';
import { defaultDataDir } from './paths.js';

describe('serve configuration', () => {
  it('defaults to the per-user data folder on loopback port 5170', () => {
    expect(readServeConfig([], {})).toEqual({
      dataDir: defaultDataDir(),
      port: DEFAULT_PORT,
      host: DEFAULT_HOST,
      archive: null,
      demo: true,
      secrets: 'file',
    });
    expect(DEFAULT_PORT).toBe(5170);
    expect(DEFAULT_HOST).toBe('127.0.0.1');
  });

  it('takes the environment, and the command line over it', () => {
    const env = { CHEDANG_DATA_DIR: '/env/dir', CHEDANG_PORT: '6000', CHEDANG_HOST: '0.0.0.0' };
    expect(readServeConfig([], env)).toMatchObject({ dataDir: '/env/dir', port: 6000, host: '0.0.0.0' });
    expect(readServeConfig(['--data-dir', '/cli', '--port', '0', '--host', '::1'], env)).toMatchObject({
      dataDir: '/cli',
      port: 0,
      host: '::1',
    });
  });

  it('takes the archive account from flags, the password only from the environment', () => {
    const flags = [
      '--archive-url',
      'https://a.example.cn/api/',
      '--archive-adapter',
      'chengdu',
      '--company-code',
      '440100000000123',
    ];
    expect(readServeConfig(flags, { CHEDANG_ARCHIVE_PASSWORD: 's3cret' }).archive).toEqual({
      adapter: 'chengdu',
      baseUrl: 'https://a.example.cn/api',
      companyCode: '440100000000123',
      cityCode: null,
      password: 's3cret',
    });
    expect(
      readServeConfig([], {
        CHEDANG_ARCHIVE_URL: 'http://127.0.0.1:9',
        CHEDANG_ARCHIVE_ADAPTER: 'foshan',
        CHEDANG_COMPANY_CODE: '440600000000001',
        CHEDANG_CITY_CODE: '440600',
      }).archive,
    ).toMatchObject({ adapter: 'foshan', cityCode: '440600', password: undefined });
    expect(() => readServeConfig(['--archive-url', 'https://a.example.cn'], {})).toThrow(/together/);
    expect(() => readServeConfig([...flags.slice(0, 2), '--archive-adapter', 'soap', ...flags.slice(4)], {})).toThrow(
      /archive-adapter/,
    );
    expect(() => readServeConfig([...flags, '--city-code', '110100'], {})).toThrow(/Guangdong/);
    expect(() => readServeConfig(['--archive-password', 'x'], {})).toThrow(/bad arguments/);
    expect(readServeConfig(['--no-demo', '--secrets', 'parent'], {})).toMatchObject({ demo: false, secrets: 'parent' });
    expect(readServeConfig([], { CHEDANG_NO_DEMO: '1' }).demo).toBe(false);
  });

  it('refuses a bad port or an unknown flag with a bilingual message', () => {
    expect(() => readServeConfig(['--port', 'abc'], {})).toThrow(ConfigError);
    expect(() => readServeConfig(['--port', '70000'], {})).toThrow(/端口/);
    expect(() => readServeConfig(['--nope'], {})).toThrow(/bad arguments/);
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_HOST, DEFAULT_PORT, readServeConfig } from './config.js';
import { defaultDataDir } from './paths.js';

describe('serve configuration', () => {
  it('defaults to the per-user data folder on loopback port 5170', () => {
    expect(readServeConfig([], {})).toEqual({ dataDir: defaultDataDir(), port: DEFAULT_PORT, host: DEFAULT_HOST });
    expect(DEFAULT_PORT).toBe(5170);
    expect(DEFAULT_HOST).toBe('127.0.0.1');
  });

  it('takes the environment, and the command line over it', () => {
    const env = { CHEDANG_DATA_DIR: '/env/dir', CHEDANG_PORT: '6000', CHEDANG_HOST: '0.0.0.0' };
    expect(readServeConfig([], env)).toEqual({ dataDir: '/env/dir', port: 6000, host: '0.0.0.0' });
    expect(readServeConfig(['--data-dir', '/cli', '--port', '0', '--host', '::1'], env)).toEqual({
      dataDir: '/cli',
      port: 0,
      host: '::1',
    });
  });

  it('refuses a bad port or an unknown flag with a bilingual message', () => {
    expect(() => readServeConfig(['--port', 'abc'], {})).toThrow(ConfigError);
    expect(() => readServeConfig(['--port', '70000'], {})).toThrow(/端口/);
    expect(() => readServeConfig(['--nope'], {})).toThrow(/bad arguments/);
  });
});

import { describe, expect, it } from 'vitest';
import { chinaStamp, parseRespInfo, parseTimeReply, parseTopLevel, trimBase } from './common.js';
import { reply, STAMP } from './test-fixture.js';

describe('chinaStamp', () => {
  it('formats the instant in UTC+8, whatever the PC zone', () => {
    expect(chinaStamp(STAMP)).toEqual({ date: '20261124', time: '090203' });
    expect(chinaStamp(Date.UTC(2026, 10, 23, 16, 0, 0))).toEqual({ date: '20261124', time: '000000' });
    expect(chinaStamp(Date.UTC(2026, 10, 24, 15, 59, 59, 999))).toEqual({ date: '20261124', time: '235959' });
  });

  it('refuses a non-finite instant', () => {
    expect(() => chinaStamp(Number.NaN)).toThrow(RangeError);
    expect(() => chinaStamp(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('trimBase', () => {
  it('drops trailing slashes only', () => {
    expect(trimBase('https://a.example/api/')).toBe('https://a.example/api');
    expect(trimBase('https://a.example/api//')).toBe('https://a.example/api');
    expect(trimBase('https://a.example/api')).toBe('https://a.example/api');
  });
});

describe('reply parsers', () => {
  it('success and failure codes, message from status, message or msg', () => {
    expect(parseTopLevel(reply('{"code":"1","status":"上传成功"}'))).toEqual({
      ok: true,
      code: '1',
      message: '上传成功',
    });
    expect(parseTopLevel(reply('{"code":"-99","status":"系统异常"}'))).toEqual({
      ok: false,
      code: '-99',
      message: '系统异常',
    });
    expect(parseTopLevel(reply('{"code":"-1","message":"参数无效"}'))?.message).toBe('参数无效');
    expect(parseTopLevel(reply('{"code":"-1","msg":"参数无效"}'))?.message).toBe('参数无效');
    expect(parseTopLevel(reply('{"code":"-1","status":"","msg":"参数无效"}'))?.message).toBe('参数无效');
    expect(parseTopLevel(reply('{"code":"-1"}'))?.message).toBe('');
  });

  it('normalises numeric codes to strings', () => {
    expect(parseTopLevel(reply('{"code":1}'))).toMatchObject({ ok: true, code: '1' });
    expect(parseTopLevel(reply('{"code":-20,"status":"access_token无效或已过期"}'))).toMatchObject({
      ok: false,
      code: '-20',
    });
    expect(parseTopLevel(reply('{"code":" 1 "}'))).toMatchObject({ ok: true, code: '1' });
    // "1.0" is not the documented success code.
    expect(parseTopLevel(reply('{"code":"1.0"}'))).toMatchObject({ ok: false, code: '1.0' });
  });

  it('a token only when the reply carries one', () => {
    expect(parseTopLevel(reply('{"code":"1","access_token":"abc"}'))?.token).toBe('abc');
    expect(parseTopLevel(reply('{"code":"1","access_token":""}'))).not.toHaveProperty('token');
    expect(parseTopLevel(reply('{"code":"1","access_token":42}'))).not.toHaveProperty('token');
  });

  it('null for anything that is not the expected JSON', () => {
    for (const body of [
      '<html><body>502 Bad Gateway</body></html>',
      '{"code":"1","status":"上传',
      '',
      'null',
      '"1"',
      '[{"code":"1"}]',
      '{"status":"上传成功"}',
      '{"code":null}',
      '{"code":true}',
      '{"code":""}',
    ]) {
      expect(parseTopLevel(reply(body)), body).toBeNull();
      expect(parseRespInfo(reply(`{"respInfo":${body}}`)), body).toBeNull();
    }
  });

  it('null for a non-2xx status, whatever the body says', () => {
    expect(parseTopLevel(reply('{"code":"1"}', 500))).toBeNull();
    expect(parseTopLevel(reply('{"code":"-99"}', 503))).toBeNull();
    expect(parseTopLevel(reply('{"code":"1"}', 302))).toBeNull();
    expect(parseRespInfo(reply('{"respInfo":{"code":"1"}}', 404))).toBeNull();
  });
});

describe('parseTimeReply', () => {
  it('a bare number, a numeric string, or an object with time/timestamp/servertime', () => {
    const t = 1795482123000;
    expect(parseTimeReply(reply(`${t}`))).toBe(t);
    expect(parseTimeReply(reply(` ${t}\n`))).toBe(t);
    expect(parseTimeReply(reply(`"${t}"`))).toBe(t);
    expect(parseTimeReply(reply(`{"time":${t}}`))).toBe(t);
    expect(parseTimeReply(reply(`{"timestamp":"${t}"}`))).toBe(t);
    expect(parseTimeReply(reply(`{"servertime":${t}}`))).toBe(t);
    expect(parseTimeReply(reply(`{"respInfo":{"code":"1","time":${t}}}`))).toBe(t);
  });

  it('null for anything unreadable, non-finite or non-positive', () => {
    for (const body of [
      '',
      '<html>',
      'abc',
      '"12a"',
      '-5',
      '0',
      '1e999',
      '{"time":"soon"}',
      '{"date":"20261124"}',
      '{"respInfo":{"time":null}}',
      '[1795482123000]',
    ]) {
      expect(parseTimeReply(reply(body)), body).toBeNull();
    }
    expect(parseTimeReply(reply('1795482123000', 500))).toBeNull();
  });
});

/**
 * Import and export of customers, vehicles and parts: per-row errors and nothing imported, re-imports
 * that update instead of duplicating, GBK and BOM CSV, and .xlsx round trips.
 */
import fs from 'node:fs';
import { readSheet } from 'read-excel-file/node';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCore, type TestCore, VINS } from '../support/core.js';

const open: TestCore[] = [];
afterEach(() => {
  for (const t of open.splice(0)) {
    t.close();
    fs.rmSync(t.dir, { recursive: true, force: true });
  }
});
const core = async () => {
  const t = await makeCore();
  open.push(t);
  return t;
};
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const count = (t: TestCore, table: string) =>
  (t.app.core.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** GBK bytes for the few characters these tests use (what Excel on Chinese Windows saves). */
const GBK: Record<string, number[]> = {
  姓: [0xd0, 0xd5],
  名: [0xc3, 0xfb],
  电: [0xb5, 0xe7],
  话: [0xbb, 0xb0],
  张: [0xd5, 0xc5],
  三: [0xc8, 0xfd],
  地: [0xb5, 0xd8],
  址: [0xd6, 0xb7],
};
const gbk = (s: string) => Buffer.from([...s].flatMap((c) => GBK[c] ?? [...Buffer.from(c, 'latin1')]));

describe('import', () => {
  it('reports every bad row with its row number, field and a bilingual reason, and imports nothing', async () => {
    const t = await core();
    const csv = [
      'VIN,车牌号,品牌型号,车主,车主电话',
      `${VINS[0]},粤A12345,丰田凯美瑞,张三,13800138000`, // row 2: fine
      'LSJA24U62JG26922,粤A22222,大众,李四,', // row 3: VIN one character short
      `${VINS[1]},粤Z,本田,王五,`, // row 4: bad plate
      ',,比亚迪,赵六,', // row 5: neither VIN nor plate
      `${VINS[0]},粤A54321,丰田,张三,13800138000`, // row 6: same VIN as row 2
      '',
      `${VINS[2]},粤B88888,宝马,,13900000000`, // row 8: owner phone without a name
    ].join('\n');
    const input = { entity: 'vehicles' as const, fileName: 'vehicles.csv', contentBase64: b64(csv) };
    const p = await t.ok('transfer.preview', input);
    expect(p.counts).toMatchObject({ total: 6, create: 1, error: 5 });
    const byRow = Object.fromEntries(p.rows.map((r) => [r.row, r]));
    expect(byRow[2]!.action).toBe('create');
    expect(byRow[3]!.issues[0]).toMatchObject({ field: 'vin', severity: 'error' });
    expect(byRow[4]!.issues[0]!.field).toBe('plate');
    expect(byRow[5]!.issues[0]!.code).toBe('identity_required');
    expect(byRow[6]!.issues[0]).toMatchObject({ code: 'duplicate_in_file', field: 'vin' });
    expect(byRow[6]!.issues[0]!.message.zh).toContain('第 2 行');
    expect(byRow[8]!.issues[0]!.field).toBe('ownerName');
    for (const r of p.rows) for (const i of r.issues) expect(i.message.zh && i.message.en).toBeTruthy();
    // The preview wrote nothing.
    expect(count(t, 'vehicles')).toBe(0);

    const customersBefore = count(t, 'customers');
    const e = await t.err('transfer.import', input);
    expect(e.code).toBe('validation_failed');
    expect(e.message.zh).toContain('未导入任何数据');
    expect(e.fields.map((f) => f.field)).toEqual(
      expect.arrayContaining(['rows[3].vin', 'rows[4].plate', 'rows[6].vin', 'rows[8].ownerName']),
    );
    expect(count(t, 'vehicles')).toBe(0);
    expect(count(t, 'customers')).toBe(customersBefore);
  });

  it('refuses a file without a required column, and parts with a missing name or a bad price', async () => {
    const t = await core();
    const noCode = await t.err('transfer.preview', {
      entity: 'parts',
      fileName: 'p.csv',
      contentBase64: b64('名称\n机油\n'),
    });
    expect(noCode.fields[0]!.code).toBe('columns_missing');
    expect(noCode.message.zh).toContain('配件编码');
    const p = await t.ok('transfer.preview', {
      entity: 'parts',
      fileName: 'p.csv',
      contentBase64: b64('配件编码,配件名称,销售价(元)\nA1,,10\nA2,机滤,12.345\nA3,机油,"1,000"\n'),
    });
    expect(p.rows.map((r) => [r.row, r.action, r.issues[0]?.field])).toEqual([
      [2, 'error', 'name'],
      [3, 'error', 'salePrice'],
      [4, 'error', 'salePrice'],
    ]);
    expect(count(t, 'parts')).toBe(0);
  });

  it('imports all rows in one go; the same file again changes nothing and duplicates nothing', async () => {
    const t = await core();
    const csv = `\uFEFF姓名,电话,类型,地址\n张三,138 0013 8000,个人,天河区\n广州某物流有限公司,020-12345678,单位,\n李四,,,\n`;
    const input = { entity: 'customers' as const, fileName: 'c.csv', contentBase64: b64(csv) };
    const p = await t.ok('transfer.preview', input);
    expect(p.encoding).toBe('utf-8-bom');
    expect(p.counts).toMatchObject({ create: 3, error: 0 });
    expect(await t.ok('transfer.import', input)).toMatchObject({ created: 3, updated: 0 });
    expect(await t.ok('transfer.import', input)).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(count(t, 'customers')).toBe(3);
    // A changed address updates the customer matched by phone.
    const changed = { ...input, contentBase64: b64('姓名,电话,地址\n张三,13800138000,越秀区\n') };
    expect(await t.ok('transfer.import', changed)).toMatchObject({ created: 0, updated: 1 });
    const found = await t.ok('customers.search', { q: '13800138000' });
    expect(found.items[0]).toMatchObject({ name: '张三', address: '越秀区', phone: '13800138000' });
  });

  it('reads GBK CSV as saved by Excel on Chinese Windows', async () => {
    const t = await core();
    const bytes = gbk('姓名,电话,地址\r\n张三,13800138000,"地址"\r\n');
    expect(new TextDecoder('gbk').decode(bytes)).toBe('姓名,电话,地址\r\n张三,13800138000,"地址"\r\n');
    const input = { entity: 'customers' as const, fileName: 'gbk.csv', contentBase64: b64(bytes) };
    const p = await t.ok('transfer.preview', input);
    expect(p.encoding).toBe('gbk');
    expect(p.rows[0]).toMatchObject({
      row: 2,
      action: 'create',
      values: { name: '张三', phone: '13800138000', address: '地址' },
    });
    await t.ok('transfer.import', input);
    expect((await t.ok('customers.search', { q: '张三' })).items).toHaveLength(1);
  });

  it('asks to confirm a VIN check-digit warning, then imports', async () => {
    const t = await core();
    const badCheck = `${VINS[0].slice(0, 8)}X${VINS[0].slice(9)}`;
    const input = {
      entity: 'vehicles' as const,
      fileName: 'v.csv',
      contentBase64: b64(`VIN,车牌号\n${badCheck},粤A12345\n`),
    };
    const p = await t.ok('transfer.preview', input);
    expect(p.counts).toMatchObject({ create: 1, warning: 1, error: 0 });
    expect(p.rows[0]!.issues[0]).toMatchObject({ code: 'vin_check_digit', severity: 'warning' });
    expect((await t.err('transfer.import', input)).code).toBe('confirmation_required');
    expect(count(t, 'vehicles')).toBe(0);
    expect(await t.ok('transfer.import', { ...input, confirmWarnings: true })).toMatchObject({ created: 1 });
  });
});

describe('export', () => {
  it('exports vehicles with owners as CSV that imports back unchanged', async () => {
    const t = await core();
    const csv = `VIN,车牌号,品牌型号,注册日期,里程(公里),车主,车主电话\n${VINS[0]},粤A12345,丰田凯美瑞,2020/3/5,35210,张三,13800138000\n,粤B54321,比亚迪秦,,,李四,13900000000\n`;
    await t.ok('transfer.import', { entity: 'vehicles', fileName: 'v.csv', contentBase64: b64(csv) });
    expect(count(t, 'vehicles')).toBe(2);
    expect(count(t, 'customers')).toBe(2);
    const out = await t.ok('transfer.export', { entity: 'vehicles', format: 'csv' });
    expect(out).toMatchObject({ rows: 2, mimeType: expect.stringContaining('text/csv') });
    const bytes = Buffer.from(out.contentBase64, 'base64');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.split('\r\n')[0]).toContain('VIN,车牌号');
    expect(text).toContain('2020-03-05');
    const again = await t.ok('transfer.preview', {
      entity: 'vehicles',
      fileName: out.fileName,
      contentBase64: out.contentBase64,
    });
    expect(again.counts).toMatchObject({ total: 2, unchanged: 2, error: 0 });
  });

  it('round-trips parts through .xlsx into another shop', async () => {
    const t = await core();
    const csv =
      '配件编码,配件名称,品牌,单位,配件类型,销售价(元),最低库存\n90915-YZZD1,机油滤清器,丰田,个,原厂件,68.00,5\n0W20-4L,全合成机油,美孚,升,副厂件,90.5,2.5\n';
    await t.ok('transfer.import', { entity: 'parts', fileName: 'p.csv', contentBase64: b64(csv) });
    const out = await t.ok('transfer.export', { entity: 'parts', format: 'xlsx' });
    expect(out.fileName).toMatch(/\.xlsx$/);
    const sheet = await readSheet(Buffer.from(out.contentBase64, 'base64'));
    expect(sheet[0]).toEqual(expect.arrayContaining(['配件编码', '配件名称', '销售价(元)', '库存数量']));
    expect(sheet).toHaveLength(3);

    const other = await core();
    const input = { entity: 'parts' as const, fileName: out.fileName, contentBase64: out.contentBase64 };
    const p = await other.ok('transfer.preview', input);
    expect(p.format).toBe('xlsx');
    expect(p.ignoredHeaders).toEqual(['库存数量']);
    expect(p.counts).toMatchObject({ create: 2, error: 0 });
    await other.ok('transfer.import', input);
    const strip = (x: { items: Record<string, unknown>[] }) =>
      x.items.map(({ id: _i, createdAt: _c, updatedAt: _u, ...rest }) => rest);
    expect(strip(await other.ok('parts.search', { q: '' }))).toEqual(strip(await t.ok('parts.search', { q: '' })));
    const oil = (await other.ok('parts.search', { q: '' })).items.find((x) => x.code === '0W20-4L')!;
    expect(oil).toMatchObject({ salePriceFen: 9050, minStock: 250, partType: 'aftermarket', unit: '升' });
    expect((await other.ok('transfer.preview', input)).counts.unchanged).toBe(2);
  });

  it('refuses old .xls and unreadable files with a reason', async () => {
    const t = await core();
    const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    const e = await t.err('transfer.preview', { entity: 'parts', fileName: 'old.xls', contentBase64: b64(xls) });
    expect(e.fields[0]!.code).toBe('xls_not_supported');
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(50)]);
    const z = await t.err('transfer.preview', { entity: 'parts', fileName: 'x.xlsx', contentBase64: b64(zip) });
    expect(z.fields[0]!.code).toBe('file_unreadable');
  });
});

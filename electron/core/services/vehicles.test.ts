import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeCore, type TestCore, VINS } from '../../../tests/support/core.js';

let t: TestCore;
beforeEach(async () => {
  t = await makeCore();
});
afterEach(() => t.close());

describe('vehicles: VIN rules', () => {
  it('refuses a VIN of the wrong length, naming the field, and writes nothing', async () => {
    const e = await t.err('vehicles.create', { vin: 'LSJA24U62JG26922', plate: '粤A12345' });
    expect(e.status).toBe(422);
    expect(e.fields[0]).toMatchObject({ field: 'vin', code: 'vin_length', severity: 'error' });
    expect(e.fields[0]!.message.zh).toMatch(/17/);
    expect(e.fields[0]!.message.en).toMatch(/17/);
    expect((await t.ok('vehicles.search', { q: '粤A12345' })).total).toBe(0);
  });

  it('refuses I, O and Q in a VIN', async () => {
    const e = await t.err('vehicles.create', { vin: 'LSJA24U62JG26922O', plate: '粤A12345' });
    expect(e.fields.map((f) => f.code)).toContain('vin_characters');
  });

  it('asks to confirm a check-digit mismatch, then keeps the VIN exactly as typed', async () => {
    const typed = 'LSJA24U62JG269226';
    const e = await t.err('vehicles.create', { vin: typed, plate: '粤A12345' });
    expect(e.status).toBe(409);
    expect(e.code).toBe('confirmation_required');
    expect(e.fields[0]).toMatchObject({ code: 'vin_check_digit', field: 'vin', severity: 'warning' });
    const v = await t.ok('vehicles.create', { vin: typed, plate: '粤A12345', confirm: ['vin_check_digit'] });
    expect(v.vin).toBe(typed);
    expect(v.vinCheckConfirmed).toBe(true);
  });

  it('normalises a VIN typed in lower case with spaces', async () => {
    const v = await t.ok('vehicles.create', { vin: ' lsja24u62 jg269225 ', plate: '粤A12345' });
    expect(v.vin).toBe(VINS[0]);
  });

  it('keeps one vehicle per VIN', async () => {
    await t.ok('vehicles.create', { vin: VINS[0], plate: '粤A12345' });
    const e = await t.err('vehicles.create', { vin: VINS[0], plate: '粤B54321' });
    expect(e.code).toBe('duplicate');
    expect(e.fields[0]).toMatchObject({ field: 'vin', code: 'vin_taken' });
  });
});

describe('vehicles: plates', () => {
  it('normalises a plate and derives its colour', async () => {
    const v = await t.ok('vehicles.create', { vin: VINS[0], plate: '粤a·12345' });
    expect(v.plate).toBe('粤A12345');
    expect(v.plateColor).toBe('blue');
    const ev = await t.ok('vehicles.create', { vin: VINS[1], plate: '粤BD12345' });
    expect(ev.plateColor).toBe('gradient_green');
  });

  it('refuses an invalid plate with the field named', async () => {
    const e = await t.err('vehicles.create', { vin: VINS[0], plate: '粤I12345' });
    expect(e.fields[0]!.field).toBe('plate');
  });

  it('needs "no plate yet" to be explicit and then requires the VIN', async () => {
    const none = await t.err('vehicles.create', { brandModel: '比亚迪汉' });
    expect(none.fields[0]).toMatchObject({ code: 'identity_required', field: 'plate' });
    const noVin = await t.err('vehicles.create', { unplated: true });
    expect(noVin.fields[0]).toMatchObject({ code: 'vin_required', field: 'vin' });
    const both = await t.err('vehicles.create', { unplated: true, plate: '粤A12345', vin: VINS[0] });
    expect(both.fields[0]).toMatchObject({ code: 'plate_with_unplated' });
    const v = await t.ok('vehicles.create', { unplated: true, vin: VINS[0] });
    expect(v).toMatchObject({ plate: null, unplated: true });
  });

  it('clears the unplated flag when the plate arrives', async () => {
    const v = await t.ok('vehicles.create', { unplated: true, vin: VINS[0] });
    const u = await t.ok('vehicles.update', { id: v.id, plate: '粤A88888' });
    expect(u).toMatchObject({ plate: '粤A88888', unplated: false });
  });
});

describe('vehicles: owners and history', () => {
  it('creates the owner inline and keeps owner changes as history', async () => {
    const v = await t.ok('vehicles.create', {
      vin: VINS[0],
      plate: '粤A12345',
      owner: { kind: 'person', name: '张三' },
    });
    expect(v.owner?.name).toBe('张三');
    const li = await t.ok('customers.create', { kind: 'person', name: '李四' });
    t.clock.advance(60_000);
    const u = await t.ok('vehicles.update', { id: v.id, ownerId: li.id });
    expect(u.owner?.name).toBe('李四');
    const h = await t.ok('vehicles.history', { id: v.id });
    expect(h.owners.map((o) => [o.customer.name, o.toAt === null])).toEqual([
      ['张三', false],
      ['李四', true],
    ]);
  });

  it('refuses an owner id and an inline owner together', async () => {
    const c = await t.ok('customers.create', { kind: 'person', name: '王五' });
    const e = await t.err('vehicles.create', {
      vin: VINS[0],
      plate: '粤A12345',
      ownerId: c.id,
      owner: { kind: 'person', name: '赵六' },
    });
    expect(e.fields.map((f) => f.code)).toContain('owner_ambiguous');
  });

  it('warns before recording a lower mileage', async () => {
    const v = await t.ok('vehicles.create', { vin: VINS[0], plate: '粤A12345', lastMileageKm: 50_000 });
    const e = await t.err('vehicles.update', { id: v.id, lastMileageKm: 40_000 });
    expect(e.fields[0]).toMatchObject({ code: 'mileage_rollback', severity: 'warning', field: 'lastMileageKm' });
  });

  it('answers not_found for an unknown vehicle', async () => {
    const e = await t.err('vehicles.get', { id: '01936d3c-0000-7000-8000-000000000000' });
    expect(e).toMatchObject({ status: 404, code: 'not_found' });
  });
});

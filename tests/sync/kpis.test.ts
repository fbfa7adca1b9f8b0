/**
 * The shop's own upload figures (`archive.kpis`) against the regulator's (`GET /admin/metrics` of the
 * reference archive) for the same company, after real uploads: the number of records, the quality
 * score (one module, shared/domain/quality.ts, on both sides), and "uploaded in the last 7 days".
 *
 * Core and archive share one fake clock, so "late", "7 days" and the settle→accepted delays are exact.
 * The mix: good records, one with a VIN whose check digit is wrong (a confirmed warning: stored, and
 * −40 on both sides), one uploaded three days late (−30 on both sides), one held by the Foshan family
 * (unplated, no plate colour: settled but never sent), one reversed before upload (held, never sent)
 * and one reversed after it was accepted (the archive keeps it: there is no correction call).
 *
 * What each figure covers (electron/core/services/archive.ts, docs/sync.md):
 *  - settledOrders / acceptedOrders / acceptedShare / medianSettleToAcceptedMs: orders still settled
 *    (not reversed); acceptedShare = accepted ÷ settled, so a held record lowers it;
 *  - uploadsLast7Days: acceptances in the last 7 × 24 h, whatever became of the order;
 *  - qualityScore: every accepted record, as the archive scores every record it stored.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ArchiveMetrics } from '../../archive/server.js';
import type { AdminRecord } from '../../archive/test-support.js';
import { FakeClock, VINS } from '../support/core.js';
import { drained, queueState, type Rig, settleOne, startRig, waitFor } from './support.js';

/** LSJA24U62JG269225 with position 9 changed: the check digit fails (a warning the clerk confirms). */
const BAD_CHECK_VIN = 'LSJA24U52JG269225';
const MIN = 60_000;
const DAY = 86_400_000;

let rig: Rig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

const getJson = async <T>(url: string): Promise<T> => {
  const r = await fetch(url);
  expect(r.status, url).toBe(200);
  return (await r.json()) as T;
};

describe('archive.kpis and the archive’s /admin/metrics', () => {
  it('agree on uploads, quality score and the 7-day window, with held and reversed orders as documented', async () => {
    const clock = new FakeClock();
    rig = await startRig({ adapter: 'foshan', clock, archiveNow: clock.now });
    const { t, basics, companyCode } = rig;
    const base = rig.server.url;
    const metrics = async () => {
      const m = await getJson<ArchiveMetrics>(`${base}/admin/metrics?company=${companyCode}`);
      expect(m.companies).toHaveLength(1);
      return { company: m.companies[0]!, city: m.cities[0]! };
    };
    const records = async () =>
      (await getJson<{ records: AdminRecord[] }>(`${base}/admin/records?company=${companyCode}`)).records;
    const drain = () =>
      waitFor(() => drained(t), {
        timeoutMs: 30_000,
        what: async () => `queue did not drain: ${JSON.stringify(await queueState(t))}`,
      });
    const stateOf = async (outboxId: string) => (await t.ok('archive.ledger', { id: outboxId })).record;

    const badVin = await t.ok('vehicles.create', {
      vin: BAD_CHECK_VIN,
      plate: '粤E12345',
      brandModel: '本田雅阁',
      owner: { kind: 'person', name: '李四', phone: '13900139000' },
      confirm: ['vin_check_digit'],
    });
    expect(badVin.vinCheckConfirmed).toBe(true);
    const unplated = await t.ok('vehicles.create', {
      vin: VINS[1],
      unplated: true,
      brandModel: '比亚迪秦',
      owner: { kind: 'person', name: '王五', phone: '13700137000' },
    });
    expect(unplated.plateColor).toBeNull();

    // --- Settled while the uploader is not running yet.
    const good = await settleOne(t, basics.vehicle.id, basics.filter.id); // T0
    clock.advance(2 * MIN);
    const bad = await settleOne(t, badVin.id, basics.filter.id); // T0 + 2 min
    const reversedEarly = await settleOne(t, basics.vehicle.id, basics.filter.id);
    await t.ok('workOrders.reverse', { id: reversedEarly.workOrderId, reason: '结算录错' });
    const held = await settleOne(t, unplated.id, basics.filter.id);
    clock.advance(10 * MIN); // the uploader starts at T0 + 12 min

    t.app.core.sync.start();
    await drain();
    expect((await stateOf(good.outboxId)).state).toBe('accepted');
    expect((await stateOf(bad.outboxId)).state).toBe('accepted');
    const early = await stateOf(reversedEarly.outboxId);
    expect(early.state).toBe('held');
    expect(early.issues.map((i) => i.code)).toContain('reversed_before_upload');
    const heldRow = await stateOf(held.outboxId);
    expect(heldRow.state).toBe('held');
    expect(heldRow.issues.map((i) => i.code)).toContain('plate_color_required');

    let k = await t.ok('archive.kpis', {});
    let m = await metrics();
    // Reversed before upload: in neither figure. Held: settled, not accepted, not at the archive.
    expect(k).toMatchObject({
      settledOrders: 3,
      acceptedOrders: 2,
      uploadsLast7Days: 2,
      medianSettleToAcceptedMs: (10 * MIN + 12 * MIN) / 2,
      qualityChecks: { records: 2, vinValid: 1, plateValid: 2, timely: 2 },
    });
    expect(k.acceptedShare).toBeCloseTo(2 / 3, 10);
    expect(m.company.uploads).toBe(k.acceptedOrders);
    expect(m.company.qualityScore).toBe(80); // (100 + 60) / 2
    expect(k.qualityScore).toBe(m.company.qualityScore);
    expect(m.company.uploadedInLast7Days).toBe(k.uploadsLast7Days > 0);
    expect(m.company.lastUploadAt).toBe(clock.now());
    expect(m.city).toMatchObject({ areacode: '440600', companies: 1, uploads: 2, connectedLast7DaysShare: 1 });
    expect(m.city.qualityScore).toBe(80);
    const stored = await records();
    expect(stored.map((r) => r.costlistcode).sort()).toEqual([good.settlementNo, bad.settlementNo].sort());
    const badAtArchive = stored.find((r) => r.costlistcode === bad.settlementNo)!;
    expect(badAtArchive.warnings).toContain('vin_check_digit');
    expect(badAtArchive.quality).toEqual({ vinValid: false, plateValid: true, timely: true });

    // --- A record that reaches the archive three days after its settlement: late on both sides.
    t.app.core.sync.stop();
    const late = await settleOne(t, basics.vehicle.id, basics.filter.id); // T0 + 12 min
    clock.advance(3 * DAY);
    t.app.core.sync.start();
    await drain();
    expect((await stateOf(late.outboxId)).state).toBe('accepted');

    k = await t.ok('archive.kpis', {});
    m = await metrics();
    expect(k).toMatchObject({
      settledOrders: 4,
      acceptedOrders: 3,
      uploadsLast7Days: 3,
      medianSettleToAcceptedMs: 12 * MIN, // of 10 min, 12 min, 3 days
      qualityChecks: { records: 3, vinValid: 2, plateValid: 3, timely: 2 },
    });
    expect(k.acceptedShare).toBe(3 / 4);
    expect(m.company.uploads).toBe(k.acceptedOrders);
    expect(m.company.qualityScore).toBe(76.7); // (100 + 60 + 70) / 3
    expect(k.qualityScore).toBe(m.company.qualityScore);
    expect((await records()).find((r) => r.costlistcode === late.settlementNo)!.quality.timely).toBe(false);

    // --- Reversed after the archive accepted it: the archive keeps the record (no correction call).
    const reversedLate = await settleOne(t, basics.vehicle.id, basics.filter.id);
    await drain();
    expect((await stateOf(reversedLate.outboxId)).state).toBe('accepted');
    const { order } = await t.ok('workOrders.reverse', { id: reversedLate.workOrderId, reason: '客户退单' });
    expect(order.archive.map((a) => [a.kind, a.state])).toEqual([
      ['upload', 'accepted'],
      ['correction', 'held'],
    ]);

    k = await t.ok('archive.kpis', {});
    m = await metrics();
    // The order is no longer settled: out of the settled/accepted figures…
    expect(k).toMatchObject({ settledOrders: 4, acceptedOrders: 3, medianSettleToAcceptedMs: 12 * MIN });
    expect(k.acceptedShare).toBe(3 / 4);
    // …but its record was uploaded, and the archive still holds and scores it.
    expect(m.company.uploads).toBe(k.acceptedOrders + 1);
    expect(k.uploadsLast7Days).toBe(m.company.uploads);
    expect(m.company.qualityScore).toBe(82.5); // (100 + 60 + 70 + 100) / 4
    expect(k.qualityScore).toBe(m.company.qualityScore);
    expect(k.qualityChecks).toEqual({ records: 4, vinValid: 3, plateValid: 4, timely: 3 });

    // --- A week later with nothing new: "not uploading" on both sides; the score stays.
    clock.advance(7 * DAY + 1);
    k = await t.ok('archive.kpis', {});
    m = await metrics();
    expect(k.uploadsLast7Days).toBe(0);
    expect(m.company.uploadedInLast7Days).toBe(false);
    expect(m.city.connectedLast7DaysShare).toBe(0);
    expect(k.qualityScore).toBe(m.company.qualityScore);

    // By settlement date: the first four on 2026-11-24, the one reversed after upload three days later.
    const first = await t.ok('archive.kpis', { from: '2026-11-24', to: '2026-11-24' });
    expect(first).toMatchObject({ settledOrders: 4, acceptedOrders: 3, qualityScore: 76.7 });
    const later = await t.ok('archive.kpis', { from: '2026-11-25' });
    expect(later).toMatchObject({
      settledOrders: 0,
      acceptedOrders: 0,
      acceptedShare: null,
      medianSettleToAcceptedMs: null,
      qualityScore: 100,
      qualityChecks: { records: 1 },
    });
    expect(await t.ok('audit.verify', {})).toMatchObject({ ok: true, brokenAt: null });
  });
});

/**
 * Read-only views over the stored records: the regulator's metrics (archive-interface.md §1: share
 * of shops uploading, volume, data quality) and the owner's history of one vehicle (§7).
 */

import type { ArchiveRecord } from '../shared/domain/archive-record.js';
import { cityByCode } from '../shared/domain/cities.js';
import type { Bilingual } from '../shared/domain/issue.js';
import { QUALITY_FORMULA, type QualityFlags, qualityScore } from '../shared/domain/quality.js';
import type { CompanyRow, RecordRow, Statements } from './store.js';

export const CONNECTED_WINDOW_DAYS = 7;
const WINDOW_MS = CONNECTED_WINDOW_DAYS * 86_400_000;

export interface CompanyMetrics {
  companycode: string;
  companyname: string | null;
  areacode: string;
  city: string | null;
  /** Records stored (identical resends not counted). */
  uploads: number;
  /** Identical resends answered "already stored". */
  resends: number;
  /** When the latest record was stored, epoch ms. */
  lastUploadAt: number | null;
  uploadedInLast7Days: boolean;
  qualityScore: number | null;
}

export interface CityMetrics {
  /** The city-level GB/T 2260 code (a district code 440106 counts under 440100). */
  areacode: string;
  city: string | null;
  companies: number;
  uploads: number;
  /** Share (0..1) of the city's registered companies that stored a record in the last 7 days. */
  connectedLast7DaysShare: number;
  qualityScore: number | null;
}

export interface ArchiveMetrics {
  generatedAt: number;
  windowDays: number;
  companies: CompanyMetrics[];
  cities: CityMetrics[];
  formula: Bilingual;
}

/** 440106 → 440100; a code that is not six digits stays as it is. */
export const cityCodeOf = (areacode: string): string =>
  /^\d{6}$/.test(areacode) ? `${areacode.slice(0, 4)}00` : areacode;

const flagsOf = (r: RecordRow): QualityFlags => ({
  vinValid: r.vin_valid === 1,
  plateValid: r.plate_valid === 1,
  timely: r.timely === 1,
});

/** `?company=CODE`: that company only, and the whole of its city. */
export const computeMetrics = (sql: Statements, now: number, company?: string): ArchiveMetrics => {
  const companies = sql.companies.all();
  const byCompany = new Map<string, RecordRow[]>(companies.map((c) => [c.companycode, []]));
  for (const r of sql.allRecords.all()) byCompany.get(r.companycode)?.push(r);

  const companyMetrics = (c: CompanyRow): CompanyMetrics => {
    const records = byCompany.get(c.companycode) ?? [];
    const lastUploadAt = records.length === 0 ? null : Math.max(...records.map((r) => r.received_at));
    return {
      companycode: c.companycode,
      companyname: c.companyname,
      areacode: c.areacode,
      city: cityByCode(cityCodeOf(c.areacode))?.name ?? null,
      uploads: records.length,
      resends: records.reduce((s, r) => s + r.resends, 0),
      lastUploadAt,
      uploadedInLast7Days: lastUploadAt !== null && now - lastUploadAt < WINDOW_MS,
      qualityScore: qualityScore(records.map(flagsOf)),
    };
  };
  const all = companies.map(companyMetrics);

  const cityCodes = [...new Set(all.map((c) => cityCodeOf(c.areacode)))].sort();
  const cities = cityCodes.map((code): CityMetrics => {
    const members = all.filter((c) => cityCodeOf(c.areacode) === code);
    const records = members.flatMap((c) => byCompany.get(c.companycode) ?? []);
    return {
      areacode: code,
      city: cityByCode(code)?.name ?? null,
      companies: members.length,
      uploads: records.length,
      connectedLast7DaysShare: members.filter((c) => c.uploadedInLast7Days).length / members.length,
      qualityScore: qualityScore(records.map(flagsOf)),
    };
  });

  const selected = company === undefined ? all : all.filter((c) => c.companycode === company);
  const selectedCities = new Set(selected.map((c) => cityCodeOf(c.areacode)));
  return {
    generatedAt: now,
    windowDays: CONNECTED_WINDOW_DAYS,
    companies: selected,
    cities: company === undefined ? cities : cities.filter((c) => selectedCities.has(c.areacode)),
    formula: QUALITY_FORMULA,
  };
};

export interface OwnerVisit {
  companycode: string;
  companyname: string;
  costlistcode: string;
  vehicleplatenumber: string;
  /** yyyyMMdd, as sent */
  repairdate: string;
  settledate: string;
  mileageKm: number;
  faultDescription: string;
  items: { name: string; hours: string }[];
  parts: { name: string; code: string; quantity: string }[];
  /** Sum of the items' hours, one decimal. */
  totalHours: string;
  receivedAt: number;
}

/** Every stored visit of one VIN, any shop, newest settlement first. */
export const ownerRecords = (sql: Statements, vin: string): OwnerVisit[] =>
  sql.recordsOfVin.all(vin).map((row) => {
    const r = JSON.parse(row.content) as ArchiveRecord;
    const tenths = r.repairprojectlist.reduce((s, p) => s + Math.round(Number(p.workinghours) * 10), 0);
    return {
      companycode: row.companycode,
      companyname: row.registered_name ?? r.basicInfo.companyname,
      costlistcode: row.costlistcode,
      vehicleplatenumber: r.basicInfo.vehicleplatenumber,
      repairdate: r.basicInfo.repairdate,
      settledate: r.basicInfo.settledate,
      mileageKm: row.mileage,
      faultDescription: r.basicInfo.faultdescription,
      items: r.repairprojectlist.map((p) => ({ name: p.repairproject, hours: p.workinghours })),
      parts: r.vehiclepartslist.map((p) => ({ name: p.partsname, code: p.partscode, quantity: p.partsquantity })),
      totalHours: (tenths / 10).toFixed(1),
      receivedAt: row.received_at,
    };
  });

/**
 * The data-quality score of uploaded maintenance records. Regulators score VIN validity, plate validity
 * and timeliness per record (archive-interface.md §1) but publish no formula [U], so Chedang defines
 * its own here. The reference archive scores what it receives and the client's KPIs score what it sent
 * with this one module, so the two agree by construction.
 */
import { compactDate, DEFAULT_TIME_ZONE, isValidCompactDate, localDate } from './dates.js';
import type { Bilingual } from './issue.js';
import { checkPlate, normalisePlate, UNPLATED } from './plate.js';
import { checkVin, normaliseVin } from './vin.js';

export interface QualityFlags {
  /** 17 valid characters, sent normalised, and the check digit matches. */
  vinValid: boolean;
  /** A GA 36 plate sent normalised, or exactly '无牌' (an explicitly unplated vehicle is truthful). */
  plateValid: boolean;
  /** Received (in the platform's zone) no later than the day after settlement. */
  timely: boolean;
}

/** Penalties per failed check; a record starts at 100. */
export const QUALITY_WEIGHTS = { vin: 40, plate: 30, timely: 30 } as const;

export const QUALITY_FORMULA: Bilingual = {
  zh:
    '数据质量分 = 各条记录得分的平均值（保留一位小数）；每条记录 100 分，车辆识别代号无效（格式或校验位错误）扣 40 分，' +
    '车牌号码无效（不符合 GA 36 且不是“无牌”）扣 30 分，上传不及时（接收日晚于结算日的次日，按北京时间）扣 30 分；无记录时不计分。',
  en:
    'Data-quality score = mean of the per-record scores, rounded to one decimal; each record starts at 100, ' +
    'minus 40 when the VIN is invalid (format or check digit), minus 30 when the plate is invalid (not GA 36 and not 无牌), ' +
    'minus 30 when it is late (received, China time, after the day following the settlement date); no score without records.',
};

/** 'yyyyMMdd' of the day after a valid compact date. */
const nextDay = (compact: string): string => {
  const t = Date.UTC(Number(compact.slice(0, 4)), Number(compact.slice(4, 6)) - 1, Number(compact.slice(6, 8)) + 1);
  return compactDate(new Date(t).toISOString().slice(0, 10));
};

const vinValid = (vin: string): boolean => vin === normaliseVin(vin) && checkVin(vin).issues.length === 0;

const plateValid = (plate: string): boolean =>
  plate === UNPLATED || (plate === normalisePlate(plate) && checkPlate(plate).issues.length === 0);

/** The three checks of one record as the archive received it at `receivedAtMs`. */
export const recordQuality = (
  basicInfo: { vin: string; vehicleplatenumber: string; settledate: string },
  receivedAtMs: number,
  timeZone = DEFAULT_TIME_ZONE,
): QualityFlags => ({
  vinValid: vinValid(basicInfo.vin),
  plateValid: plateValid(basicInfo.vehicleplatenumber),
  timely:
    isValidCompactDate(basicInfo.settledate) &&
    compactDate(localDate(receivedAtMs, timeZone)) <= nextDay(basicInfo.settledate),
});

/** 100 − 40·(VIN invalid) − 30·(plate invalid) − 30·(late). */
export const recordScore = (f: QualityFlags): number =>
  100 -
  (f.vinValid ? 0 : QUALITY_WEIGHTS.vin) -
  (f.plateValid ? 0 : QUALITY_WEIGHTS.plate) -
  (f.timely ? 0 : QUALITY_WEIGHTS.timely);

/** Mean record score rounded to one decimal; null when there is nothing to score. */
export const qualityScore = (flags: readonly QualityFlags[]): number | null => {
  if (flags.length === 0) return null;
  // Record scores are integers, so the sum is exact and only the one division rounds.
  const sum = flags.reduce((s, f) => s + recordScore(f), 0);
  return Math.round((sum * 10) / flags.length) / 10;
};

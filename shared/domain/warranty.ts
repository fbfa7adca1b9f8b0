/**
 * 质量保证期 — the statutory minimum warranty of a repair, counted from the day the vehicle leaves the
 * shop, whichever limit comes first (《机动车维修管理规定》, 竣工出厂质量保证期制度; archive-interface.md §6).
 * These are the figures for 汽车 (cars and trucks); shops may promise more, never less. The settlement
 * sheet prints it (JT/T 1133 template).
 */
import type { RepairCategory } from './enums.js';
import type { Bilingual } from './issue.js';

export interface Warranty {
  km: number;
  days: number;
}

const WARRANTY: Readonly<Record<RepairCategory, Warranty>> = {
  vehicle_overhaul: { km: 20000, days: 100 },
  assembly_overhaul: { km: 20000, days: 100 },
  level2_maintenance: { km: 5000, days: 30 },
  level1_maintenance: { km: 2000, days: 10 },
  minor_repair: { km: 2000, days: 10 },
  special_repair: { km: 2000, days: 10 },
};

/** The statutory minimum for a repair category (a fresh object: callers may raise it). */
export const warrantyFor = (category: RepairCategory): Warranty => ({ ...WARRANTY[category] });

/**
 * 二级维护, 总成修理 and 整车修理 need pre-, in-process and completion inspection by an inspector and a
 * 机动车维修竣工出厂合格证 whose number is printed on the settlement sheet (archive-interface.md §6).
 */
export const needsCompletionInspection = (category: RepairCategory): boolean =>
  category === 'level2_maintenance' || category === 'assembly_overhaul' || category === 'vehicle_overhaul';

/** The sheet's wording: "车辆行驶 5000 公里或者 30 日，以先到者为准". */
export const warrantyText = (w: Warranty): Bilingual => ({
  zh: `车辆行驶 ${w.km} 公里或者 ${w.days} 日，以先到者为准`,
  en: `${w.km.toLocaleString('en-US')} km or ${w.days} ${w.days === 1 ? 'day' : 'days'}, whichever comes first`,
});

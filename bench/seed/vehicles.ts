/**
 * Vehicles as a Guangdong shop sees them: VINs of the makes built in China with correct check digits
 * (the product's own `withCheckDigit`), GA 36 plates from every province but mostly 粤, new-energy
 * plates growing with the years, a few trailers and coaches, and the odd car with no plate yet.
 */

import type { PlateColor } from '../../shared/domain/enums.js';
import { defaultPlateColor, PLATE_PROVINCES, type PlateKind } from '../../shared/domain/plate.js';
import { withCheckDigit } from '../../shared/domain/vin.js';
import { type Rng, Weighted } from './prng.js';

interface Make {
  wmi: string;
  models: string[];
  /** Share of new-energy models for this make. */
  ne: number;
  type: string;
  /** Relative frequency in the shop. */
  weight: number;
}

const MAKES: Make[] = [
  { wmi: 'LSV', models: ['大众朗逸', '大众帕萨特', '大众途观L', '大众桑塔纳'], ne: 0, type: '小型轿车', weight: 12 },
  { wmi: 'LFV', models: ['大众速腾', '大众迈腾', '大众宝来', '大众高尔夫'], ne: 0, type: '小型轿车', weight: 10 },
  { wmi: 'LVG', models: ['丰田凯美瑞', '丰田雷凌', '丰田汉兰达', '丰田致炫'], ne: 0.05, type: '小型轿车', weight: 11 },
  { wmi: 'LHG', models: ['本田雅阁', '本田飞度', '本田缤智', '本田凌派'], ne: 0.03, type: '小型轿车', weight: 11 },
  { wmi: 'LGB', models: ['日产轩逸', '日产天籁', '日产奇骏', '日产逍客'], ne: 0, type: '小型轿车', weight: 9 },
  { wmi: 'LSG', models: ['别克英朗', '别克君威', '雪佛兰科鲁兹', '别克GL8'], ne: 0, type: '小型轿车', weight: 6 },
  { wmi: 'LBV', models: ['宝马320Li', '宝马525Li', '宝马X1'], ne: 0.05, type: '小型轿车', weight: 3 },
  { wmi: 'LE4', models: ['奔驰C260L', '奔驰E300L', '奔驰GLC260'], ne: 0, type: '小型轿车', weight: 3 },
  {
    wmi: 'LGX',
    models: ['比亚迪秦PLUS', '比亚迪汉EV', '比亚迪宋PLUS', '比亚迪元PLUS'],
    ne: 0.85,
    type: '小型轿车',
    weight: 7,
  },
  { wmi: 'LRW', models: ['特斯拉Model 3', '特斯拉Model Y'], ne: 1, type: '小型轿车', weight: 2 },
  { wmi: 'LB3', models: ['吉利帝豪', '吉利博越', '吉利星越'], ne: 0.1, type: '小型轿车', weight: 5 },
  { wmi: 'LVS', models: ['福特福克斯', '福特蒙迪欧', '福特锐际'], ne: 0, type: '小型轿车', weight: 3 },
  { wmi: 'LJD', models: ['起亚K3', '起亚K5', '起亚智跑'], ne: 0, type: '小型轿车', weight: 2 },
  { wmi: 'LBE', models: ['现代伊兰特', '现代ix35', '现代名图'], ne: 0, type: '小型轿车', weight: 3 },
  { wmi: 'LGW', models: ['哈弗H6', '哈弗M6', '长城炮'], ne: 0, type: '小型普通客车', weight: 3 },
  { wmi: 'LZW', models: ['五菱宏光', '五菱之光', '五菱宏光MINI EV'], ne: 0.2, type: '小型普通客车', weight: 5 },
  { wmi: 'LZZ', models: ['重汽豪沃T7H', '重汽汕德卡'], ne: 0, type: '重型半挂牵引车', weight: 1 },
  { wmi: 'LFN', models: ['解放J6P', '解放虎V'], ne: 0, type: '轻型厢式货车', weight: 1 },
];
const MAKE = new Weighted(MAKES.map((m) => [m, m.weight] as const));

const VIN_CHARS = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';
/** Model-year codes for 2008…2026 (GB 16735: letters skip I, O, Q, U, Z and the digit 0). */
const YEAR_CODES: Record<number, string> = Object.fromEntries([...'89ABCDEFGHJKLMNPRST'].map((c, i) => [2008 + i, c]));

/**
 * Vehicle `index` gets serial `index × 7919 mod 10^6`: a bijection, so VINs never collide and their
 * last six characters look like real serials instead of counting up.
 */
export function vin(rng: Rng, make: Make, year: number, index: number): string {
  let vds = '';
  for (let i = 0; i < 5; i++) vds += rng.pick([...VIN_CHARS]);
  const plant = rng.pick([...'0123456789ABCDEFGH']);
  const serial = String((index * 7919 + 104_729) % 1_000_000).padStart(6, '0');
  const yearCode = YEAR_CODES[Math.min(2026, Math.max(2008, year))] ?? 'L';
  return withCheckDigit(`${make.wmi}${vds}0${yearCode}${plant}${serial}`);
}

/** Provinces: 粤 dominates; neighbours and the big sources of migrant workers follow. */
const PROVINCE = new Weighted<string>([
  ['粤', 850],
  ['湘', 25],
  ['桂', 20],
  ['赣', 15],
  ['闽', 10],
  ['川', 10],
  ['鄂', 10],
  ['豫', 8],
  ['琼', 5],
  ...[...PLATE_PROVINCES].filter((p) => !'粤湘桂赣闽川鄂豫琼'.includes(p)).map((p) => [p, 2] as const),
]);

/** 粤 authority letters by city: A 广州, B 深圳, E 佛山, S 东莞, T 中山, C 珠海, J 江门, L 惠州… */
const GD_AUTHORITY = new Weighted<string>([
  ['A', 50],
  ['B', 10],
  ['E', 10],
  ['S', 8],
  ['T', 5],
  ['C', 3],
  ['J', 3],
  ['L', 3],
  ['H', 2],
  ['R', 2],
  ['Q', 2],
  ['M', 1],
  ['K', 1],
]);

const SERIAL_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const digit = (rng: Rng) => String(rng.int(0, 9));

/** A regular serial: mostly digits, one or two letters in newer series (粤A8K3T2-style). */
const regularSerial = (rng: Rng): string => {
  const chars = Array.from({ length: 5 }, () => digit(rng));
  const letters = rng.chance(0.55) ? (rng.chance(0.35) ? 2 : 1) : 0;
  for (let i = 0; i < letters; i++) chars[rng.int(0, 4)] = rng.pick([...SERIAL_LETTERS]);
  return chars.join('');
};

export interface PlateDraw {
  plate: string | null;
  unplated: boolean;
  kind: PlateKind | null;
  color: PlateColor | null;
}

/**
 * A plate for a vehicle. `neShare` is the new-energy share at the vehicle's registration year;
 * `large` marks trucks (yellow plates, large new-energy layout). `taken` keeps plates unique.
 */
export function plate(rng: Rng, opts: { ne: boolean; large: boolean; taken: Set<string> }): PlateDraw {
  if (rng.chance(0.003)) return { plate: null, unplated: true, kind: null, color: null };
  for (;;) {
    const province = PROVINCE.draw(rng);
    const authority = province === '粤' ? GD_AUTHORITY.draw(rng) : rng.pick([...'ABCDEFGH']);
    let kind: PlateKind;
    let serial: string;
    if (opts.ne) {
      kind = opts.large ? 'new_energy_large' : 'new_energy_small';
      serial = opts.large
        ? `${Array.from({ length: 5 }, () => digit(rng)).join('')}${rng.pick(['D', 'F'])}`
        : `${rng.chance(0.8) ? 'D' : 'F'}${rng.chance(0.3) ? rng.pick([...SERIAL_LETTERS]) : digit(rng)}${Array.from({ length: 4 }, () => digit(rng)).join('')}`;
    } else if (opts.large && rng.chance(0.15)) {
      kind = 'trailer';
      serial = `${Array.from({ length: 4 }, () => digit(rng)).join('')}挂`;
    } else if (!opts.large && rng.chance(0.004)) {
      kind = 'coach';
      serial = `${Array.from({ length: 4 }, () => digit(rng)).join('')}学`;
    } else {
      kind = 'regular';
      serial = regularSerial(rng);
    }
    const p = `${province}${authority}${serial}`;
    if (opts.taken.has(p)) continue;
    opts.taken.add(p);
    const color = opts.large && !opts.ne ? 'yellow' : defaultPlateColor(kind);
    return { plate: p, unplated: false, kind, color };
  }
}

export interface VehicleDraw {
  vin: string;
  brandModel: string;
  vehicleType: string;
  engineNo: string;
  registrationDate: string;
  plate: PlateDraw;
  large: boolean;
}

/** New-energy share of vehicles registered in a year: a few percent in 2016, a third by 2026. */
const neShareIn = (year: number) => Math.min(0.35, Math.max(0.01, (year - 2015) * 0.03));

export function vehicle(rng: Rng, index: number, firstVisitYear: number, taken: Set<string>): VehicleDraw {
  const make = MAKE.draw(rng);
  // Registered at least the year before its first visit here, so the date never follows the visit.
  const regYear = Math.max(2008, firstVisitYear - rng.int(1, 8));
  const large = make.type.includes('货车') || make.type.includes('牵引');
  const ne = make.ne >= 1 || rng.chance(Math.min(make.ne, neShareIn(regYear) * 3) || neShareIn(regYear) * 0.3);
  const model = rng.pick(make.models);
  const month = String(rng.int(1, 12)).padStart(2, '0');
  const day = String(rng.int(1, 28)).padStart(2, '0');
  let engineNo = '';
  for (let i = 0; i < 8; i++) engineNo += rng.pick([...VIN_CHARS]);
  return {
    vin: vin(rng, make, regYear, index),
    brandModel: model,
    vehicleType: make.type,
    engineNo,
    registrationDate: `${regYear}-${month}-${day}`,
    plate: plate(rng, { ne, large, taken }),
    large,
  };
}

/**
 * What a shop sells and does: a parts catalogue of families (机油滤清器, 前刹车片…) in many brands and
 * fitments with codes in the styles real suppliers use, and job templates per repair category with
 * their labour items, typical hours and the part families they consume.
 */
import type { PartType, RepairCategory } from '../../shared/domain/enums.js';
import { type Rng, Weighted } from './prng.js';

export interface Family {
  name: string;
  unit: string;
  /** Sale price range per unit, fen. */
  price: [number, number];
  /** Quantity used per job, hundredths. */
  qty: [number, number];
  /** How often a job of its kind takes it (relative). */
  weight: number;
}

const f = (name: string, unit: string, price: [number, number], qty: [number, number], weight = 1): Family => ({
  name,
  unit,
  price,
  qty,
  weight,
});

/** Part families grouped by the jobs that use them. */
export const FAMILIES: Record<string, Family[]> = {
  service: [
    f('全合成机油 0W-20', '升', [8_000, 13_000], [350, 500], 8),
    f('全合成机油 5W-30', '升', [7_000, 12_000], [350, 500], 8),
    f('半合成机油 10W-40', '升', [4_000, 7_000], [350, 500], 3),
    f('机油滤清器', '个', [3_500, 12_000], [100, 100], 10),
    f('空气滤清器', '个', [4_000, 15_000], [100, 100], 5),
    f('空调滤清器', '个', [4_000, 16_000], [100, 100], 5),
    f('汽油滤清器', '个', [6_000, 20_000], [100, 100], 2),
    f('放油螺丝垫片', '个', [300, 1_000], [100, 100], 4),
    f('雨刮片', '条', [4_000, 15_000], [100, 200], 2),
    f('玻璃水', '瓶', [1_000, 3_000], [100, 200], 2),
  ],
  level2: [
    f('火花塞', '个', [3_000, 12_000], [400, 600], 4),
    f('刹车油 DOT4', '升', [4_000, 9_000], [100, 100], 3),
    f('防冻冷却液', '升', [3_000, 8_000], [200, 600], 3),
    f('自动变速箱油', '升', [8_000, 15_000], [400, 800], 2),
    f('节气门清洗剂', '瓶', [3_000, 6_000], [100, 100], 2),
  ],
  brakes: [
    f('前刹车片', '套', [20_000, 80_000], [100, 100], 5),
    f('后刹车片', '套', [18_000, 70_000], [100, 100], 4),
    f('前刹车盘', '个', [30_000, 120_000], [200, 200], 2),
    f('后刹车盘', '个', [25_000, 100_000], [200, 200], 1),
    f('刹车片报警线', '条', [2_000, 6_000], [100, 100], 1),
  ],
  electrics: [
    f('蓄电池 12V 60Ah', '个', [45_000, 90_000], [100, 100], 4),
    f('蓄电池 12V 80Ah', '个', [60_000, 120_000], [100, 100], 2),
    f('大灯灯泡 H7', '个', [3_000, 15_000], [100, 200], 3),
    f('刹车灯泡', '个', [500, 2_000], [100, 200], 2),
    f('发电机', '个', [80_000, 250_000], [100, 100], 1),
    f('起动机', '个', [70_000, 200_000], [100, 100], 1),
    f('保险丝', '个', [100, 500], [100, 300], 2),
  ],
  tyres: [
    f('轮胎 205/55R16', '条', [40_000, 90_000], [100, 400], 4),
    f('轮胎 215/60R17', '条', [50_000, 110_000], [100, 400], 3),
    f('轮胎 225/45R18', '条', [60_000, 150_000], [100, 400], 2),
    f('气门嘴', '个', [500, 2_000], [100, 400], 2),
    f('补胎胶条', '条', [300, 1_000], [100, 100], 2),
  ],
  aircon: [
    f('R134a 制冷剂', '瓶', [5_000, 12_000], [100, 200], 4),
    f('空调压缩机', '个', [150_000, 450_000], [100, 100], 1),
    f('空调冷凝器', '个', [60_000, 180_000], [100, 100], 1),
    f('膨胀阀', '个', [20_000, 60_000], [100, 100], 1),
  ],
  chassis: [
    f('前减震器', '个', [40_000, 150_000], [200, 200], 2),
    f('下摆臂', '个', [30_000, 90_000], [100, 200], 2),
    f('平衡杆球头', '个', [8_000, 25_000], [100, 200], 3),
    f('转向横拉杆球头', '个', [10_000, 30_000], [100, 200], 2),
    f('传动轴防尘套', '个', [5_000, 15_000], [100, 200], 2),
  ],
  engine: [
    f('正时皮带套件', '套', [60_000, 180_000], [100, 100], 2),
    f('水泵', '个', [30_000, 90_000], [100, 100], 2),
    f('节温器', '个', [10_000, 30_000], [100, 100], 2),
    f('点火线圈', '个', [20_000, 60_000], [100, 400], 2),
    f('气门室盖垫', '个', [5_000, 15_000], [100, 100], 2),
    f('发动机大修包', '套', [150_000, 450_000], [100, 100], 1),
    f('活塞环', '套', [40_000, 120_000], [100, 100], 1),
  ],
  gearbox: [
    f('变速箱大修包', '套', [200_000, 600_000], [100, 100], 1),
    f('离合器片', '个', [40_000, 120_000], [100, 100], 2),
    f('离合器压盘', '个', [50_000, 150_000], [100, 100], 1),
    f('变速箱油滤网', '个', [10_000, 40_000], [100, 100], 2),
  ],
  body: [
    f('前保险杠', '个', [80_000, 300_000], [100, 100], 2),
    f('后视镜总成', '个', [40_000, 150_000], [100, 100], 2),
    f('大灯总成', '个', [100_000, 500_000], [100, 100], 1),
    f('车漆 (调色)', '升', [20_000, 60_000], [50, 200], 3),
    f('叶子板', '个', [40_000, 120_000], [100, 100], 1),
  ],
};

export const ALL_FAMILIES: Family[] = Object.values(FAMILIES).flat();

/** Brands per family kind: OEM first (原厂), then the aftermarket names a Chinese shop stocks. */
const BRANDS: { name: string; type: PartType; style: 'toyota' | 'vw' | 'honda' | 'bosch' | 'mann' | 'generic' }[] = [
  { name: '丰田原厂', type: 'oem', style: 'toyota' },
  { name: '大众原厂', type: 'oem', style: 'vw' },
  { name: '本田原厂', type: 'oem', style: 'honda' },
  { name: '日产原厂', type: 'oem', style: 'toyota' },
  { name: '博世', type: 'equivalent', style: 'bosch' },
  { name: '曼牌', type: 'equivalent', style: 'mann' },
  { name: '马勒', type: 'equivalent', style: 'mann' },
  { name: '电装', type: 'equivalent', style: 'toyota' },
  { name: 'NGK', type: 'equivalent', style: 'generic' },
  { name: '米其林', type: 'equivalent', style: 'generic' },
  { name: '嘉实多', type: 'equivalent', style: 'generic' },
  { name: '美孚', type: 'equivalent', style: 'generic' },
  { name: '瓦尔塔', type: 'equivalent', style: 'generic' },
  { name: '骆驼', type: 'aftermarket', style: 'generic' },
  { name: '冠军', type: 'aftermarket', style: 'generic' },
  { name: '国产副厂', type: 'aftermarket', style: 'generic' },
];

const FITMENTS = [
  '凯美瑞',
  '雅阁',
  '轩逸',
  '朗逸',
  '速腾',
  '帕萨特',
  '卡罗拉',
  '思域',
  '天籁',
  '迈腾',
  '秦PLUS',
  'Model 3',
  '宏光',
  '哈弗H6',
  '英朗',
  '通用',
];

const ALNUM = '0123456789ABCDEFGHJKLMNPRSTUVWXYZ';
const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => String(rng.int(0, 9))).join('');
const alnum = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.pick([...ALNUM])).join('');

/** A part code in the brand's own style (丰田 90915-YZZD1, 大众 06J115403Q, 本田 15400-RTA-003…). */
const codeIn = (rng: Rng, style: (typeof BRANDS)[number]['style']): string => {
  switch (style) {
    case 'toyota':
      return `${digits(rng, 5)}-${alnum(rng, 5)}`;
    case 'vw':
      return `${digits(rng, 2)}${rng.pick([...'ABCDEFGHJK'])}${digits(rng, 6)}${rng.pick([...'ABCDEGHJKQ'])}`;
    case 'honda':
      return `${digits(rng, 5)}-${alnum(rng, 3)}-${digits(rng, 3)}`;
    case 'bosch':
      return `0986${alnum(rng, 3)}${digits(rng, 3)}`;
    case 'mann':
      return `${rng.pick(['W', 'C', 'CU', 'HU', 'WK'])}${digits(rng, rng.int(3, 4))}/${digits(rng, 2)}`;
    default:
      return `${rng.pick(['JY', 'LT', 'PJ', 'QC', 'BY'])}-${alnum(rng, 6)}`;
  }
};

/** EAN-13 with a Chinese (69x) prefix and its check digit: what a scanner types. */
const ean13 = (rng: Rng): string => {
  const body = `69${digits(rng, 10)}`;
  const sum = [...body].reduce((s, c, i) => s + Number(c) * (i % 2 ? 3 : 1), 0);
  return body + String((10 - (sum % 10)) % 10);
};

export interface Sku {
  code: string;
  name: string;
  brand: string;
  spec: string;
  unit: string;
  barcode: string | null;
  partType: PartType;
  salePriceFen: number;
  /** Purchase cost as a share of the sale price. */
  costFen: number;
  minStock: number;
  family: Family;
}

/** `n` SKUs spread over the families by their weight; codes and barcodes are unique. */
export function catalogue(rng: Rng, n: number): Sku[] {
  const pick = new Weighted(ALL_FAMILIES.map((fam) => [fam, fam.weight] as const));
  const codes = new Set<string>();
  const barcodes = new Set<string>();
  const out: Sku[] = [];
  // Every family gets at least a few SKUs, so every job template finds its parts.
  const families = [...ALL_FAMILIES, ...ALL_FAMILIES, ...ALL_FAMILIES];
  for (let i = 0; i < n; i++) {
    const fam = i < families.length ? (families[i] as Family) : pick.draw(rng);
    const brand = rng.pick(BRANDS);
    let code = codeIn(rng, brand.style);
    while (codes.has(code)) code = codeIn(rng, brand.style);
    codes.add(code);
    let barcode: string | null = null;
    if (rng.chance(0.4)) {
      barcode = ean13(rng);
      while (barcodes.has(barcode)) barcode = ean13(rng);
      barcodes.add(barcode);
    }
    const sale = Math.round(rng.int(fam.price[0], fam.price[1]) / 100) * 100;
    out.push({
      code,
      name: fam.name,
      brand: brand.name,
      spec: rng.chance(0.7) ? `适用${rng.pick(FITMENTS)}` : '',
      unit: fam.unit,
      barcode,
      partType: brand.type,
      salePriceFen: sale,
      costFen: Math.round(sale * (0.45 + rng.next() * 0.25)),
      // The first SKUs of each family are the fast movers a shop keeps a minimum of.
      minStock: i < families.length ? rng.int(2, 10) * 100 : rng.chance(0.03) ? rng.int(1, 5) * 100 : 0,
      family: fam,
    });
  }
  return out;
}

export interface JobTemplate {
  category: RepairCategory;
  weight: number;
  faults: string[];
  labour: { item: string; hours: [number, number] }[];
  /** Part family groups this job draws from. */
  parts: (keyof typeof FAMILIES)[];
}

const L = (item: string, lo: number, hi: number) => ({ item, hours: [lo, hi] as [number, number] });

export const JOBS: JobTemplate[] = [
  {
    category: 'level1_maintenance',
    weight: 34,
    faults: ['定期保养', '常规保养，更换机油机滤', '5000公里保养', '10000公里保养', '保养灯亮，做小保养'],
    labour: [
      L('更换机油机滤', 3, 6),
      L('检查轮胎气压及磨损', 1, 2),
      L('更换空气滤清器', 1, 3),
      L('更换空调滤清器', 2, 4),
      L('检查灯光及喇叭', 1, 2),
      L('检查制动液液位', 1, 1),
    ],
    parts: ['service'],
  },
  {
    category: 'level2_maintenance',
    weight: 10,
    faults: ['二级维护', '40000公里大保养', '年度二级维护', '更换火花塞及刹车油'],
    labour: [
      L('二级维护作业', 15, 30),
      L('更换火花塞', 5, 10),
      L('更换制动液', 5, 8),
      L('更换防冻液', 4, 8),
      L('清洗节气门', 4, 6),
      L('底盘检查紧固', 5, 10),
    ],
    parts: ['service', 'level2'],
  },
  {
    category: 'minor_repair',
    weight: 38,
    faults: [
      '刹车有异响',
      '刹车片磨损报警',
      '启动困难，电瓶亏电',
      '左前轮漏气',
      '大灯不亮',
      '雨刮刮不干净',
      '方向盘抖动',
      '过减速带底盘异响',
      '仪表盘故障灯亮',
      '车门异响',
    ],
    labour: [
      L('更换前刹车片', 8, 12),
      L('更换后刹车片', 8, 12),
      L('更换蓄电池', 2, 4),
      L('补胎', 3, 5),
      L('动平衡', 3, 6),
      L('更换灯泡', 1, 3),
      L('更换球头', 6, 12),
      L('故障诊断', 3, 10),
      L('四轮定位', 6, 10),
    ],
    parts: ['brakes', 'electrics', 'tyres', 'chassis'],
  },
  {
    category: 'special_repair',
    weight: 13,
    faults: ['空调不制冷', '前保险杠刮花', '车身划痕需喷漆', '怠速抖动', '水温偏高', '发动机漏油'],
    labour: [
      L('空调系统检修加氟', 8, 15),
      L('更换空调压缩机', 20, 40),
      L('前保险杠钣金喷漆', 20, 40),
      L('车身局部喷漆', 15, 30),
      L('更换点火线圈', 3, 6),
      L('更换水泵节温器', 15, 30),
      L('更换气门室盖垫', 10, 20),
    ],
    parts: ['aircon', 'body', 'engine'],
  },
  {
    category: 'assembly_overhaul',
    weight: 4,
    faults: ['变速箱换挡冲击', '发动机烧机油', '离合器打滑', '变速箱异响'],
    labour: [
      L('变速箱拆装', 40, 80),
      L('变速箱大修', 80, 150),
      L('发动机大修', 120, 200),
      L('更换离合器三件套', 30, 50),
      L('更换正时皮带', 20, 35),
    ],
    parts: ['gearbox', 'engine'],
  },
  {
    category: 'vehicle_overhaul',
    weight: 1,
    faults: ['整车修复（事故车）', '整车翻新大修'],
    labour: [
      L('整车拆检', 60, 120),
      L('车身钣金修复', 80, 200),
      L('整车喷漆', 60, 120),
      L('发动机大修', 120, 200),
      L('底盘大修', 60, 120),
      L('电路检修', 20, 60),
    ],
    parts: ['body', 'engine', 'chassis', 'electrics'],
  },
];

export const JOB = new Weighted(JOBS.map((j) => [j, j.weight] as const));

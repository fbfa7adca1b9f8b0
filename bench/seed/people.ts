/**
 * People and companies of a Guangdong shop's customer book: Chinese names with a realistic surname
 * mix (so pinyin initials like `zs`, `lw`, `cjh` collide the way they do in a real shop), mobile
 * numbers on real carrier prefixes, and the fleets (logistics, taxis, car rental) that own many
 * vehicles each.
 */
import { type Rng, Weighted } from './prng.js';

/** Surnames by rough frequency in Guangdong (陈, 李, 黄, 张 lead), with a long tail. */
const SURNAMES = new Weighted<string>([
  ['陈', 90],
  ['李', 75],
  ['黄', 70],
  ['张', 60],
  ['梁', 45],
  ['林', 45],
  ['刘', 40],
  ['吴', 35],
  ['罗', 30],
  ['何', 30],
  ['王', 30],
  ['郑', 25],
  ['周', 22],
  ['谢', 22],
  ['杨', 20],
  ['邓', 20],
  ['叶', 20],
  ['冯', 18],
  ['曾', 18],
  ['蔡', 16],
  ['钟', 15],
  ['许', 15],
  ['苏', 14],
  ['卢', 14],
  ['朱', 12],
  ['彭', 12],
  ['赵', 12],
  ['潘', 11],
  ['胡', 11],
  ['郭', 11],
  ['徐', 10],
  ['何', 10],
  ['余', 10],
  ['孙', 8],
  ['马', 8],
  ['高', 8],
  ['方', 7],
  ['袁', 7],
  ['莫', 7],
  ['温', 6],
  ['邱', 6],
  ['欧阳', 3],
  ['司徒', 2],
  ['单', 2],
  ['曾', 4],
  ['区', 2],
]);

const GIVEN = [
  ...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志文斌辉玲红鹏飞俊杰宇浩然嘉欣颖琳婷雪梅晓东永健锦荣家豪子轩梓涵诗琪少珍惠兴耀德龙海波春燕振权智彬宏嘉伦咏诗翠',
];

export const personName = (rng: Rng): string => {
  const given = rng.chance(0.75) ? rng.pick(GIVEN) + rng.pick(GIVEN) : rng.pick(GIVEN);
  return SURNAMES.draw(rng) + given;
};

/** Mobile prefixes of the three carriers (and the virtual operators' 170/171 a few people have). */
const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '147',
  '150',
  '151',
  '152',
  '153',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '170',
  '171',
  '173',
  '176',
  '177',
  '178',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '198',
  '199',
];

export const mobile = (rng: Rng): string => rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');

/** A landline in a Guangdong city (companies often give one). */
const landline = (rng: Rng): string => `020${String(rng.int(20_000_000, 89_999_999))}`;

const CITIES = ['广州', '深圳', '佛山', '东莞', '中山', '珠海', '江门', '惠州', '肇庆', '清远'];
const FIRM_WORDS = [
  '顺达',
  '捷通',
  '安达',
  '恒运',
  '宏图',
  '鹏程',
  '南粤',
  '金穗',
  '华通',
  '粤运',
  '迅捷',
  '盛世',
  '万里',
  '长安',
  '新城',
  '骏马',
];
const FIRM_KINDS = [
  '物流有限公司',
  '出租汽车有限公司',
  '汽车租赁有限公司',
  '运输有限公司',
  '建设工程有限公司',
  '贸易有限公司',
  '物业管理有限公司',
];

export const companyName = (rng: Rng, serial: number): string =>
  // The serial keeps names distinct (a real book never lists one firm twice under one name).
  `${rng.pick(CITIES)}市${rng.pick(FIRM_WORDS)}${rng.pick(FIRM_KINDS).replace('有限公司', serial % 7 === 0 ? `${serial}号分公司` : '有限公司')}`;

export const companyPhone = (rng: Rng): string => (rng.chance(0.5) ? landline(rng) : mobile(rng));

const STREETS = [
  '天河路',
  '中山大道',
  '广州大道',
  '黄埔大道',
  '工业大道',
  '沙河路',
  '东风路',
  '环市路',
  '番禺大道',
  '新港路',
];
export const address = (rng: Rng): string => `广东省${rng.pick(CITIES)}市${rng.pick(STREETS)}${rng.int(1, 999)}号`;

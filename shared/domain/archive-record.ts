/**
 * The canonical maintenance record sent to the archive (汽车维修电子健康档案系统), archive-interface.md §2,
 * and the local quality checks of §5 that run before a record is queued (architecture.md, sync rule 6).
 *
 * Wire names and shapes are the ones deployed platforms accept (JT/T 1132.2 Appendix A is not public);
 * platform adapters reshape this one record (nested, stringified, Chengdu wrapper, Foshan GET form).
 * The builder maps faithfully and the validator says what is wrong: nothing is invented, defaulted or
 * truncated here, because the regulator scores truthfulness and a wrong record is worse than a held one.
 */
import { compactDate, isValidCompactDate, isValidIsoDate } from './dates.js';
import { PLATE_COLOR_LABEL, PLATE_COLORS, type PlateColor } from './enums.js';
import { type Issue, issue, warning } from './issue.js';
import { formatHundredths, formatTenths } from './money.js';
import { checkPlate, normalisePlate, UNPLATED } from './plate.js';
import { checkVin, normaliseVin } from './vin.js';

/** Bump when a rule changes, so stored check results can be told apart from fresh ones. */
export const ARCHIVE_RULES_VERSION = 1;

export interface ArchiveRecord {
  basicInfo: {
    vehicleplatenumber: string;
    companyname: string;
    vin: string;
    /** yyyyMMdd */
    repairdate: string;
    /** integer km as string */
    repairmileage: string;
    /** yyyyMMdd */
    settledate: string;
    faultdescription: string;
    costlistcode: string;
  };
  /** workinghours: one decimal, e.g. '2.5' */
  repairprojectlist: { repairproject: string; workinghours: string }[];
  /** partsquantity: two decimals, e.g. '4.00' */
  vehiclepartslist: { partsname: string; partscode: string; partsquantity: string }[];
  /** Only the GET-form (Foshan) adapter sends it, as the Chinese colour name. */
  vehicleplatecolor: string;
}

/** What the settle transaction knows about an order, in the app's own units. */
export interface ArchiveSource {
  companyName: string;
  vin: string;
  /** null = explicitly unplated */
  plate: string | null;
  plateColor: PlateColor | null;
  /** YYYY-MM-DD, shop-local */
  repairDate: string;
  /** YYYY-MM-DD, shop-local */
  settleDate: string;
  mileageKm: number;
  faultDescription: string;
  settlementNo: string;
  labour: { item: string; hoursTenths: number }[];
  parts: { name: string; code: string; quantityHundredths: number }[];
}

/** Hand on an invalid date as it is, so the validator reports it instead of us guessing. */
const wireDate = (iso: string): string => (isValidIsoDate(iso) ? compactDate(iso) : iso.trim());

/**
 * Map an order to the archive record. Text is trimmed; plate and VIN are normalised (spaces, dots,
 * case — never characters); an unplated vehicle is sent as UNPLATED ('无牌'); the plate colour is its
 * Chinese name or '' when unknown. Hours and quantities must be integers in tenths/hundredths (a
 * non-integer is a programming error and throws RangeError: printing it would misstate the work).
 */
export const buildArchiveRecord = (src: ArchiveSource): ArchiveRecord => ({
  basicInfo: {
    vehicleplatenumber: src.plate === null ? UNPLATED : normalisePlate(src.plate),
    companyname: src.companyName.trim(),
    vin: normaliseVin(src.vin),
    repairdate: wireDate(src.repairDate),
    // String() keeps a bad value (12.5, NaN) visible to the validator instead of rounding it.
    repairmileage: String(src.mileageKm),
    settledate: wireDate(src.settleDate),
    faultdescription: src.faultDescription.trim(),
    costlistcode: src.settlementNo.trim(),
  },
  repairprojectlist: src.labour.map((l) => ({
    repairproject: l.item.trim(),
    workinghours: formatTenths(l.hoursTenths),
  })),
  vehiclepartslist: src.parts.map((p) => ({
    partsname: p.name.trim(),
    partscode: p.code.trim(),
    partsquantity: formatHundredths(p.quantityHundredths),
  })),
  vehicleplatecolor: src.plateColor === null ? '' : PLATE_COLOR_LABEL[src.plateColor].zh,
});

// ---------------------------------------------------------------------------------------------------
// Validation (archive-interface.md §2 table and §5 "Record rules")
// ---------------------------------------------------------------------------------------------------

/** Largest odometer value the archive accepts (8 digits). */
export const MAX_MILEAGE_KM = 99_999_999;

/**
 * Length in characters (code points), which is what a clerk counts. The platforms' own unit is not
 * documented [U]; for Chinese text code points equal UTF-16 units, so this never undercounts them.
 */
const charCount = (s: string): number => [...s].length;

interface TextRule {
  code: string;
  max: number;
  zh: string;
  en: string;
  /** How to fix it, appended to the "required" message. */
  fixZh: string;
  fixEn: string;
}

/** Required, at most `max` characters, never truncated. */
const checkText = (value: string, field: string, r: TextRule): Issue[] => {
  if (value.trim() === '') {
    return [issue(`${r.code}_required`, `请填写${r.zh}；${r.fixZh}`, `${r.en} is required. ${r.fixEn}`, field)];
  }
  const n = charCount(value);
  if (n > r.max) {
    return [
      issue(
        `${r.code}_too_long`,
        `${r.zh}最多${r.max}个字，当前${n}个字；请精简（系统不会自动截断）`,
        `${r.en} allows at most ${r.max} characters; got ${n}. Shorten it (it is never cut automatically)`,
        field,
      ),
    ];
  }
  return [];
};

const COMPANY_NAME: TextRule = {
  code: 'company_name',
  max: 100,
  zh: '维修企业名称',
  en: 'Company name',
  fixZh: '请在“设置 → 店铺资料”中按营业执照填写',
  fixEn: 'Enter it in Settings → Shop profile exactly as on the business licence',
};
const FAULT_DESCRIPTION: TextRule = {
  code: 'fault_description',
  max: 200,
  zh: '故障描述',
  en: 'Fault description',
  fixZh: '请写明故障现象；保养请写明所做项目，如“定期保养”',
  fixEn: 'Describe the fault; for maintenance say what was done, e.g. 定期保养 (scheduled service)',
};
const COST_LIST_CODE: TextRule = {
  code: 'cost_list_code',
  max: 50,
  zh: '结算清单编号',
  en: 'Settlement number',
  fixZh: '应与打印的结算清单编号一致',
  fixEn: 'It must be the number printed on the settlement sheet',
};

const itemRule = (base: TextRule, n: number): TextRule => ({
  ...base,
  zh: `第${n}个${base.zh}`,
  en: `${base.en} ${n}`,
});

const REPAIR_PROJECT: TextRule = {
  code: 'repair_project',
  max: 200,
  zh: '维修项目',
  en: 'Repair item',
  fixZh: '请填写所做的维修或保养项目名称',
  fixEn: 'Name the repair or maintenance work done',
};
const PARTS_NAME: TextRule = {
  code: 'parts_name',
  max: 50,
  zh: '配件名称',
  en: 'Part name',
  fixZh: '请在配件资料中填写名称',
  fixEn: 'Enter the name in the parts catalogue',
};
const PARTS_CODE: TextRule = {
  code: 'parts_code',
  max: 50,
  zh: '配件编码',
  en: 'Part code',
  fixZh: '请填写原厂编码（OE号）或本店配件编码',
  fixEn: 'Enter the OE number or the shop’s own part code',
};

const HOURS = /^\d+\.\d$/;
const QUANTITY = /^\d+\.\d\d$/;
const MILEAGE = /^(0|[1-9]\d*)$/;
const PLATE_COLOR_NAMES: ReadonlySet<string> = new Set(PLATE_COLORS.map((c) => PLATE_COLOR_LABEL[c].zh));

/** `20261124` → `2026-11-24` for messages. */
const showDate = (d: string): string => `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}`;

const checkPlateField = (plate: string, field: string): Issue[] => {
  if (plate === UNPLATED) return [];
  const issues = checkPlate(plate, field).issues;
  if (issues.length === 0 && normalisePlate(plate) !== plate) {
    issues.push(
      issue(
        'plate_format',
        `车牌号码“${plate}”含有空格、点或小写字母；上传时应为“${normalisePlate(plate)}”`,
        `Plate '${plate}' contains spaces, dots or lower-case letters; it must be sent as '${normalisePlate(plate)}'`,
        field,
      ),
    );
  }
  return issues;
};

const checkVinField = (vin: string, field: string): Issue[] => {
  const issues = checkVin(vin, field).issues;
  if (!issues.some((i) => i.severity === 'error') && normaliseVin(vin) !== vin) {
    issues.unshift(
      issue(
        'vin_characters',
        `车辆识别代号“${vin}”含有空格或小写字母；上传时应为“${normaliseVin(vin)}”`,
        `VIN '${vin}' contains spaces or lower-case letters; it must be sent as '${normaliseVin(vin)}'`,
        field,
      ),
    );
  }
  return issues;
};

const checkDates = (b: ArchiveRecord['basicInfo'], today: string): Issue[] => {
  const issues: Issue[] = [];
  const repairOk = isValidCompactDate(b.repairdate);
  const settleOk = isValidCompactDate(b.settledate);
  if (!repairOk) {
    issues.push(
      issue(
        'repair_date_invalid',
        `送修日期“${b.repairdate}”不是有效日期（应为 yyyyMMdd，如 20261124）；请核对工单的送修日期`,
        `Repair date '${b.repairdate}' is not a valid date (yyyyMMdd, e.g. 20261124). Check the order's repair date`,
        'basicInfo.repairdate',
      ),
    );
  } else if (b.repairdate > today) {
    issues.push(
      issue(
        'repair_date_in_future',
        `送修日期 ${showDate(b.repairdate)} 晚于今天 ${showDate(today)}；请核对送修日期或电脑时钟`,
        `Repair date ${showDate(b.repairdate)} is after today (${showDate(today)}). Check the date or the PC clock`,
        'basicInfo.repairdate',
      ),
    );
  }
  if (!settleOk) {
    issues.push(
      issue(
        'settle_date_invalid',
        `结算日期“${b.settledate}”不是有效日期（应为 yyyyMMdd，如 20261124）；请核对结算日期`,
        `Settlement date '${b.settledate}' is not a valid date (yyyyMMdd, e.g. 20261124). Check the settlement date`,
        'basicInfo.settledate',
      ),
    );
  } else if (b.settledate > today) {
    issues.push(
      issue(
        'settle_date_in_future',
        `结算日期 ${showDate(b.settledate)} 晚于今天 ${showDate(today)}；请核对结算日期或电脑时钟`,
        `Settlement date ${showDate(b.settledate)} is after today (${showDate(today)}). Check the date or the PC clock`,
        'basicInfo.settledate',
      ),
    );
  }
  if (repairOk && settleOk && b.settledate < b.repairdate) {
    issues.push(
      issue(
        'settle_date_before_repair_date',
        `结算日期 ${showDate(b.settledate)} 早于送修日期 ${showDate(b.repairdate)}；请核对两个日期`,
        `Settlement date ${showDate(b.settledate)} is before the repair date ${showDate(b.repairdate)}. Check both dates`,
        'basicInfo.settledate',
      ),
    );
  }
  return issues;
};

const checkMileage = (m: string, lastMileageKm: number | undefined): Issue[] => {
  const field = 'basicInfo.repairmileage';
  if (!MILEAGE.test(m)) {
    return [
      issue(
        'mileage_invalid',
        `送修里程应为整数公里数（如 45210），当前为“${m}”；请按仪表读数填写，不要估算`,
        `Mileage must be a whole number of km (e.g. 45210); got '${m}'. Enter the odometer reading, never an estimate`,
        field,
      ),
    ];
  }
  // Compare by length first: the string may be longer than a safe integer.
  if (m.length > String(MAX_MILEAGE_KM).length || Number(m) > MAX_MILEAGE_KM) {
    return [
      issue(
        'mileage_out_of_range',
        `送修里程最大为 99999999 公里，当前为 ${m}；请核对仪表读数`,
        `Mileage can be at most 99,999,999 km; got ${m}. Check the odometer reading`,
        field,
      ),
    ];
  }
  const km = Number(m);
  if (lastMileageKm !== undefined && km < lastMileageKm) {
    return [
      warning(
        'mileage_rollback',
        `送修里程 ${km} 公里低于该车上次记录的 ${lastMileageKm} 公里；请核对仪表读数，确认无误（如更换过仪表）后可继续`,
        `Mileage ${km} km is lower than this vehicle's last recorded ${lastMileageKm} km. Check the odometer; continue only if it is right (e.g. the instrument cluster was replaced)`,
        field,
      ),
    ];
  }
  return [];
};

const checkProjects = (list: ArchiveRecord['repairprojectlist']): Issue[] => {
  if (list.length === 0) {
    return [
      issue(
        'repair_projects_required',
        '至少需要一个维修项目；请在工单中添加所做的维修或保养项目（配件不能代替维修项目）',
        'At least one repair item is required. Add the work done to the order (parts are not repair items)',
        'repairprojectlist',
      ),
    ];
  }
  return list.flatMap((p, i) => {
    const base = `repairprojectlist[${i}]`;
    const n = i + 1;
    const issues = checkText(p.repairproject, `${base}.repairproject`, itemRule(REPAIR_PROJECT, n));
    const field = `${base}.workinghours`;
    if (!HOURS.test(p.workinghours)) {
      issues.push(
        issue(
          'working_hours_format',
          `第${n}个维修项目的工时应为一位小数的小时数（如 2.5），当前为“${p.workinghours}”；工时不是金额`,
          `Hours of repair item ${n} must be hours with one decimal (e.g. 2.5); got '${p.workinghours}'. Hours are never money`,
          field,
        ),
      );
    } else if (Number(p.workinghours) <= 0) {
      issues.push(
        issue(
          'working_hours_not_positive',
          `第${n}个维修项目的工时为 ${p.workinghours}；请填写实际工时（大于 0）`,
          `Repair item ${n} has ${p.workinghours} hours; enter the actual hours (more than 0)`,
          field,
        ),
      );
    }
    return issues;
  });
};

const checkParts = (list: ArchiveRecord['vehiclepartslist']): Issue[] =>
  list.flatMap((p, i) => {
    const base = `vehiclepartslist[${i}]`;
    const n = i + 1;
    const issues = [
      ...checkText(p.partsname, `${base}.partsname`, itemRule(PARTS_NAME, n)),
      ...checkText(p.partscode, `${base}.partscode`, itemRule(PARTS_CODE, n)),
    ];
    const field = `${base}.partsquantity`;
    if (!QUANTITY.test(p.partsquantity)) {
      issues.push(
        issue(
          'parts_quantity_format',
          `第${n}个配件的数量应为两位小数（如 4.00），当前为“${p.partsquantity}”`,
          `Quantity of part ${n} must have two decimals (e.g. 4.00); got '${p.partsquantity}'`,
          field,
        ),
      );
    } else if (Number(p.partsquantity) <= 0) {
      issues.push(
        issue(
          'parts_quantity_not_positive',
          `第${n}个配件的数量为 ${p.partsquantity}；请填写实际用量（大于 0），未使用的配件请从工单中删除`,
          `Part ${n} has quantity ${p.partsquantity}; enter the quantity used (more than 0) or remove the part from the order`,
          field,
        ),
      );
    }
    return issues;
  });

/**
 * Every rule of archive-interface.md §2 and §5 over a built record. Errors hold the record back;
 * warnings (`vin_check_digit`, `mileage_rollback`) must be confirmed by the front desk.
 * `ctx.today` is the shop-local day as yyyyMMdd (see dates.ts); `ctx.lastMileageKm` is this VIN's
 * last recorded mileage, if any. Issues come in the order of the record's fields.
 */
export const validateArchiveRecord = (r: ArchiveRecord, ctx: { today: string; lastMileageKm?: number }): Issue[] => {
  if (!isValidCompactDate(ctx.today)) throw new RangeError(`ctx.today must be yyyyMMdd: ${ctx.today}`);
  const b = r.basicInfo;
  const issues: Issue[] = [
    ...checkPlateField(b.vehicleplatenumber, 'basicInfo.vehicleplatenumber'),
    ...checkText(b.companyname, 'basicInfo.companyname', COMPANY_NAME),
    ...checkVinField(b.vin, 'basicInfo.vin'),
    ...checkDates(b, ctx.today),
    ...checkMileage(b.repairmileage, ctx.lastMileageKm),
    ...checkText(b.faultdescription, 'basicInfo.faultdescription', FAULT_DESCRIPTION),
    ...checkText(b.costlistcode, 'basicInfo.costlistcode', COST_LIST_CODE),
    ...checkProjects(r.repairprojectlist),
    ...checkParts(r.vehiclepartslist),
  ];
  if (r.vehicleplatecolor !== '' && !PLATE_COLOR_NAMES.has(r.vehicleplatecolor)) {
    issues.push(
      issue(
        'plate_color_invalid',
        `车牌颜色“${r.vehicleplatecolor}”无效；应为 ${[...PLATE_COLOR_NAMES].join('、')} 之一`,
        `Plate colour '${r.vehicleplatecolor}' is not valid; use one of ${[...PLATE_COLOR_NAMES].join(', ')}`,
        'vehicleplatecolor',
      ),
    );
  }
  return issues;
};

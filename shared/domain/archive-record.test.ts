import { describe, expect, it } from 'vitest';
import {
  ARCHIVE_RULES_VERSION,
  type ArchiveRecord,
  type ArchiveSource,
  buildArchiveRecord,
  validateArchiveRecord,
} from './archive-record.js';
import { UNPLATED } from './plate.js';

const source = (over: Partial<ArchiveSource> = {}): ArchiveSource => ({
  companyName: ' 广州市天河区车档汽车维修有限公司 ',
  vin: 'lsja 24u62jg269225',
  plate: '粤A·12345',
  plateColor: 'blue',
  repairDate: '2026-11-20',
  settleDate: '2026-11-24',
  mileageKm: 45210,
  faultDescription: ' 定期保养，左前轮异响 ',
  settlementNo: 'JS20261124-0001',
  labour: [
    { item: '更换机油机滤', hoursTenths: 5 },
    { item: '检查左前轮轴承', hoursTenths: 25 },
  ],
  parts: [
    { name: '机油 5W-30', code: 'OIL-5W30-4L', quantityHundredths: 400 },
    { name: '机油滤清器', code: '15400-RTA-003', quantityHundredths: 100 },
  ],
  ...over,
});

const CTX = { today: '20261124' };

/** A valid built record, for mutation by the validator tests. */
const record = (over: (r: ArchiveRecord) => void = () => {}): ArchiveRecord => {
  const r = buildArchiveRecord(source());
  over(r);
  return r;
};

const codes = (r: ArchiveRecord, ctx: { today: string; lastMileageKm?: number } = CTX) =>
  validateArchiveRecord(r, ctx).map((i) => `${i.field}:${i.code}`);

describe('buildArchiveRecord', () => {
  it('maps every field to the wire format', () => {
    expect(buildArchiveRecord(source())).toEqual({
      basicInfo: {
        vehicleplatenumber: '粤A12345',
        companyname: '广州市天河区车档汽车维修有限公司',
        vin: 'LSJA24U62JG269225',
        repairdate: '20261120',
        repairmileage: '45210',
        settledate: '20261124',
        faultdescription: '定期保养，左前轮异响',
        costlistcode: 'JS20261124-0001',
      },
      repairprojectlist: [
        { repairproject: '更换机油机滤', workinghours: '0.5' },
        { repairproject: '检查左前轮轴承', workinghours: '2.5' },
      ],
      vehiclepartslist: [
        { partsname: '机油 5W-30', partscode: 'OIL-5W30-4L', partsquantity: '4.00' },
        { partsname: '机油滤清器', partscode: '15400-RTA-003', partsquantity: '1.00' },
      ],
      vehicleplatecolor: '蓝',
    });
  });

  it('sends an explicitly unplated vehicle as 无牌 with no colour', () => {
    const r = buildArchiveRecord(source({ plate: null, plateColor: null }));
    expect(r.basicInfo.vehicleplatenumber).toBe(UNPLATED);
    expect(r.vehicleplatecolor).toBe('');
    expect(validateArchiveRecord(r, CTX)).toEqual([]);
  });

  it('never turns an empty plate into 无牌', () => {
    const r = buildArchiveRecord(source({ plate: '  ' }));
    expect(r.basicInfo.vehicleplatenumber).toBe('');
    expect(codes(r)).toEqual(['basicInfo.vehicleplatenumber:plate_length']);
  });

  it('uses the Chinese colour names', () => {
    expect(buildArchiveRecord(source({ plate: '粤BD12345', plateColor: 'gradient_green' })).vehicleplatecolor).toBe(
      '渐变绿',
    );
    expect(buildArchiveRecord(source({ plateColor: 'yellow_green' })).vehicleplatecolor).toBe('黄绿');
  });

  it('keeps labour-only jobs with an empty parts list', () => {
    const r = buildArchiveRecord(source({ parts: [] }));
    expect(r.vehiclepartslist).toEqual([]);
    expect(validateArchiveRecord(r, CTX)).toEqual([]);
  });

  it('never truncates long text, defaults a missing VIN or fixes a bad date', () => {
    const long = '很'.repeat(250);
    const r = buildArchiveRecord(
      source({ faultDescription: long, vin: '', repairDate: '2026-02-30', mileageKm: 12.5 }),
    );
    expect(r.basicInfo.faultdescription).toBe(long);
    expect(r.basicInfo.vin).toBe('');
    expect(r.basicInfo.repairdate).toBe('2026-02-30');
    expect(r.basicInfo.repairmileage).toBe('12.5');
    expect(codes(r)).toEqual([
      'basicInfo.vin:vin_length',
      'basicInfo.repairdate:repair_date_invalid',
      'basicInfo.repairmileage:mileage_invalid',
      'basicInfo.faultdescription:fault_description_too_long',
    ]);
  });

  it('refuses non-integer hours or quantities instead of misstating them', () => {
    expect(() => buildArchiveRecord(source({ labour: [{ item: '检查', hoursTenths: 2.5 }] }))).toThrow(RangeError);
    expect(() => buildArchiveRecord(source({ parts: [{ name: '机油', code: 'X', quantityHundredths: 0.5 }] }))).toThrow(
      RangeError,
    );
  });
});

describe('validateArchiveRecord', () => {
  it('exports the rules version', () => {
    expect(ARCHIVE_RULES_VERSION).toBe(1);
  });

  it('accepts a complete record', () => {
    expect(validateArchiveRecord(record(), CTX)).toEqual([]);
  });

  it('accepts settle date = repair date = today', () => {
    const r = record((r) => {
      r.basicInfo.repairdate = '20261124';
      r.basicInfo.settledate = '20261124';
    });
    expect(validateArchiveRecord(r, CTX)).toEqual([]);
  });

  it('rejects ctx.today that is not yyyyMMdd (a programming error)', () => {
    expect(() => validateArchiveRecord(record(), { today: '2026-11-24' })).toThrow(RangeError);
  });

  describe('plate', () => {
    it.each([
      ['粤I12345', 'plate_authority'],
      ['XX12345', 'plate_province'],
      ['粤B1234', 'plate_length'],
      ['粤B123456', 'plate_format'],
      ['粤B12345678', 'plate_length'],
      ['京A·12345', 'plate_format'], // not normalised on the wire
      ['粤b12345', 'plate_format'],
      ['无牌 ', 'plate_format'], // not exactly UNPLATED
    ])('%s → %s', (plate, code) => {
      expect(
        codes(
          record((r) => {
            r.basicInfo.vehicleplatenumber = plate;
          }),
        ),
      ).toEqual([`basicInfo.vehicleplatenumber:${code}`]);
    });

    it('accepts new-energy and special plates', () => {
      for (const p of ['粤BD12345', '粤B12345D', '粤B1234挂', UNPLATED]) {
        expect(
          codes(
            record((r) => {
              r.basicInfo.vehicleplatenumber = p;
            }),
          ),
        ).toEqual([]);
      }
    });

    it('checks the plate colour name', () => {
      expect(
        codes(
          record((r) => {
            r.vehicleplatecolor = 'blue';
          }),
        ),
      ).toEqual(['vehicleplatecolor:plate_color_invalid']);
      expect(
        codes(
          record((r) => {
            r.vehicleplatecolor = '黄';
          }),
        ),
      ).toEqual([]);
    });
  });

  describe('company name', () => {
    it('is required', () => {
      const [i] = validateArchiveRecord(
        record((r) => {
          r.basicInfo.companyname = ' ';
        }),
        CTX,
      );
      expect(i).toMatchObject({ code: 'company_name_required', field: 'basicInfo.companyname', severity: 'error' });
      expect(i?.message.zh).toContain('设置 → 店铺资料');
    });

    it('allows 100 characters, not 101', () => {
      expect(
        codes(
          record((r) => {
            r.basicInfo.companyname = '车'.repeat(100);
          }),
        ),
      ).toEqual([]);
      const issues = validateArchiveRecord(
        record((r) => {
          r.basicInfo.companyname = '车'.repeat(101);
        }),
        CTX,
      );
      expect(issues.map((i) => i.code)).toEqual(['company_name_too_long']);
      expect(issues[0]?.message.zh).toBe('维修企业名称最多100个字，当前101个字；请精简（系统不会自动截断）');
    });

    it('counts characters, not UTF-16 units', () => {
      // 𠀀 is outside the BMP: two UTF-16 units, one character.
      expect(
        codes(
          record((r) => {
            r.basicInfo.companyname = '𠀀'.repeat(100);
          }),
        ),
      ).toEqual([]);
    });
  });

  describe('VIN', () => {
    it.each([
      ['', 'vin_length'],
      ['LSJA24U62JG26922', 'vin_length'],
      ['LSJA24U62JG2692O5', 'vin_characters'],
      ['lsja24u62jg269225', 'vin_characters'], // not normalised on the wire
      ['LSJA24U62 JG269225', 'vin_characters'],
    ])('%j → %s', (vin, code) => {
      expect(
        codes(
          record((r) => {
            r.basicInfo.vin = vin;
          }),
        ),
      ).toEqual([`basicInfo.vin:${code}`]);
    });

    it('only warns on a check-digit mismatch', () => {
      const issues = validateArchiveRecord(
        record((r) => {
          r.basicInfo.vin = 'LSJA24U63JG269225';
        }),
        CTX,
      );
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ code: 'vin_check_digit', severity: 'warning', field: 'basicInfo.vin' });
    });
  });

  describe('dates', () => {
    const dated = (repair: string, settle: string) =>
      record((r) => {
        r.basicInfo.repairdate = repair;
        r.basicInfo.settledate = settle;
      });

    it.each([
      ['20260230', '20261124', ['basicInfo.repairdate:repair_date_invalid']],
      ['2026-11-20', '20261124', ['basicInfo.repairdate:repair_date_invalid']],
      ['', '20261124', ['basicInfo.repairdate:repair_date_invalid']],
      ['20261120', '20261131', ['basicInfo.settledate:settle_date_invalid']],
      ['20261123', '20261122', ['basicInfo.settledate:settle_date_before_repair_date']],
      ['20261120', '20261125', ['basicInfo.settledate:settle_date_in_future']],
      [
        '20270101',
        '20261231',
        [
          'basicInfo.repairdate:repair_date_in_future',
          'basicInfo.settledate:settle_date_in_future',
          'basicInfo.settledate:settle_date_before_repair_date',
        ],
      ],
      [
        '20280229',
        '20280301',
        ['basicInfo.repairdate:repair_date_in_future', 'basicInfo.settledate:settle_date_in_future'],
      ],
      ['20240229', '20240301', []],
    ])('repair %s, settle %s', (repair, settle, expected) => {
      expect(codes(dated(repair, settle))).toEqual(expected);
    });

    it('names both dates in the message', () => {
      const [i] = validateArchiveRecord(dated('20261123', '20261122'), CTX);
      expect(i?.message.zh).toBe('结算日期 2026-11-22 早于送修日期 2026-11-23；请核对两个日期');
    });
  });

  describe('mileage', () => {
    const miles = (m: string) =>
      record((r) => {
        r.basicInfo.repairmileage = m;
      });

    it.each(['0', '1', '45210', '99999999'])('accepts %s', (m) => {
      expect(codes(miles(m))).toEqual([]);
    });

    it.each([
      ['', 'mileage_invalid'],
      ['12.5', 'mileage_invalid'],
      ['-1', 'mileage_invalid'],
      ['045210', 'mileage_invalid'],
      ['4.5万', 'mileage_invalid'],
      ['NaN', 'mileage_invalid'],
      ['1e+21', 'mileage_invalid'],
      ['100000000', 'mileage_out_of_range'],
      ['99999999999999999999999', 'mileage_out_of_range'],
    ])('%j → %s', (m, code) => {
      expect(codes(miles(m))).toEqual([`basicInfo.repairmileage:${code}`]);
    });

    it('warns when lower than the last recorded mileage', () => {
      const issues = validateArchiveRecord(miles('45210'), { ...CTX, lastMileageKm: 50000 });
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({
        code: 'mileage_rollback',
        severity: 'warning',
        field: 'basicInfo.repairmileage',
      });
      expect(issues[0]?.message.zh).toContain('送修里程 45210 公里低于该车上次记录的 50000 公里');
    });

    it('does not warn at or above the last mileage', () => {
      expect(codes(miles('50000'), { ...CTX, lastMileageKm: 50000 })).toEqual([]);
      expect(codes(miles('50001'), { ...CTX, lastMileageKm: 50000 })).toEqual([]);
    });
  });

  describe('fault description and settlement number', () => {
    it.each([
      ['faultdescription', '', 'fault_description_required'],
      ['faultdescription', '修'.repeat(201), 'fault_description_too_long'],
      ['costlistcode', '', 'cost_list_code_required'],
      ['costlistcode', 'J'.repeat(51), 'cost_list_code_too_long'],
    ] as const)('%s %j → %s', (key, value, code) => {
      expect(
        codes(
          record((r) => {
            r.basicInfo[key] = value;
          }),
        ),
      ).toEqual([`basicInfo.${key}:${code}`]);
    });

    it('accepts the maximum lengths', () => {
      const r = record((r) => {
        r.basicInfo.faultdescription = '修'.repeat(200);
        r.basicInfo.costlistcode = 'J'.repeat(50);
      });
      expect(codes(r)).toEqual([]);
    });
  });

  describe('repair projects', () => {
    it('requires at least one', () => {
      const issues = validateArchiveRecord(
        record((r) => {
          r.repairprojectlist = [];
        }),
        CTX,
      );
      expect(issues.map((i) => `${i.field}:${i.code}`)).toEqual(['repairprojectlist:repair_projects_required']);
      expect(issues[0]?.message.zh).toContain('至少需要一个维修项目');
    });

    it.each([
      ['', '1.0', 'repairproject:repair_project_required'],
      ['项'.repeat(201), '1.0', 'repairproject:repair_project_too_long'],
      ['项'.repeat(200), '1.0', undefined],
      ['更换刹车片', '2', 'workinghours:working_hours_format'],
      ['更换刹车片', '2.50', 'workinghours:working_hours_format'],
      ['更换刹车片', '.5', 'workinghours:working_hours_format'],
      ['更换刹车片', '-1.0', 'workinghours:working_hours_format'],
      ['更换刹车片', '350.00', 'workinghours:working_hours_format'], // a price sent as hours
      ['更换刹车片', '0.0', 'workinghours:working_hours_not_positive'],
      ['更换刹车片', '12.5', undefined],
    ])('%j / %j → %s', (project, hours, expected) => {
      const r = record((r) => {
        r.repairprojectlist[1] = { repairproject: project, workinghours: hours };
      });
      expect(codes(r)).toEqual(expected === undefined ? [] : [`repairprojectlist[1].${expected}`]);
    });

    it('numbers the item in the message', () => {
      const [i] = validateArchiveRecord(
        record((r) => {
          r.repairprojectlist[1] = { repairproject: '换胎', workinghours: '0.0' };
        }),
        CTX,
      );
      expect(i?.message.zh).toContain('第2个维修项目');
      expect(i?.message.en).toContain('Repair item 2');
    });
  });

  describe('parts', () => {
    it.each([
      [{ partsname: '', partscode: 'A1', partsquantity: '1.00' }, ['partsname:parts_name_required']],
      [{ partsname: '件'.repeat(51), partscode: 'A1', partsquantity: '1.00' }, ['partsname:parts_name_too_long']],
      [{ partsname: '件'.repeat(50), partscode: 'A'.repeat(50), partsquantity: '1.00' }, []],
      [{ partsname: '刹车片', partscode: ' ', partsquantity: '1.00' }, ['partscode:parts_code_required']],
      [{ partsname: '刹车片', partscode: 'A'.repeat(51), partsquantity: '1.00' }, ['partscode:parts_code_too_long']],
      [{ partsname: '刹车片', partscode: 'A1', partsquantity: '1' }, ['partsquantity:parts_quantity_format']],
      [{ partsname: '刹车片', partscode: 'A1', partsquantity: '1.5' }, ['partsquantity:parts_quantity_format']],
      [{ partsname: '刹车片', partscode: 'A1', partsquantity: '-1.00' }, ['partsquantity:parts_quantity_format']],
      [{ partsname: '刹车片', partscode: 'A1', partsquantity: '0.00' }, ['partsquantity:parts_quantity_not_positive']],
      [{ partsname: '机油', partscode: 'A1', partsquantity: '0.25' }, []],
      [
        { partsname: '', partscode: '', partsquantity: '' },
        ['partsname:parts_name_required', 'partscode:parts_code_required', 'partsquantity:parts_quantity_format'],
      ],
    ])('%j → %j', (part, expected) => {
      const r = record((r) => {
        r.vehiclepartslist[0] = part;
      });
      expect(codes(r)).toEqual(expected.map((e) => `vehiclepartslist[0].${e}`));
    });
  });

  it('reports every problem of a bad record, in field order, all bilingual', () => {
    const r: ArchiveRecord = {
      basicInfo: {
        vehicleplatenumber: '粤I12345',
        companyname: '',
        vin: 'LSJA24U62JG26922',
        repairdate: '20261125',
        repairmileage: 'abc',
        settledate: '20261124',
        faultdescription: '',
        costlistcode: '',
      },
      repairprojectlist: [{ repairproject: '', workinghours: '100' }],
      vehiclepartslist: [{ partsname: '', partscode: '', partsquantity: '0.00' }],
      vehicleplatecolor: '紫',
    };
    const issues = validateArchiveRecord(r, CTX);
    expect(issues.map((i) => `${i.field}:${i.code}`)).toEqual([
      'basicInfo.vehicleplatenumber:plate_authority',
      'basicInfo.companyname:company_name_required',
      'basicInfo.vin:vin_length',
      'basicInfo.repairdate:repair_date_in_future',
      'basicInfo.settledate:settle_date_before_repair_date',
      'basicInfo.repairmileage:mileage_invalid',
      'basicInfo.faultdescription:fault_description_required',
      'basicInfo.costlistcode:cost_list_code_required',
      'repairprojectlist[0].repairproject:repair_project_required',
      'repairprojectlist[0].workinghours:working_hours_format',
      'vehiclepartslist[0].partsname:parts_name_required',
      'vehiclepartslist[0].partscode:parts_code_required',
      'vehiclepartslist[0].partsquantity:parts_quantity_not_positive',
      'vehicleplatecolor:plate_color_invalid',
    ]);
    for (const i of issues) {
      expect(i.severity).toBe('error');
      expect(i.code).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(i.message.zh).toMatch(/[\u4e00-\u9fff]/);
      // The English message is English: Chinese punctuation would mean a zh sentence leaked into it.
      expect(i.message.en).toMatch(/^[A-Z]/);
      expect(i.message.en).not.toMatch(/[；，。：]/);
    }
  });
});

/**
 * Foshan's GET form (docs/archive-protocol.md): the whole request is one query parameter holding
 * `encodeURIComponent` of a JSON document; the upload's body is flat (the eight basic fields, then
 * `vehicleplatecolor`, then the two lists). Replies are lcippro-style, at the top level.
 */
import type { ArchiveRecord } from '../../../../shared/domain/archive-record.js';
import { type Issue, issue } from '../../../../shared/domain/issue.js';
import { basicInfo, chinaStamp, getUrl, parseTopLevel, repairProjects, trimBase, vehicleParts } from './common.js';
import type { PlatformAccount, PlatformAdapter, WireRequest } from './types.js';

const getJson = (url: string, param: string, doc: unknown): WireRequest =>
  getUrl(`${url}?${param}=${encodeURIComponent(JSON.stringify(doc))}`);

/**
 * Foshan requires the plate colour and we never guess it: a record without one is held locally with
 * a message the clerk can act on (docs: "held locally for this family rather than sent with a
 * guessed one"). Other values are checked for every family by validateArchiveRecord.
 */
const localChecks = (record: ArchiveRecord): Issue[] =>
  record.vehicleplatecolor === ''
    ? [
        issue(
          'plate_color_required',
          '佛山档案平台要求填写车牌颜色；请在车辆资料中设置车牌颜色（蓝、黄、绿、渐变绿、黄绿、白、黑）后再上传',
          'The Foshan archive requires the plate colour. Set the vehicle’s plate colour (blue, yellow, green, gradient green, yellow-green, white, black) and upload again',
          'vehicleplatecolor',
        ),
      ]
    : [];

export const foshan: PlatformAdapter = {
  id: 'foshan',
  label: { zh: '佛山 GET 表单接口', en: 'Foshan GET form' },
  tokenRequest: (account: PlatformAccount, stampMs: number): WireRequest =>
    getJson(`${trimBase(account.baseUrl)}/getAccessToken.ashx`, 'companydata', {
      header: chinaStamp(stampMs),
      body: { companycode: account.companyCode, companypassword: account.password },
    }),
  parseToken: parseTopLevel,
  uploadRequest: (account: PlatformAccount, token: string, record: ArchiveRecord, stampMs: number): WireRequest =>
    getJson(`${trimBase(account.baseUrl)}/upRepairInfo.ashx`, 'repairdata', {
      access_token: token,
      header: chinaStamp(stampMs),
      body: {
        ...basicInfo(record),
        vehicleplatecolor: record.vehicleplatecolor,
        vehiclepartslist: vehicleParts(record),
        repairprojectlist: repairProjects(record),
      },
    }),
  parseUpload: parseTopLevel,
  localChecks,
};

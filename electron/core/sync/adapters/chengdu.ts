/**
 * Chengdu's transaction wrapper (docs/archive-protocol.md): every request is
 * `{"transaction":{"header":{date,time},"body":{"reqInfo":{…}}}}` with the header stamped with the
 * platform's own clock (read from `GET {base}/time`), and every reply is `{"respInfo":{…}}`.
 */
import type { ArchiveRecord } from '../../../../shared/domain/archive-record.js';
import {
  basicInfo,
  chinaStamp,
  getUrl,
  parseRespInfo,
  parseTimeReply,
  postJson,
  repairProjects,
  trimBase,
  vehicleParts,
} from './common.js';
import type { PlatformAccount, PlatformAdapter, WireRequest } from './types.js';

const wrap = (url: string, stampMs: number, reqInfo: unknown): WireRequest =>
  postJson(url, { transaction: { header: chinaStamp(stampMs), body: { reqInfo } } });

export const chengdu: PlatformAdapter = {
  id: 'chengdu',
  label: { zh: '成都 transaction 包装接口', en: 'Chengdu transaction wrapper' },
  timeRequest: (account: PlatformAccount): WireRequest => getUrl(`${trimBase(account.baseUrl)}/time`),
  parseTime: parseTimeReply,
  tokenRequest: (account: PlatformAccount, stampMs: number): WireRequest =>
    wrap(`${trimBase(account.baseUrl)}/carhealth/token`, stampMs, {
      companycode: account.companyCode,
      companypassword: account.password,
    }),
  parseToken: parseRespInfo,
  uploadRequest: (account: PlatformAccount, token: string, record: ArchiveRecord, stampMs: number): WireRequest =>
    wrap(`${trimBase(account.baseUrl)}/carhealth/record`, stampMs, {
      access_token: token,
      basicInfo: basicInfo(record),
      vehiclepartslist: vehicleParts(record),
      repairprojectlist: repairProjects(record),
    }),
  parseUpload: parseRespInfo,
  localChecks: () => [],
};

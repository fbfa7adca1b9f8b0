/**
 * The common "lcippro" REST protocol (archive-interface.md §3, docs/archive-protocol.md): POST JSON
 * to `…/restservices/lcipprodatarest/<call>/query`. Two field variants exist: the record's blocks
 * as JSON objects/arrays (Shanghai, Tuhu clients) or each block as the JSON text of itself (official
 * wiki sample, Hangzhou client). Neither sends `vehicleplatecolor`.
 */
import type { ArchiveRecord } from '../../../../shared/domain/archive-record.js';
import { basicInfo, parseTopLevel, postJson, repairProjects, trimBase, vehicleParts } from './common.js';
import type { PlatformAccount, PlatformAdapter, WireRequest } from './types.js';

const PATH = '/restservices/lcipprodatarest';

export const LCIPPRO_TOKEN_PATH = `${PATH}/lcipprogetaccesstoken/query`;
export const LCIPPRO_UPLOAD_PATH = `${PATH}/lcipprocarfixrecordadd/query`;

const tokenRequest = (account: PlatformAccount): WireRequest =>
  postJson(`${trimBase(account.baseUrl)}${LCIPPRO_TOKEN_PATH}`, {
    companycode: account.companyCode,
    companypassword: account.password,
  });

/** `encode` turns each block into what goes on the wire: itself (nested) or its JSON text (stringified). */
const uploadRequest =
  (encode: (block: unknown) => unknown) =>
  (account: PlatformAccount, token: string, record: ArchiveRecord): WireRequest =>
    postJson(`${trimBase(account.baseUrl)}${LCIPPRO_UPLOAD_PATH}`, {
      access_token: token,
      basicInfo: encode(basicInfo(record)),
      vehiclepartslist: encode(vehicleParts(record)),
      repairprojectlist: encode(repairProjects(record)),
    });

/** The stamp is unused: lcippro requests carry no time header. */
const common = {
  tokenRequest,
  parseToken: parseTopLevel,
  parseUpload: parseTopLevel,
  localChecks: () => [],
} satisfies Partial<PlatformAdapter>;

export const lcipproNested: PlatformAdapter = {
  id: 'lcippro-nested',
  label: { zh: 'lcippro 标准接口（嵌套）', en: 'lcippro REST (nested blocks)' },
  ...common,
  uploadRequest: uploadRequest((block) => block),
};

export const lcipproStringified: PlatformAdapter = {
  id: 'lcippro-stringified',
  label: { zh: 'lcippro 标准接口（字符串化）', en: 'lcippro REST (stringified blocks)' },
  ...common,
  uploadRequest: uploadRequest((block) => JSON.stringify(block)),
};

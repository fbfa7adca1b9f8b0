/**
 * Where an issue of an archive record points: the record's wire path (`basicInfo.vin`,
 * `repairprojectlist[1].workinghours`) as a locale key and line number, and the screen where the clerk
 * fixes it. Requeue rebuilds the record from the frozen order with today's vehicle and shop data, so
 * vehicle fields are fixed on the vehicle (reached from its order) and the company name in Settings.
 */
import type { Issue } from '../../../shared/domain/issue.js';

export interface IssueTarget {
  /** Key under `archive:fields` (underscores, no indices), or null when the issue names no field. */
  key: string | null;
  /** 1-based line of a list field (维修项目 2), else null. */
  line: number | null;
  /** Route of the screen where it is fixed. */
  fixAt: string;
  /** Which screen, for the link text (`archive:fixAt.*`). */
  fixWhere: 'settings' | 'order';
}

export function issueTarget(issue: Issue, workOrderId: string): IssueTarget {
  const field = issue.field ?? '';
  const index = /\[(\d+)\]/.exec(field);
  const key = field ? field.replace(/\[\d+\]/g, '').replaceAll('.', '_') : null;
  const shopField = key === 'basicInfo_companyname';
  return {
    key,
    line: index ? Number(index[1]) + 1 : null,
    fixAt: shopField ? '/settings?tab=shop' : `/work-orders/${workOrderId}`,
    fixWhere: shopField ? 'settings' : 'order',
  };
}

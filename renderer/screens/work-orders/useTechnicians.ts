/**
 * Who can be put on a job: active users, technicians first (a manager who also turns spanners can be
 * chosen too). One query for reception, the order header and the labour lines.
 */
import { useMemo } from 'react';
import { ROLE_LABEL } from '../../../shared/domain/enums.js';
import { useCall } from '../../api/query.js';
import { pick } from '../../i18n/index.js';

export function useTechnicianOptions() {
  const { data } = useCall('users.list', {}, { staleTime: 300_000 });
  return useMemo(() => {
    const active = (data ?? []).filter((u) => u.active);
    const sorted = [...active.filter((u) => u.role === 'technician'), ...active.filter((u) => u.role !== 'technician')];
    return sorted.map((u) => ({
      value: u.id,
      label: u.role === 'technician' ? u.name : `${u.name} · ${pick(ROLE_LABEL[u.role])}`,
    }));
  }, [data]);
}

import { useEffect, useState } from 'react';
import type { UpdateStatus } from '../../../shared/api/bridge.js';

/** The shell's downloaded-update status, kept current; always `none` in a browser (no updater). */
export function useUpdateStatus(): UpdateStatus {
  const [status, setStatus] = useState<UpdateStatus>({ state: 'none' });
  useEffect(() => window.chedang?.onUpdate(setStatus), []);
  return status;
}

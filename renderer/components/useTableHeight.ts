/**
 * The body height of a list's table: what the window leaves below the page's header rows and above
 * the pager (`above` px), never under 240 px. A numeric height lets antd virtualise the rows, and the
 * page itself never scrolls — only the list does.
 */
import { useEffect, useState } from 'react';

export function useTableHeight(above: number): number {
  const [h, setH] = useState(() => Math.max(240, window.innerHeight - above));
  useEffect(() => {
    const onResize = () => setH(Math.max(240, window.innerHeight - above));
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, [above]);
  return h;
}

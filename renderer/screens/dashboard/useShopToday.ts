/**
 * Today's date in the shop's calendar ('YYYY-MM-DD'), from the shop's time zone — not the PC's — so
 * the dashboard's "today" is the same day the core files settlements under.
 */
import { useEffect, useState } from 'react';
import { DEFAULT_TIME_ZONE, localDate } from '../../../shared/domain/dates.js';
import { useCall } from '../../api/query.js';

export function useShopToday(): string {
  const { data: shop } = useCall('shop.get', {});
  const tz = shop?.timezone || DEFAULT_TIME_ZONE;
  const [now, setNow] = useState(() => Date.now());
  // The desk stays open overnight: re-read the clock every minute so "today" rolls over at midnight.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return localDate(now, tz);
}

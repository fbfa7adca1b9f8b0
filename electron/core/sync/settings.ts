/**
 * The shop's archive platform account (archive-interface.md §3: one account per platform): adapter,
 * base URL, company code and city, kept in the `settings` table. The password is NOT here — it lives
 * in the secret store (architecture.md, sync rule 5) under ARCHIVE_PASSWORD_SECRET.
 */
import { eq } from 'drizzle-orm';
import { cityByCode } from '../../../shared/domain/cities.js';
import type { Bilingual } from '../../../shared/domain/issue.js';
import type { Db } from '../db/open.js';
import { settings } from '../db/schema.js';
import { adapterFor } from './adapters/index.js';
import type { AdapterId } from './adapters/types.js';

export const ARCHIVE_SETTINGS_KEY = 'archive';
export const ARCHIVE_PASSWORD_SECRET = 'archive.password';

/** How the demo platform is named wherever it shows: the clerk must never mistake it for the city's. */
export const DEMO_LABEL: Bilingual = { zh: '演示平台', en: 'Demo platform' };

export interface ArchiveSettings {
  adapter: AdapterId;
  /** For the demo this is the loopback address of this run's demo archive. */
  baseUrl: string;
  companyCode: string;
  /** GB/T 2260 city code from the Guangdong list, or null outside it. */
  cityCode: string | null;
  /** The local reference archive started for newcomers (演示平台), not a city platform. */
  demo: boolean;
  configuredAt: number;
}

export const readArchiveSettings = (db: Db): ArchiveSettings | null => {
  const row = db.select().from(settings).where(eq(settings.key, ARCHIVE_SETTINGS_KEY)).get();
  return row ? (row.value as ArchiveSettings) : null;
};

export const writeArchiveSettings = (db: Db, value: ArchiveSettings, at: number): void => {
  db.insert(settings)
    .values({ key: ARCHIVE_SETTINGS_KEY, value, updatedAt: at })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: at } })
    .run();
};

/** What the clerk reads as the platform's name: 演示平台, or the city and the adapter family. */
export const platformLabel = (s: ArchiveSettings): Bilingual => {
  if (s.demo) return DEMO_LABEL;
  const family = adapterFor(s.adapter).label;
  const city = s.cityCode ? cityByCode(s.cityCode)?.name : undefined;
  return city ? { zh: `${city} · ${family.zh}`, en: `${city} · ${family.en}` } : family;
};

/** The ledger's `platform` column: which platform a request went to, readable in an export. */
export const ledgerPlatform = (s: ArchiveSettings): string =>
  s.demo ? `${DEMO_LABEL.zh} ${s.adapter}` : `${s.adapter} ${s.baseUrl}`;

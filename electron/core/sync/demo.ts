/**
 * 演示平台 — try the whole loop in one command. On a data folder with no archive platform configured,
 * `npm start` / `npm run serve` start the reference archive (archive/) on loopback with a demo shop
 * account and point the uploader at it, so a newcomer settles an order and watches it upload.
 * It is labelled 演示平台 wherever it shows, stops the moment a real city platform is saved, and is
 * never started by the packaged app (the shell passes --no-demo).
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { startArchiveServer } from '../../../archive/server.js';
import type { Actor, Core, Ctx } from '../context.js';
import { applyArchiveSettings } from '../services/archive.js';
import { ARCHIVE_PASSWORD_SECRET, DEMO_LABEL, readArchiveSettings } from './settings.js';

/** Guangzhou (440100) + a 9-digit serial: the 15-digit shape platforms issue [I]. */
export const DEMO_COMPANY_CODE = '440100900000001';
export const DEMO_CITY_CODE = '440100';

export interface DemoArchive {
  url: string;
  close(): Promise<void>;
}

/** Whether this start should run the demo: never configured, or the demo is what is configured. */
export const wantsDemo = (core: Core): boolean => {
  const s = readArchiveSettings(core.db);
  return s === null || s.demo;
};

export async function startDemoArchive(core: Core, owner: Actor, log: (m: string) => void): Promise<DemoArchive> {
  const server = await startArchiveServer({
    dataDir: path.join(core.dataDir, 'demo-archive'),
    port: 0,
    host: '127.0.0.1',
    log,
  });
  // A fresh password each run: nothing outside this process needs to know it.
  const password = randomBytes(18).toString('base64url');
  server.seedCompany({ companycode: DEMO_COMPANY_CODE, password, companyname: null, areacode: DEMO_CITY_CODE });
  await core.secrets.set(ARCHIVE_PASSWORD_SECRET, password);
  const ctx: Ctx = { core, actor: owner, method: 'archive.demo' };
  applyArchiveSettings(
    ctx,
    {
      adapter: 'lcippro-nested',
      baseUrl: server.url.replace(/\/+$/, ''),
      companyCode: DEMO_COMPANY_CODE,
      cityCode: DEMO_CITY_CODE,
      demo: true,
      configuredAt: core.clock.now(),
    },
    true,
  );
  log(
    `档案上传：${DEMO_LABEL.zh}（本机演示，不是城市平台）${server.url} / ${DEMO_LABEL.en} (local, not a city platform)`,
  );

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    stopWatching();
    await server.close();
  };
  // Saving a real platform turns the demo off at once.
  const stopWatching = core.events.on((e) => {
    if (!e.topics.includes('archive') || e.method === 'archive.demo') return;
    const s = readArchiveSettings(core.db);
    if (s && !s.demo) {
      log(`档案上传：已切换到正式平台，${DEMO_LABEL.zh}已关闭 / switched to a real platform; the demo is off`);
      void close();
    }
  });
  return { url: server.url, close };
}

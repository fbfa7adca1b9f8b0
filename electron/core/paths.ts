/**
 * Where the core finds what ships with it (migrations, the renderer) and where it keeps the shop's
 * data. Works from the source tree (tests, tsx), from dist/ (npm run serve) and, through
 * CHEDANG_RESOURCES, from a packaged app.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Walks up from this module until `rel` exists (source tree and dist/ differ in depth). */
const findUp = (rel: string): string | undefined => {
  let dir = here;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, rel);
    if (fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return undefined;
};

export const resolveMigrationsDir = (): string => {
  const fromEnv = process.env.CHEDANG_RESOURCES;
  if (fromEnv) return path.join(fromEnv, 'migrations');
  const found = findUp('resources/migrations');
  if (!found) throw new Error('resources/migrations not found next to the core');
  return found;
};

/** The built renderer (dist/renderer), if it has been built. */
export const resolveRendererDir = (): string | undefined => findUp('dist/renderer');

/** The OS's per-user application-data folder for Chedang. */
export const defaultDataDir = (): string => {
  const home = os.homedir();
  if (process.platform === 'win32')
    return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Chedang');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Chedang');
  return path.join(process.env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'chedang');
};

/**
 * Pinyin keys for search: 张三 → initials `zs`, full `zhangsan`. pinyin-pro is used for its
 * surname-aware readings (单 → shan as a surname) — hand-written tables get those wrong.
 */
import { pinyin } from 'pinyin-pro';

const clean = (parts: string[]) =>
  parts
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

export const pinyinKeys = (name: string, isPerson: boolean): { initials: string; pinyin: string } => {
  const opts = { toneType: 'none', type: 'array', nonZh: 'consecutive', surname: isPerson ? 'head' : 'off' } as const;
  return {
    initials: clean(pinyin(name, { ...opts, pattern: 'first' })),
    pinyin: clean(pinyin(name, opts)),
  };
};

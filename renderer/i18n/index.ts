/**
 * i18n: zh-CN by default, English second (front-desk.md). One namespace per screen, each in its own
 * file under locales/, so a screen's words live next to nothing else's. Components use
 * `useTranslation('<screen>')`; nothing user-visible is hard-coded in a component.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Bilingual } from '../../shared/domain/issue.js';
import { access } from './locales/access.js';
import { archive } from './locales/archive.js';
import { backup } from './locales/backup.js';
import { common } from './locales/common.js';
import { customers } from './locales/customers.js';
import { dashboard } from './locales/dashboard.js';
import { parts } from './locales/parts.js';
import { print } from './locales/print.js';
import { reception } from './locales/reception.js';
import { reports } from './locales/reports.js';
import { settings } from './locales/settings.js';
import { technician } from './locales/technician.js';
import { vehicles } from './locales/vehicles.js';
import { workOrders } from './locales/workOrders.js';

const NAMESPACES = {
  common,
  dashboard,
  reception,
  workOrders,
  vehicles,
  customers,
  parts,
  archive,
  reports,
  settings,
  backup,
  technician,
  print,
  access,
};

export type Lang = 'zh' | 'en';
const LANG_KEY = 'chedang.lang';

const resources = {
  'zh-CN': Object.fromEntries(Object.entries(NAMESPACES).map(([ns, v]) => [ns, v.zh])),
  en: Object.fromEntries(Object.entries(NAMESPACES).map(([ns, v]) => [ns, v.en])),
};

const saved = typeof localStorage !== 'undefined' ? localStorage.getItem(LANG_KEY) : null;

void i18n.use(initReactI18next).init({
  resources,
  lng: saved === 'en' ? 'en' : 'zh-CN',
  fallbackLng: 'zh-CN',
  defaultNS: 'common',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export const currentLang = (): Lang => (i18n.language === 'en' ? 'en' : 'zh');

export const setLang = (lang: Lang): void => {
  localStorage.setItem(LANG_KEY, lang);
  void i18n.changeLanguage(lang === 'en' ? 'en' : 'zh-CN');
};

/** A bilingual text from the core (errors, labels) in the clerk's language. */
export const pick = (b: Bilingual | undefined | null): string => (b ? b[currentLang()] : '');

export { i18n };

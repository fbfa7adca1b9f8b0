/** Strings of the settings screen(s). */
export const settings = {
  zh: {},
  en: {},
};

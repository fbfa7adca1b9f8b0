/** Strings of the archive screen(s). */
export const archive = {
  zh: {},
  en: {},
};

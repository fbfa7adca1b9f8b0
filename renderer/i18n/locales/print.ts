/** Strings of the print screen(s). */
export const print = {
  zh: {},
  en: {},
};

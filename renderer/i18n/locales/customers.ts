/** Strings of the customers screen(s). */
export const customers = {
  zh: {},
  en: {},
};

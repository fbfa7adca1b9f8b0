/** Strings of the vehicles screen(s). */
export const vehicles = {
  zh: {},
  en: {},
};

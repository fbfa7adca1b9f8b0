/** Strings of the technician screen(s). */
export const technician = {
  zh: {},
  en: {},
};

/** Strings of the dashboard screen(s). */
export const dashboard = {
  zh: {},
  en: {},
};

/** Strings of the reports screen(s). */
export const reports = {
  zh: {},
  en: {},
};

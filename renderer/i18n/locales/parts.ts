/** Strings of the parts screen(s). */
export const parts = {
  zh: {},
  en: {},
};

/** Strings of the reception screen(s). */
export const reception = {
  zh: {},
  en: {},
};

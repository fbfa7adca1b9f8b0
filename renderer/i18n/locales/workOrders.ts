/** Strings of the workOrders screen(s). */
export const workOrders = {
  zh: {},
  en: {},
};

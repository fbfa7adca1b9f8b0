/** 客户 (front-desk.md §5): search, detail with vehicles and visits, merge duplicates. */
export { CustomerDetail } from './CustomerDetail.js';
export { CustomerList as CustomersScreen } from './CustomerList.js';

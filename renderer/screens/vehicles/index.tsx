/** 车辆档案 (front-desk.md §4): the searchable list and one vehicle's health record. */
export { VehicleDetail } from './VehicleDetail.js';
export { VehicleList as VehiclesScreen } from './VehicleList.js';

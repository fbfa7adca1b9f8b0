/** Every screen and its address. Paths are stable: prints and links point at them. */
import type { ComponentType } from 'react';
import { ArchiveScreen } from '../screens/archive/index.js';
import { CustomerDetail, CustomersScreen } from '../screens/customers/index.js';
import { DashboardScreen } from '../screens/dashboard/index.js';
import { PartsScreen } from '../screens/parts/index.js';
import { PrintScreen } from '../screens/print/index.js';
import { ReceptionScreen } from '../screens/reception/index.js';
import { ReportsScreen } from '../screens/reports/index.js';
import { SettingsScreen } from '../screens/settings/index.js';
import { TechnicianScreen } from '../screens/technician/index.js';
import { VehicleDetail, VehiclesScreen } from '../screens/vehicles/index.js';
import { WorkOrderDetail, WorkOrdersScreen } from '../screens/work-orders/index.js';

export interface RouteDef {
  path: string;
  Component: ComponentType;
  /** Menu key (common:nav.*) for top-level screens. */
  nav?: string;
}

/** Inside the main layout (menu, search, status bar). */
export const APP_ROUTES: RouteDef[] = [
  { path: '/', Component: DashboardScreen, nav: 'dashboard' },
  { path: '/reception', Component: ReceptionScreen, nav: 'reception' },
  { path: '/work-orders', Component: WorkOrdersScreen, nav: 'workOrders' },
  { path: '/work-orders/:id', Component: WorkOrderDetail },
  { path: '/vehicles', Component: VehiclesScreen, nav: 'vehicles' },
  { path: '/vehicles/:id', Component: VehicleDetail },
  { path: '/customers', Component: CustomersScreen, nav: 'customers' },
  { path: '/customers/:id', Component: CustomerDetail },
  { path: '/parts', Component: PartsScreen, nav: 'parts' },
  { path: '/archive', Component: ArchiveScreen, nav: 'archive' },
  { path: '/reports', Component: ReportsScreen, nav: 'reports' },
  { path: '/settings', Component: SettingsScreen, nav: 'settings' },
];

/** Full-window pages without the desk's chrome: the phone view and print layouts. */
export const BARE_ROUTES: RouteDef[] = [
  { path: '/tech', Component: TechnicianScreen },
  { path: '/print/:doc/:id', Component: PrintScreen },
];

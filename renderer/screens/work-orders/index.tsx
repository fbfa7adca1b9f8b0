/** Placeholder until the screen is built. */

import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page.js';

export function WorkOrdersScreen() {
  const { t } = useTranslation();
  return <Page title={t('nav.workOrders')}>{null}</Page>;
}

export function WorkOrderDetail() {
  const { t } = useTranslation();
  return <Page title={t('nav.workOrders')}>{null}</Page>;
}

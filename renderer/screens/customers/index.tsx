/** Placeholder until the screen is built. */

import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page.js';

export function CustomersScreen() {
  const { t } = useTranslation();
  return <Page title={t('nav.customers')}>{null}</Page>;
}

export function CustomerDetail() {
  const { t } = useTranslation();
  return <Page title={t('nav.customers')}>{null}</Page>;
}

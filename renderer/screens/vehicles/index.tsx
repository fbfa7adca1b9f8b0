/** Placeholder until the screen is built. */

import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page.js';

export function VehiclesScreen() {
  const { t } = useTranslation();
  return <Page title={t('nav.vehicles')}>{null}</Page>;
}

export function VehicleDetail() {
  const { t } = useTranslation();
  return <Page title={t('nav.vehicles')}>{null}</Page>;
}

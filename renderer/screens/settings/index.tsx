/** Placeholder until the screen is built. */

import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page.js';

export function SettingsScreen() {
  const { t } = useTranslation();
  return <Page title={t('nav.settings')}>{null}</Page>;
}

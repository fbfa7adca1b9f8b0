/** Placeholder until the screen is built. */

import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page.js';

export function PartsScreen() {
  const { t } = useTranslation();
  return <Page title={t('nav.parts')}>{null}</Page>;
}

/**
 * This PC's preferences: the print layout (A4 or 241 mm continuous paper) and the language. Both are
 * per PC, not per shop, so they live in localStorage and change at once — no save button.
 */
import { Card, Flex, message, Radio, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLang, setLang } from '../../i18n/index.js';
import { type PrintLayout, readPrintLayout, writePrintLayout } from './printLayout.js';

export function Preferences() {
  const { t } = useTranslation('settings');
  const [layout, setLayout] = useState<PrintLayout>(readPrintLayout);
  const [msg, msgHolder] = message.useMessage();
  return (
    <Flex vertical gap={16} style={{ maxWidth: 720 }}>
      {msgHolder}
      <Card size="small" title={t('prefs.printTitle')}>
        <Radio.Group
          value={layout}
          onChange={(e) => {
            const next = e.target.value as PrintLayout;
            writePrintLayout(next);
            setLayout(next);
            void msg.success(t('prefs.printSaved'));
          }}
          data-testid="settings-print-layout"
        >
          <Flex vertical gap={8}>
            <Radio value="A4" data-testid="settings-print-a4">
              {t('prefs.a4')}
            </Radio>
            <Radio value="241mm" data-testid="settings-print-241">
              {t('prefs.dotMatrix')}
            </Radio>
          </Flex>
        </Radio.Group>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('prefs.printHint')}
        </Typography.Paragraph>
      </Card>
      <Card size="small" title={t('prefs.langTitle')}>
        <Radio.Group
          value={currentLang()}
          onChange={(e) => setLang(e.target.value as 'zh' | 'en')}
          optionType="button"
          data-testid="settings-language"
          options={[
            { value: 'zh', label: t('common:lang.zh') },
            { value: 'en', label: t('common:lang.en') },
          ]}
        />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('prefs.langHint')}
        </Typography.Paragraph>
      </Card>
    </Flex>
  );
}

/** The print page's toolbar (UI language, never printed): back, paper, print, and PDF in the app. */
import { ArrowLeftOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Segmented, Tooltip } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { LAYOUTS, type PrintLayout } from './layout.js';

export function Toolbar({
  title,
  layout,
  onLayout,
  onBack,
  onPrint,
  onPdf,
  busy,
  ready,
}: {
  title: string;
  layout: PrintLayout;
  onLayout: (l: PrintLayout) => void;
  onBack: () => void;
  onPrint: () => void;
  /** Only in the app (the browser saves PDF from its print dialog). */
  onPdf?: (() => void) | undefined;
  busy: boolean;
  ready: boolean;
}) {
  const { t } = useTranslation('print');
  // Keyboard first: once the sheet is in, Enter prints.
  const printRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (ready) printRef.current?.focus();
  }, [ready]);
  return (
    <div className="pr-toolbar no-print" data-testid="print-toolbar">
      <Button icon={<ArrowLeftOutlined />} onClick={onBack} data-testid="print-back">
        {t('toolbar.back')}
      </Button>
      <span className="pr-toolbar-title">{title}</span>
      <span>{t('toolbar.layout')}</span>
      <Tooltip title={t('toolbar.layoutHint')}>
        <Segmented<PrintLayout>
          data-testid="print-layout"
          value={layout}
          onChange={onLayout}
          options={LAYOUTS.map((l) => ({ value: l, label: t(l === 'A4' ? 'toolbar.a4' : 'toolbar.f241') }))}
        />
      </Tooltip>
      <Button
        type="primary"
        icon={<PrinterOutlined />}
        onClick={onPrint}
        disabled={!ready}
        loading={busy}
        ref={printRef}
        data-testid="print-print"
      >
        {t('toolbar.print')}
      </Button>
      {onPdf ? (
        <Button icon={<FilePdfOutlined />} onClick={onPdf} disabled={!ready || busy} data-testid="print-pdf">
          {t('toolbar.pdf')}
        </Button>
      ) : null}
      <span className="pr-toolbar-hint">{t('toolbar.shortcut')}</span>
    </div>
  );
}

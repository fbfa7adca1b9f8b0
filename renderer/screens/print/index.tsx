/**
 * /print/:doc/:id — a full-window print page: the toolbar (UI language, hidden in print) over the
 * sheet drawn at paper size. Documents: `settlement` and `reception` take a work-order id, `health`
 * a vehicle id. Query string: `?layout=A4|241mm` overrides the saved paper for this page, and
 * `?autoprint=1` opens the print dialog once the data is in (for "settle and print" flows).
 * Printing: in the app the shell's dialog (window.chedang.print, with the paper size), in a browser
 * window.print(); the @page rule in styles.tsx sets the paper either way.
 */
import { Alert, App, Spin } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useCall } from '../../api/query.js';
import { ErrorAlert } from '../../components/errors.js';
import { HealthRecord } from './HealthRecord.js';
import { canExportPdf, exportPdf, printPage, usePrintLayout } from './layout.js';
import { ReceptionSheet } from './ReceptionSheet.js';
import { SettlementSheet } from './SettlementSheet.js';
import { PrintStyles } from './styles.js';
import { Toolbar } from './Toolbar.js';

const DOCS = ['settlement', 'reception', 'health'] as const;
type Doc = (typeof DOCS)[number];
const isDoc = (x: string | undefined): x is Doc => DOCS.includes(x as Doc);

export function PrintScreen() {
  const { t } = useTranslation('print');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const params = useParams();
  const [search] = useSearchParams();
  const [layout, setLayout] = usePrintLayout(search.get('layout'));
  const [busy, setBusy] = useState(false);
  const doc = isDoc(params.doc) ? params.doc : null;
  const id = params.id ?? '';

  const order = useCall('workOrders.get', { id }, { enabled: doc === 'settlement' || doc === 'reception' });
  const history = useCall('vehicles.history', { id }, { enabled: doc === 'health' });
  const shop = useCall('shop.get', {}, { enabled: doc !== null });
  const main = doc === 'health' ? history : order;
  const ready = doc !== null && main.isSuccess && shop.isSuccess;

  const back = useCallback(() => {
    if (window.history.length > 1) navigate(-1);
    else navigate(doc === 'health' ? `/vehicles/${id}` : `/work-orders/${id}`);
  }, [navigate, doc, id]);

  // Printed at the top of pages 2+ (the paper's words: Chinese); also the page title and PDF name.
  const runningHead = (() => {
    if (doc === 'health') {
      const v = history.data?.vehicle;
      return `${t('sheet.doc.health')} ${v?.plate ?? v?.vin ?? ''}`;
    }
    const o = order.data?.order;
    if (!o) return '';
    if (doc === 'reception') return `${t('sheet.doc.reception')} ${o.number}`;
    return o.status === 'settled' || o.status === 'reversed'
      ? `${t('sheet.doc.settlement')} ${o.settlementNo ?? ''}`
      : `${t('sheet.doc.settlementDraft')} ${o.number}`;
  })();

  const fileBase = runningHead.trim().replace(/\s+/g, '-') || id;

  const doPrint = useCallback(async () => {
    if (!ready || busy) return;
    setBusy(true);
    try {
      await printPage(layout);
    } catch (e) {
      message.error(t('notice.printFailed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  }, [ready, busy, layout, message, t]);

  const doPdf = useCallback(async () => {
    setBusy(true);
    const name = `${fileBase}.pdf`;
    try {
      await exportPdf(layout, name);
      message.success(t('notice.pdfSaved', { name }));
    } catch (e) {
      message.error(t('notice.printFailed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  }, [fileBase, layout, message, t]);

  // Ctrl+P goes through the same path as the button (so the app's dialog gets the paper size); Esc backs out.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'p') {
        e.preventDefault();
        void doPrint();
      } else if (e.key === 'Escape') back();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [doPrint, back]);

  // The document title names the browser's "Save as PDF" file.
  useEffect(() => {
    const before = document.title;
    if (ready) document.title = fileBase;
    return () => {
      document.title = before;
    };
  }, [ready, fileBase]);

  const autoprinted = useRef(false);
  useEffect(() => {
    if (ready && search.get('autoprint') === '1' && !autoprinted.current) {
      autoprinted.current = true;
      // After this render is painted, so the dialog sees the whole sheet.
      setTimeout(() => void doPrint(), 300);
    }
  }, [ready, search, doPrint]);

  const status = order.data?.order.status;
  const notice =
    doc !== 'settlement' || !status || status === 'settled'
      ? null
      : status === 'voided'
        ? t('notice.voided')
        : status === 'reversed'
          ? t('notice.reversed')
          : t('notice.unsettled');

  return (
    <div className="pr-root" data-testid="print-page" data-doc={doc ?? ''} data-ready={ready ? 'true' : 'false'}>
      <PrintStyles layout={layout} runningHead={runningHead} />
      <Toolbar
        title={doc ? t(`title.${doc}`) : ''}
        layout={layout}
        onLayout={setLayout}
        onBack={back}
        onPrint={() => void doPrint()}
        onPdf={canExportPdf() ? () => void doPdf() : undefined}
        busy={busy}
        ready={ready}
      />
      {notice ? (
        <div className="pr-notice no-print">
          <Alert type="warning" showIcon title={notice} data-testid="print-notice" />
        </div>
      ) : null}
      <div className="pr-stage">
        {doc === null ? (
          <Alert type="error" showIcon title={t('notice.unknownDoc', { doc: params.doc ?? '' })} />
        ) : main.error || shop.error ? (
          <div className="no-print" style={{ width: 600 }}>
            <ErrorAlert error={main.error ?? shop.error} />
          </div>
        ) : !ready ? (
          <Spin size="large" />
        ) : doc === 'health' && history.data ? (
          <HealthRecord history={history.data} shop={shop.data} layout={layout} />
        ) : order.data && doc === 'reception' ? (
          <ReceptionSheet detail={order.data} shop={shop.data} layout={layout} />
        ) : order.data ? (
          <SettlementSheet detail={order.data} shop={shop.data} layout={layout} />
        ) : null}
      </div>
    </div>
  );
}

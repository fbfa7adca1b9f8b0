/**
 * 配件与库存 (front-desk.md §6): catalogue, stock-in register, stock-take, adjustments, movement
 * history and the low-stock list, one tab each. The address says where the clerk is:
 * `?tab=receive` opens a tab, `?part=<id>` opens that part — in the catalogue its editor (global
 * search links here), on the other tabs it is the part already chosen.
 */
import { Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Page } from '../../components/Page.js';
import { LowStock } from './LowStock.js';
import { Movements } from './Movements.js';
import { PartCatalog } from './PartCatalog.js';
import { PartForm } from './PartForm.js';
import { StockAdjust } from './StockAdjust.js';
import { StockReceive } from './StockReceive.js';
import { StockTake } from './StockTake.js';

const TABS = ['catalog', 'receive', 'stocktake', 'adjust', 'movements', 'lowStock'] as const;
type Tab = (typeof TABS)[number];

export function PartsScreen() {
  const { t } = useTranslation('parts');
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const tabParam = params.get('tab');
  const tab: Tab = TABS.includes(tabParam as Tab) ? (tabParam as Tab) : 'catalog';
  const partId = params.get('part') ?? undefined;

  const go = (next: Tab, part?: string) =>
    setParams(
      {
        ...(next === 'catalog' ? {} : { tab: next }),
        ...(part ? { part } : {}),
      },
      { replace: false },
    );

  const content: Record<Tab, React.ReactNode> = {
    catalog: <PartCatalog onOpen={(id) => go('catalog', id)} onNew={() => setCreating(true)} />,
    receive: <StockReceive key={partId ?? ''} initialPartId={partId} />,
    stocktake: <StockTake />,
    adjust: <StockAdjust key={partId ?? ''} initialPartId={partId} />,
    movements: <Movements key={partId ?? ''} initialPartId={partId} />,
    lowStock: <LowStock onReceive={(id) => go('receive', id)} onOpen={(id) => go('catalog', id)} />,
  };

  return (
    <Page title={t('common:nav.parts')}>
      <Tabs
        activeKey={tab}
        onChange={(k) => go(k as Tab)}
        destroyOnHidden
        data-testid="parts-tabs"
        items={TABS.map((k) => ({
          key: k,
          label: <span data-testid={`parts-tab-${k}`}>{t(`tabs.${k}`)}</span>,
          children: content[k],
        }))}
      />
      <PartForm
        open={creating || (tab === 'catalog' && !!partId)}
        partId={creating ? null : (partId ?? null)}
        onClose={() => (creating ? setCreating(false) : go('catalog'))}
        onAction={(next, id) => go(next, id)}
      />
    </Page>
  );
}

/**
 * 接车开单 (/reception): ① find the vehicle by plate or VIN (or register it with its owner), ② the
 * order's reception facts → 开单, ③ labour and parts on the new order, print the reception sheet.
 * The new order's id is kept in the URL (?order=…) so a reload or Back keeps the clerk where they were.
 */
import { Card, Col, Empty, Row } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Page } from '../../components/Page.js';
import { CreatedOrder } from './CreatedOrder.js';
import { NewVehicleForm } from './NewVehicleForm.js';
import { ReceptionOrderForm } from './ReceptionOrderForm.js';
import { VehicleCard } from './VehicleCard.js';
import { type FoundVehicle, type NewVehicleDraft, VehicleLookup, type VehicleLookupRef } from './VehicleLookup.js';

export function ReceptionScreen() {
  const { t } = useTranslation('reception');
  const [params, setParams] = useSearchParams();
  const orderId = params.get('order');
  const [vehicle, setVehicle] = useState<FoundVehicle | null>(null);
  const [draft, setDraft] = useState<NewVehicleDraft | null>(null);
  const lookup = useRef<VehicleLookupRef>(null);

  const restart = () => {
    setVehicle(null);
    setDraft(null);
    setTimeout(() => lookup.current?.focus());
  };

  if (orderId) {
    return (
      <Page title={t('title')}>
        <CreatedOrder
          id={orderId}
          onNew={() => {
            setParams({});
            restart();
          }}
        />
      </Page>
    );
  }

  return (
    <Page title={t('title')}>
      <Row gutter={16}>
        <Col span={10}>
          <Card size="small" title={t('steps.vehicle')}>
            {vehicle ? (
              <VehicleCard vehicle={vehicle} onChange={restart} />
            ) : (
              <>
                <VehicleLookup
                  ref={lookup}
                  onFound={(v) => {
                    setDraft(null);
                    setVehicle(v);
                  }}
                  onNew={setDraft}
                />
                {draft ? (
                  <div style={{ marginTop: 12 }}>
                    <NewVehicleForm
                      key={JSON.stringify(draft)}
                      draft={draft}
                      onCreated={(v) => {
                        setDraft(null);
                        setVehicle(v);
                      }}
                      onCancel={restart}
                    />
                  </div>
                ) : null}
              </>
            )}
          </Card>
        </Col>
        <Col span={14}>
          <Card size="small" title={t('steps.order')}>
            {vehicle ? (
              <ReceptionOrderForm
                key={vehicle.id}
                vehicle={vehicle}
                onCreated={(id) => {
                  setVehicle(null);
                  setParams({ order: id });
                }}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('steps.orderWaiting')} />
            )}
          </Card>
        </Col>
      </Row>
    </Page>
  );
}

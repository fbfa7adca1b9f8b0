/**
 * 工作台: the clerk's day at a glance — open orders by step, today's takings, today's orders, where
 * the archive uploads stand and which parts run low. Everything refreshes itself on the core's pushes.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Col, Flex, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Page } from '../../components/Page.js';
import { LowStock } from './LowStock.js';
import { Reminders } from './Reminders.js';
import { StatusCounts } from './StatusCounts.js';
import { TodayOrders } from './TodayOrders.js';
import { UploadCard } from './UploadCard.js';
import { useShopToday } from './useShopToday.js';

export function DashboardScreen() {
  const { t } = useTranslation('dashboard');
  const navigate = useNavigate();
  const today = useShopToday();
  return (
    <Page
      title={t('title', { date: today })}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => navigate('/reception')}
          data-testid="dashboard-new-order"
          title={t('newOrderHint')}
        >
          {t('newOrder')}
        </Button>
      }
    >
      <Flex vertical gap={16}>
        <StatusCounts today={today} />
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={15}>
            <Flex vertical gap={16}>
              <TodayOrders today={today} />
              <Reminders />
            </Flex>
          </Col>
          <Col xs={24} xl={9}>
            <Flex vertical gap={16}>
              <UploadCard />
              <LowStock />
            </Flex>
          </Col>
        </Row>
      </Flex>
    </Page>
  );
}

/** Parts at or below their minimum stock: the first few, and a link to the full list. */
import { Card, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCall } from '../../api/query.js';
import { ErrorAlert } from '../../components/errors.js';
import { qty } from '../../components/format.js';

const ROWS = 5;

export function LowStock() {
  const { t } = useTranslation('dashboard');
  const { data, isLoading, error } = useCall('parts.search', { q: '', lowStockOnly: true, limit: ROWS });
  return (
    <Card
      size="small"
      title={data?.total ? t('lowStock.titleN', { n: data.total }) : t('lowStock.title')}
      data-testid="dashboard-low-stock"
      extra={<Link to="/parts">{t('lowStock.open')}</Link>}
    >
      <ErrorAlert error={error} />
      <List
        size="small"
        loading={isLoading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('lowStock.empty') }}
        renderItem={(p) => (
          <List.Item data-testid="dashboard-low-stock-row" style={{ paddingInline: 0 }}>
            <Typography.Text ellipsis style={{ maxWidth: '60%' }}>
              {p.name} <Typography.Text type="secondary">{p.code}</Typography.Text>
            </Typography.Text>
            <Typography.Text type={p.onHand <= 0 ? 'danger' : 'warning'}>
              {t('lowStock.qty', { onHand: qty(p.onHand), min: qty(p.minStock), unit: p.unit })}
            </Typography.Text>
          </List.Item>
        )}
      />
    </Card>
  );
}

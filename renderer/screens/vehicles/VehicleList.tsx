/**
 * 车辆档案 list: one search box (plate, VIN tail, owner, phone — the core's search index) over a
 * server-paged table. The core has no "all vehicles" listing, so an empty box shows a hint instead of
 * a table of everything.
 */
import { SearchOutlined } from '@ant-design/icons';
import { keepPreviousData } from '@tanstack/react-query';
import { Input, Table, type TableColumnsType, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { MethodOutput } from '../../../shared/api/contract.js';
import { useCall } from '../../api/query.js';
import { ErrorAlert } from '../../components/errors.js';
import { km } from '../../components/format.js';
import { Page } from '../../components/Page.js';
import { PlateText } from './PlateText.js';
import { focusFirstRow, PAGE_SIZE, rowKeys, useSearchList, useTableHeight } from './useSearchList.js';

type Row = MethodOutput<'vehicles.search'>['items'][number];

export function VehicleList() {
  const { t } = useTranslation('vehicles');
  const navigate = useNavigate();
  const s = useSearchList();
  const height = useTableHeight(320);
  const { data, error, isFetching } = useCall('vehicles.search', s.query, {
    enabled: s.term.length > 0,
    placeholderData: keepPreviousData,
  });
  const rows = s.term ? (data?.items ?? []) : [];

  const columns: TableColumnsType<Row> = [
    {
      title: t('field.plate'),
      key: 'plate',
      width: 170,
      render: (_, v) => <PlateText plate={v.plate} color={v.plateColor} unplated={v.unplated} />,
    },
    { title: t('field.vin'), dataIndex: 'vin', width: 200, render: (vin: string | null) => vin ?? '—' },
    { title: t('field.brandModel'), dataIndex: 'brandModel', ellipsis: true },
    { title: t('field.owner'), key: 'owner', width: 200, ellipsis: true, render: (_, v) => v.owner?.name ?? '—' },
    { title: t('field.ownerPhone'), key: 'phone', width: 140, render: (_, v) => v.owner?.phone || '—' },
    { title: t('field.lastMileage'), dataIndex: 'lastMileageKm', width: 130, align: 'right', render: km },
  ];

  return (
    <Page title={t('common:nav.vehicles')}>
      <Input
        data-testid="vehicle-search"
        size="large"
        autoFocus
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('list.searchPlaceholder')}
        aria-label={t('list.searchPlaceholder')}
        value={s.text}
        onChange={(e) => s.onText(e.target.value)}
        onKeyDown={(e) => focusFirstRow(e, 'vehicle-table')}
        onPressEnter={() => {
          // A scan or a full plate usually finds exactly one vehicle: open it straight away.
          if (rows.length === 1) navigate(`/vehicles/${rows[0]!.id}`);
        }}
        style={{ maxWidth: 640, marginBottom: 12 }}
      />
      <ErrorAlert error={error} />
      {s.term ? (
        <Table<Row>
          data-testid="vehicle-table"
          rowKey="id"
          size="middle"
          loading={isFetching}
          columns={columns}
          dataSource={rows}
          scroll={{ y: height }}
          locale={{ emptyText: t('list.empty') }}
          onRow={(v) =>
            ({
              'data-testid': 'vehicle-row',
              'data-row': '',
              ...rowKeys(() => navigate(`/vehicles/${v.id}`)),
            }) as HTMLAttributes<HTMLElement>
          }
          pagination={{
            current: s.page,
            pageSize: PAGE_SIZE,
            // The core counts only up to one past this page: enough to offer "next" without counting all.
            total: data?.total ?? 0,
            showSizeChanger: false,
            onChange: s.setPage,
            size: 'small',
          }}
        />
      ) : (
        <Typography.Paragraph type="secondary">{t('list.hint')}</Typography.Paragraph>
      )}
    </Page>
  );
}

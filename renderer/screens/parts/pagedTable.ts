/**
 * What the stock screen's lists (catalogue, movements, low stock) share: 50 rows a page from the core,
 * virtualised rows in a table as tall as the window allows, and a small pager.
 */
export const PAGE = 50;

export function pagedTableProps<T>(
  result: { data?: { items: T[]; total: number } | undefined; isFetching: boolean },
  page: number,
  setPage: (page: number) => void,
  height: number,
) {
  return {
    size: 'small' as const,
    rowKey: 'id',
    loading: result.isFetching,
    dataSource: result.data?.items ?? [],
    virtual: true,
    scroll: { y: height },
    pagination: {
      current: page,
      pageSize: PAGE,
      total: result.data?.total ?? 0,
      showSizeChanger: false,
      onChange: setPage,
      size: 'small' as const,
    },
  };
}

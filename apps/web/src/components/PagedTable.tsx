import type { UseQueryResult } from '@tanstack/solid-query';
import { fill, t } from '../i18n';
import { DataTable, type DataTableProps } from './DataTable';
import { type PagedResult, Pager } from './Pager';
import { QueryView } from './State';

/** A server-paged query in a DataTable: the row count, the table and the pager, or the empty state when nothing matches. */
export function PagedTable<T>(props: Omit<DataTableProps<T>, 'rows'> & { query: UseQueryResult<PagedResult & { items: T[] }, Error>; page: number; onPage: (page: number) => void }) {
  return (
    <QueryView query={props.query} empty={(data) => data.total === 0}>
      {(data) => (
        <>
          <p class="muted" role="status">
            {fill(t().ranking.rows, { n: data.total })}
          </p>
          <DataTable caption={props.caption} captionClass={props.captionClass} testId={props.testId} rows={data.items} columns={props.columns} rowAttrs={props.rowAttrs} rowClass={props.rowClass} />
          <Pager page={props.page} data={data} onPage={props.onPage} />
        </>
      )}
    </QueryView>
  );
}

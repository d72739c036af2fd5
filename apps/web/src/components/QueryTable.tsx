import type { UseQueryResult } from '@tanstack/solid-query';
import { DataTable, type DataTableProps } from './DataTable';
import { QueryView } from './State';

/** A query's rows in a DataTable, with the loading, error and "no rows yet" states (emptyDetail says why). */
export function QueryTable<T>(props: Omit<DataTableProps<T>, 'rows'> & { query: UseQueryResult<T[], Error>; emptyDetail?: string }) {
  return (
    <QueryView query={props.query} empty={(rows) => rows.length === 0} emptyDetail={props.emptyDetail}>
      {(rows) => (
        <DataTable
          caption={props.caption}
          captionClass={props.captionClass}
          rows={rows}
          empty={props.empty}
          columns={props.columns}
          testId={props.testId}
          rowAttrs={props.rowAttrs}
          rowClass={props.rowClass}
        />
      )}
    </QueryView>
  );
}

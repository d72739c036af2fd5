import { For, Index, Show, type JSX } from 'solid-js';

export interface DataColumn<T> {
  header: string;
  cell: (row: T, index: number) => JSX.Element;
  /** Right-aligned numbers. */
  numeric?: boolean;
  /** The cell names its row (rendered as <th scope="row">). */
  rowHeader?: boolean;
  /** Extra attributes of this column's cells (e.g. data-state for tests or styling). */
  cellAttrs?: (row: T) => Record<string, string>;
}

/**
 * The dashboard's table: scrollable wrapper, caption, column headers, and on a phone the stacked
 * layout where each cell is labelled by its column header (data-label). Cells are JSX, never HTML strings.
 */
export function DataTable<T>(props: {
  caption: string;
  rows: readonly T[];
  columns: DataColumn<T>[];
  testId?: string;
  rowAttrs?: (row: T) => Record<string, string | undefined>;
  rowClass?: (row: T) => Record<string, boolean>;
}) {
  return (
    <div class="table-wrap">
      <table class="stack" data-testid={props.testId}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <Index each={props.columns}>
              {(column) => (
                <th scope="col" class={column().numeric ? 'num' : undefined}>
                  {column().header}
                </th>
              )}
            </Index>
          </tr>
        </thead>
        <tbody>
          <For each={props.rows}>
            {(row, rowIndex) => (
              <tr {...(props.rowAttrs?.(row) ?? {})} classList={props.rowClass?.(row) ?? {}}>
                <Index each={props.columns}>
                  {(column) => (
                    <Show
                      when={column().rowHeader}
                      fallback={
                        <td class={column().numeric ? 'num' : undefined} data-label={column().header} {...(column().cellAttrs?.(row) ?? {})}>
                          {column().cell(row, rowIndex())}
                        </td>
                      }
                    >
                      <th scope="row" data-label={column().header} {...(column().cellAttrs?.(row) ?? {})}>
                        {column().cell(row, rowIndex())}
                      </th>
                    </Show>
                  )}
                </Index>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

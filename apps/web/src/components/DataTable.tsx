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

export interface DataTableProps<T> {
  caption: string;
  /** e.g. 'visually-hidden' when a heading above already names the table. */
  captionClass?: string;
  rows: readonly T[];
  /** Shown in one full-width row when there are no rows (otherwise the body stays empty). */
  empty?: string;
  columns: DataColumn<T>[];
  testId?: string;
  rowAttrs?: (row: T) => Record<string, string | undefined>;
  rowClass?: (row: T) => Record<string, boolean>;
}

/**
 * The dashboard's table: scrollable wrapper, caption, column headers, and on a phone the stacked
 * layout where each cell is labelled by its column header (data-label). Cells are JSX, never HTML strings.
 */
export function DataTable<T>(props: DataTableProps<T>) {
  return (
    <div class="table-wrap">
      <table class="stack" data-testid={props.testId}>
        <caption class={props.captionClass}>{props.caption}</caption>
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
          <For
            each={props.rows}
            fallback={
              <Show when={props.empty}>
                <tr>
                  <td colSpan={props.columns.length}>{props.empty}</td>
                </tr>
              </Show>
            }
          >
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

import { t } from '../i18n';

/** A page of a long list as the server answers it. */
export interface PagedResult {
  page: number;
  pageSize: number;
  total: number;
}

/** Previous / next buttons and "page / pages" under a server-paged list. */
export function Pager(props: { /** The page asked for (the answer may still be the previous one). */ page: number; data: PagedResult; onPage: (page: number) => void }) {
  const m = () => t().monitor;
  return (
    <nav class="toolbar" aria-label={m().pages}>
      <button type="button" class="button--ghost" disabled={props.page <= 1} onClick={() => props.onPage(props.page - 1)}>
        ← {m().previous}
      </button>
      <span>
        {props.data.page} / {Math.max(1, Math.ceil(props.data.total / props.data.pageSize))}
      </span>
      <button type="button" class="button--ghost" disabled={props.data.page * props.data.pageSize >= props.data.total} onClick={() => props.onPage(props.page + 1)}>
        {m().next} →
      </button>
    </nav>
  );
}

import { Match, Switch, type JSX } from 'solid-js';
import type { UseQueryResult } from '@tanstack/solid-query';
import { t } from '../i18n';
import { ApiError } from '../api/http';

export function Loading() {
  return (
    <p class="state" role="status" aria-live="polite">
      {t().app.loading}
    </p>
  );
}

/** The honest empty state: shown when the server has no data (or no endpoint) for this view. */
export function NoData(props: { detail?: string }) {
  return (
    <div class="state state--empty" data-testid="no-data">
      <p>
        <strong>{t().app.noData}</strong>
      </p>
      {props.detail && <p>{props.detail}</p>}
    </div>
  );
}

export function ErrorState(props: { error: unknown; retry?: () => void }) {
  const message = () => (props.error instanceof Error ? props.error.message : String(props.error));
  const requestId = () => (props.error instanceof ApiError ? props.error.requestId : (errorData(props.error)?.requestId ?? undefined));
  return (
    <div class="state state--error" role="alert">
      <p>
        <strong>{t().app.error}</strong>: {message()}
        {requestId() && (
          <span class="muted">
            {' '}
            ({t().app.requestId} {requestId()})
          </span>
        )}
      </p>
      {props.retry && (
        <button type="button" onClick={() => props.retry?.()}>
          {t().app.retry}
        </button>
      )}
    </div>
  );
}

/** tRPC errors carry { code, httpStatus, details, requestId } in `data` (see the API's error formatter). */
export function errorData(error: unknown): { code?: string; requestId?: string | null; details?: Record<string, unknown> | null } | null {
  if (error && typeof error === 'object' && 'data' in error && error.data && typeof error.data === 'object') return error.data as never;
  return null;
}

export function isMissing(error: unknown): boolean {
  return (error instanceof ApiError && error.isMissing) || errorData(error)?.code === 'NOT_FOUND';
}

/** Renders a query's data, or loading / "no data" / error states; a missing endpoint counts as "no data". */
export function QueryView<T>(props: {
  query: UseQueryResult<T, Error>;
  empty?: (data: T) => boolean;
  emptyDetail?: string;
  /** What to show when the record itself does not exist (e.g. "Организация не найдена"). */
  missing?: () => JSX.Element;
  children: (data: T) => JSX.Element;
}) {
  return (
    <Switch>
      <Match when={props.query.isPending}>
        <Loading />
      </Match>
      <Match when={props.query.isError && isMissing(props.query.error) && props.missing}>{props.missing!()}</Match>
      <Match when={props.query.isError && isMissing(props.query.error)}>
        <NoData detail={t().app.notAvailable} />
      </Match>
      <Match when={props.query.isError}>
        <ErrorState error={props.query.error} retry={() => void props.query.refetch()} />
      </Match>
      <Match when={props.query.data !== undefined && props.empty?.(props.query.data as T)}>
        <NoData detail={props.emptyDetail} />
      </Match>
      <Match when={props.query.data !== undefined}>{props.children(props.query.data as T)}</Match>
    </Switch>
  );
}

import { createResource, Show } from 'solid-js';
import { fill, t } from '../i18n';

interface Health {
  ok: boolean;
  database: { ok: boolean; mode: string };
  queue: { ok: boolean; kind: string };
}

async function fetchHealth(): Promise<Health> {
  const response = await fetch('/healthz');
  return (await response.json()) as Health;
}

/** The platform's own health, shown in the footer. */
export function HealthBadge() {
  const [health] = createResource(fetchHealth);
  return (
    <Show when={health()}>
      {(h) => (
        <p data-testid="health" class="muted">
          {h().ok ? t().app.healthOk : t().app.healthDown}:{' '}
          {fill(t().app.healthDetail, { db: t().app.databaseModes[h().database.mode] ?? h().database.mode, queue: t().app.queueKinds[h().queue.kind] ?? h().queue.kind })}
        </p>
      )}
    </Show>
  );
}

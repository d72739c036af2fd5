import { createResource, Show } from 'solid-js';

interface Health {
  ok: boolean;
  database: { ok: boolean; mode: string };
  queue: { ok: boolean; kind: string };
}

async function fetchHealth(): Promise<Health> {
  const response = await fetch('/healthz');
  return (await response.json()) as Health;
}

export function App() {
  const [health] = createResource(fetchHealth);
  return (
    <main>
      <h1>Цифровой мост</h1>
      <p>Мониторинг официальных страниц органов власти и учреждений Саратовской области.</p>
      <Show when={health()} fallback={<p>Проверяем состояние…</p>}>
        {(h) => (
          <p data-testid="health">
            {h().ok ? 'Платформа работает' : 'Платформа недоступна'}: база данных — {h().database.mode}, очередь — {h().queue.kind}
          </p>
        )}
      </Show>
    </main>
  );
}

import { useSearchParams } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { createSignal, Show } from 'solid-js';
import { fetchEditions } from '../../api/public';
import { queryString } from '../../api/http';
import { QueryView } from '../../components/State';
import { t } from '../../i18n';

/** The copy-paste snippet for the ranking widget (/embed/rankings/:edition, filters in the URL). */
export function widgetUrl(origin: string, editionId: string, filters: Record<string, string | undefined>): string {
  return `${origin}/embed/rankings/${encodeURIComponent(editionId)}${queryString(filters)}`;
}

export function widgetSnippet(src: string, title: string): string {
  const escapeAttr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<iframe src="${escapeAttr(src)}" title="${escapeAttr(title)}" width="100%" height="600" style="border:0" loading="lazy"></iframe>`;
}

export default function EmbedPage() {
  const [params] = useSearchParams<{ edition?: string; kind?: string; sector?: string; municipality?: string }>();
  const editions = useQuery(() => ({ queryKey: ['public', 'editions'], queryFn: fetchEditions }));
  const [copied, setCopied] = createSignal(false);
  const m = () => t().embed;

  return (
    <section aria-labelledby="embed-title">
      <h1 id="embed-title">{m().title}</h1>
      <p>{m().intro}</p>
      <p class="muted">{m().filterHint}</p>
      <QueryView query={editions} empty={(list) => list.length === 0} emptyDetail={t().ranking.noEditions}>
        {() => {
          // Without a chosen edition the widget follows the newest one (`latest`), so it updates itself.
          const editionId = () => params.edition ?? 'latest';
          const src = () => widgetUrl(location.origin, editionId(), { kind: params.kind, sector: params.sector, municipality: params.municipality });
          const snippet = () => widgetSnippet(src(), t().ranking.title);
          const copy = async () => {
            await navigator.clipboard.writeText(snippet());
            setCopied(true);
          };
          return (
            <>
              <label for="embed-code">{m().code}</label>
              <textarea id="embed-code" readOnly rows={4} value={snippet()} data-testid="embed-code" />
              <div class="toolbar">
                <button type="button" onClick={() => void copy()}>
                  {t().app.copy}
                </button>
                <Show when={copied()}>
                  <span role="status">{t().app.copied}</span>
                </Show>
              </div>
              <h2>{m().preview}</h2>
              <iframe src={src()} title={`${m().preview}: ${t().ranking.title}`} width="100%" height="480" style={{ border: '1px solid #c4c9d0' }} loading="lazy" />
            </>
          );
        }}
      </QueryView>
    </section>
  );
}

import { A, useParams, useSearchParams } from '@solidjs/router';
import { useQuery } from '@tanstack/solid-query';
import { createMemo, Show } from 'solid-js';
import { fetchEdition, fetchInsights, type EditionRow } from '../../api/public';
import { DataTable } from '../../components/DataTable';
import { NotFound } from '../../components/NotFound';
import { QueryView } from '../../components/State';
import { usePageTitle } from '../../layout/title';
import { formatNumber } from '../../format';
import { fill, locale, t } from '../../i18n';
import { Figure, SlaShare, StatedScore } from './Headline';
import { MoverLink } from './MunicipalitiesPage';

/** One municipality in an edition: its average score, 24-hour share, best and worst organizations, and all its organizations. */
export default function MunicipalityPage() {
  const params = useParams<{ code: string }>();
  const [search] = useSearchParams<{ edition?: string }>();
  const slug = () => search.edition || 'latest';
  const insights = useQuery(() => ({ queryKey: ['public', 'insights', slug()], queryFn: () => fetchInsights(slug()), staleTime: 60_000 }));
  const summary = createMemo(() => insights.data?.municipalities.find((m) => m.code === params.code) ?? null);
  const editionSlug = () => insights.data?.edition.slug;
  const rows = useQuery(() => ({
    queryKey: ['public', 'edition', editionSlug(), { municipality: params.code }],
    queryFn: () => fetchEdition(editionSlug()!, { municipality: params.code }),
    enabled: editionSlug() !== undefined,
    staleTime: Infinity,
  }));
  const m = () => t().municipalityPage;
  const i = () => t().insights;
  usePageTitle(() => [summary()?.name ?? i().municipalitiesTitle]);
  return (
    <section aria-labelledby="municipality-title">
      <QueryView query={insights} missing={() => <NotFound title={t().missing.edition} detail={t().missing.editionDetail} />}>
        {(data) => (
          <Show when={summary()} fallback={<NotFound title={m().missing} detail={m().missingDetail} />}>
            {(municipality) => (
              <>
                <h1 id="municipality-title">{municipality().name}</h1>
                <p class="muted">
                  <A href={`/rankings/${encodeURIComponent(data.edition.slug)}`}>{data.edition.title}</A> ·{' '}
                  <A href={`/municipalities?edition=${encodeURIComponent(data.edition.slug)}`}>{m().allMunicipalities}</A> ·{' '}
                  <A href={`/rankings/${encodeURIComponent(data.edition.slug)}?municipality=${encodeURIComponent(municipality().code)}`}>{m().inRanking}</A>
                </p>
                <dl class="figures" data-testid="municipality-figures">
                  <Figure label={i().averageScore} testId="figure-average-score">
                    <StatedScore value={municipality().averageScore} />
                  </Figure>
                  <Figure label={i().sla} testId="figure-share24h">
                    <SlaShare sla={municipality().sla} />
                  </Figure>
                  <Figure label={m().organizations} testId="figure-organizations" note={fill(m().organizationsNote, { n: municipality().rankedOrganizations })}>
                    {municipality().organizations}
                  </Figure>
                  <Figure label={i().best} testId="figure-best">
                    <MoverLink mover={municipality().best} />
                  </Figure>
                  <Figure label={i().worst} testId="figure-worst">
                    <MoverLink mover={municipality().worst} />
                  </Figure>
                </dl>
                <QueryView query={rows}>
                  {(view) => (
                    <DataTable<EditionRow>
                      caption={m().table}
                      testId="municipality-organizations"
                      rows={[...view.ranked.rows, ...view.notEnoughData]}
                      columns={[
                        { header: t().ranking.rank, numeric: true, cell: (row) => row.overallRank ?? '—' },
                        { header: t().ranking.organization, cell: (row) => <A href={`/organizations/${encodeURIComponent(row.organizationCode)}`}>{row.organizationName}</A> },
                        { header: t().ranking.score, numeric: true, cell: (row) => (row.score === null ? <span class="muted">{m().notRankedYet}</span> : formatNumber(row.score, locale())) },
                        { header: t().ranking.coverage, numeric: true, cell: (row) => `${row.coverage.accountsScored}/${row.coverage.accountsTotal}` },
                        { header: t().ranking.unrankedReason, cell: (row) => row.unranked?.text ?? '—' },
                      ]}
                    />
                  )}
                </QueryView>
              </>
            )}
          </Show>
        )}
      </QueryView>
    </section>
  );
}

import { useQuery } from '@tanstack/solid-query';
import { For } from 'solid-js';
import { fetchMethodology } from '../../api/public';
import { QueryView } from '../../components/State';
import { formatDate, formatNumber } from '../../format';
import { label, locale, t } from '../../i18n';

/** The methodology, generated from the versions the API publishes (criteria, weights, thresholds). */
export default function MethodologyPage() {
  const query = useQuery(() => ({ queryKey: ['public', 'methodology'], queryFn: fetchMethodology, staleTime: Infinity }));
  const m = () => t().methodology;
  return (
    <section aria-labelledby="methodology-title">
      <h1 id="methodology-title">{m().title}</h1>
      <p>{m().intro}</p>
      <p data-testid="methodology-combine">{m().combine}</p>
      <QueryView query={query} empty={(versions) => versions.length === 0}>
        {(versions) => (
          <For each={versions}>
            {(version) => (
              <article class="card" data-testid="methodology-version">
                <h2>
                  {m().version} {version.version}: {locale() === 'ru' ? version.title : version.titleEn}
                </h2>
                <dl class="meta">
                  <dt>{m().validFrom}</dt>
                  <dd>{formatDate(version.effectiveFrom, locale())}</dd>
                  <dt>{m().partialShare}</dt>
                  <dd>{formatNumber(version.partialShare * 100, locale(), 0)}%</dd>
                  <dt>{m().minCoverage}</dt>
                  <dd>{formatNumber(version.minimumCoverage * 100, locale(), 0)}%</dd>
                </dl>
                <div class="table-wrap" tabindex="0">
                  <table class="stack">
                    <caption>
                      {m().criteriaOf} {version.version}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">{t().organization.criterion}</th>
                        <th scope="col">{m().group}</th>
                        <th scope="col" class="num">
                          {m().weight}
                        </th>
                        <th scope="col">{m().threshold}</th>
                        <th scope="col">{m().kind}</th>
                        <th scope="col">{m().networksColumn}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={version.criteria}>
                        {(criterion) => (
                          <tr>
                            <td data-label={t().organization.criterion}>
                              <strong>{locale() === 'ru' ? criterion.title : criterion.titleEn}</strong>
                              <div>{criterion.description}</div>
                            </td>
                            <td data-label={m().group}>{(m().groups as Record<string, string>)[criterion.group] ?? criterion.group}</td>
                            <td class="num" data-label={m().weight}>
                              {formatNumber(criterion.weight, locale(), 2)}
                            </td>
                            <td data-label={m().threshold} data-testid="criterion-rule">
                              {criterion.rule}
                            </td>
                            <td data-label={m().kind}>{criterion.kind === 'manual' ? m().manual : m().automatic}</td>
                            <td data-label={m().networksColumn} data-testid="criterion-networks">
                              {criterion.applicability.networks.length === 0 ? m().allNetworks : criterion.applicability.networks.map((n) => label(t().networks, n)).join(', ')}
                              <For each={criterion.networkLimits ?? []}>
                                {(limit) => (
                                  <div class="muted" data-testid="criterion-network-limit">
                                    {label(t().networks, limit.network)}: {m().notApplicableOn} — {limit.reason}
                                  </div>
                                )}
                              </For>
                            </td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </article>
            )}
          </For>
        )}
      </QueryView>
    </section>
  );
}

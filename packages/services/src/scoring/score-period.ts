import { aggregateFromCounts, applyOverrides, periodBounds, periodOfLocalDate, scoreAccount, type Period, type PeriodKind, type ScoreResult } from '@most/domain';
import { chunked, type Queryable } from '@most/db';
import {
  type AccountRow,
  type AccountTotal,
  classifyPendingComments,
  loadAccounts,
  loadBacklinks,
  loadManual,
  loadMethodology,
  loadOverrides,
  loadPageStates,
  loadPosts,
  loadQuestionEvidence,
  loadSla,
  loadSnapshots,
  loadStoredTotals,
  measureQuestions,
  refreshStatistics,
  type SectorPeers,
  sectorPeers,
  settleRecommendations,
  siblingIds,
  toMs,
  UNREAD_PAGE,
  writeAccountScores,
  writeOrganizationScores,
  writeRecommendations,
} from '@most/db/scoring';

const ACCOUNT_CHUNK = 1_000;
/** From this many accounts on, a rescore refreshes table statistics as it goes. */
const BULK_ACCOUNTS = 200;

export interface ScorePeriodInput {
  periodKind: PeriodKind;
  /** Any local date inside the period (YYYY-MM-DD). */
  date: string;
  methodologyVersion?: number;
  /** Limit to these accounts (their organizations are re-aggregated in full). */
  accountIds?: readonly number[];
  /** Classify pending comments first (default true). */
  classify?: boolean;
  now?: Date;
  /** Called with each phase's duration in seconds (benchmarks, logs). */
  onPhase?: (phase: string, seconds: number) => void;
  /** Sector peer medians to use instead of measuring them (an incremental pass reuses its full pass's). */
  peers?: SectorPeers;
  /**
   * With `accountIds`: how the other accounts of their organizations enter the organizations' scores.
   * 'rescore' (default) scores them too; 'stored' reads their stored scores of the period (an
   * incremental pass: their inputs did not change), scoring only those that have none yet.
   */
  siblings?: 'rescore' | 'stored';
}

export interface ScorePeriodResult {
  period: Period;
  methodologyVersion: number;
  accounts: number;
  organizations: number;
  questionsMeasured: number;
  commentsClassified: number;
  recommendations: number;
  /** The sector peer medians this pass scored with. */
  peers: SectorPeers;
}

/**
 * Full (or partial) rescore of one period under one methodology version: classify, measure the
 * SLA set-based, score each account with the domain evaluators, aggregate organizations, write
 * recommendations and settle the previous period's ones. Upserts only: running it twice with the
 * same inputs and `now` leaves the same rows.
 */
export async function scorePeriod(sql: Queryable, input: ScorePeriodInput): Promise<ScorePeriodResult> {
  const now = input.now ?? new Date();
  let mark = performance.now();
  const phase = (name: string) => {
    const at = performance.now();
    input.onPhase?.(name, (at - mark) / 1000);
    mark = at;
  };
  const { methodology } = await loadMethodology(sql, input.methodologyVersion);
  const policy = methodology.sla;
  const period = periodOfLocalDate(input.periodKind, input.date);
  const { from, to } = periodBounds(period, policy.utcOffsetMinutes);
  const evaluatedAt = new Date(Math.min(now.getTime(), to.getTime()));

  const scope = await loadAccounts(sql, input.accountIds);
  // Accounts whose organization is re-aggregated but whose own score stands: their stored totals.
  const stored = input.accountIds && input.siblings === 'stored' ? await loadStoredTotals(sql, siblingIds(scope, input.accountIds), period, methodology.version) : new Map<number, AccountTotal>();
  const accounts = stored.size === 0 ? scope : scope.filter((a) => !stored.has(a.id));
  const accountIds = input.accountIds ? accounts.map((a) => a.id) : undefined;
  // Fresh tables have no statistics: the planner (and the cached plans of foreign-key checks) would
  // scan them sequentially for every row. A bulk rescore refreshes them as it fills them, and the
  // crawled tables it reads first (without, measuring 100× the demo region's comments took minutes); an
  // incremental pass (siblings 'stored') follows a full pass that did, and does not pay for it again.
  const bulk = accounts.length >= BULK_ACCOUNTS && input.siblings !== 'stored';
  if (bulk) for (const table of ['posts', 'comments'] as const) await refreshStatistics(sql, table);
  const commentsClassified = input.classify === false ? 0 : await classifyPendingComments(sql, { accountIds, since: new Date(from.getTime() - 86_400_000) }, now);
  if (bulk && commentsClassified > 0) await refreshStatistics(sql, 'comment_classifications');
  phase('classify');
  const { measured } = await measureQuestions(sql, policy, { from, to, accountIds }, now);
  if (bulk) await refreshStatistics(sql, 'question_measurements');
  phase('measure');

  const peers = input.peers ?? (await sectorPeers(sql, from, to));
  let recommendations = 0;
  let analyzed = false;
  const totals = new Map<number, AccountTotal>(stored);
  for (const chunk of chunked(accounts, ACCOUNT_CHUNK)) {
    const ids = chunk.map((a) => a.id);
    const [sla, evidence, posts, snapshots, manual, backlinks, overrides, pages] = await Promise.all([
      loadSla(sql, ids, from, to),
      loadQuestionEvidence(sql, ids, from, to),
      loadPosts(sql, ids, from, to),
      loadSnapshots(sql, ids, to),
      loadManual(sql, ids, period.end),
      loadBacklinks(sql, ids, to),
      loadOverrides(sql, ids, period),
      loadPageStates(sql, ids, to),
    ]);
    phase('load');
    const results: { account: AccountRow; result: ScoreResult }[] = [];
    for (const account of chunk) {
      const s = sla.get(account.id);
      const aggregate = aggregateFromCounts(
        {
          answeredInTime: s?.inTime ?? 0,
          answeredLate: s?.late ?? 0,
          breached: s?.breached ?? 0,
          openWithinWindow: s?.open ?? 0,
          excludedDeleted: s?.deleted ?? 0,
          medianFirstResponseMs: toMs(s?.medianSeconds ?? null),
          p90FirstResponseMs: toMs(s?.p90Seconds ?? null),
          substantive: s && s.subAssessed > 0 ? { assessed: s.subAssessed, answered: s.subAnswered, shareWithinSla: s.subInTime / s.subAssessed, medianResponseMs: toMs(s.subMedianSeconds) } : null,
        },
        policy.minimumSample,
      );
      const accountPeers = peers[account.sector] ?? { erPostMedian: null, erViewMedian: null };
      const raw = scoreAccount(methodology, {
        account: { network: account.network, organizationKind: account.kind, sector: account.sector },
        period: { from, to },
        evaluatedAt,
        profile: snapshots.get(account.id) ?? null,
        posts: posts.get(account.id) ?? [],
        sla: aggregate,
        questions: evidence.get(account.id) ?? [],
        peers: accountPeers,
        manual: manual.get(account.id) ?? {},
        backlink: backlinks.get(account.id) ?? null,
        page: pages.get(account.id) ?? UNREAD_PAGE,
      });
      const result = applyOverrides(methodology, raw, overrides.get(account.id));
      results.push({ account, result });
      totals.set(account.id, {
        ok: result.status === 'ok',
        total: result.total,
        decided: aggregate.questions - aggregate.openWithinWindow,
        criteria: new Map(result.criteria.map((c) => [c.code, { points: c.points, maxPoints: c.maxPoints }])),
      });
    }
    phase('evaluate');
    await writeAccountScores(sql, results, period, methodology.version, sla, now, bulk && !analyzed);
    analyzed = true;
    phase('write scores');
    recommendations += await writeRecommendations(sql, methodology, results, period);
    phase('write recommendations');
  }
  const organizations = await writeOrganizationScores(sql, methodology, period, scope, totals, now);
  phase('organizations');
  await settleRecommendations(sql, period, methodology.version, accountIds);
  phase('settle');
  return { period, methodologyVersion: methodology.version, accounts: accounts.length, organizations, questionsMeasured: measured, commentsClassified, recommendations, peers };
}

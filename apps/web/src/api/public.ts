import type { EditionViewRow } from '@most/domain';
import { getJson, queryString } from './http';

/** Client of the public open-data API (/api/public/v1): no login, the same JSON the press gets. */
export const PUBLIC_API = '/api/public/v1';

export interface EditionSummary {
  slug: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  methodologyVersion: string;
  previousEditionSlug: string | null;
  publishedAt: string | null;
  url?: string;
  jsonUrl?: string;
  csvUrl?: string;
}

/** One organization's line, as the API declares it (one zod schema in the domain). */
export type EditionRow = EditionViewRow;

export interface EditionView {
  edition: EditionSummary;
  criteria: { code: string; name: string; weight: number }[];
  filters: { kind: string | null; sector: string | null; municipality: string | null };
  ranked: { total: number; page: number; pageSize: number; rows: EditionRow[] };
  notEnoughData: EditionRow[];
  embed?: { url: string; html: string };
}

export interface RankingFilters {
  kind?: string;
  sector?: string;
  municipality?: string;
}

/** The whole edition fits one page (the API allows up to 1,000 rows a page). */
const ALL_ROWS = 1000;

export const fetchEditions = () => getJson<{ editions: EditionSummary[] }>(`${PUBLIC_API}/editions`).then((body) => body.editions);

export const fetchEdition = (slug: string, filters: RankingFilters = {}) =>
  getJson<EditionView>(`${PUBLIC_API}/editions/${encodeURIComponent(slug)}${queryString({ ...filters, pageSize: ALL_ROWS })}`);

export const editionCsvUrl = (slug: string, filters: RankingFilters) => `${PUBLIC_API}/editions/${encodeURIComponent(slug)}${queryString({ ...filters, format: 'csv' })}`;

export const editionJsonUrl = (slug: string, filters: RankingFilters) => `${PUBLIC_API}/editions/${encodeURIComponent(slug)}${queryString({ ...filters })}`;

export interface RankingHistoryItem {
  editionSlug: string;
  editionTitle: string;
  periodStart: string;
  periodEnd: string;
  methodologyVersion: string;
  score: number | null;
  enoughData: boolean;
  rank: number | null;
  rankedCount: number;
  rankChange: number | null;
  scoreChange: number | null;
  accountsScored: number;
  accountsTotal: number;
  sampleSize: number;
  criteria: { code: string; score: number; weight: number }[];
}

export interface OrganizationProfile {
  code: string;
  fullName: string;
  shortName: string;
  kind: string;
  sector: string;
  municipality: { code: string; name: string } | null;
  parent: { code: string; shortName: string } | null;
  website: string | null;
  /** `read`: the page's posts were read at least once (coverage by network). */
  accounts: { network: string; url: string; status: string; read?: boolean }[];
  /** Newest edition first. */
  rankings: RankingHistoryItem[];
}

export const fetchOrganization = (code: string) => getJson<OrganizationProfile>(`${PUBLIC_API}/organizations/${encodeURIComponent(code)}`);

export interface MethodologyCriterion {
  code: string;
  title: string;
  titleEn: string;
  description: string;
  group: string;
  weight: number;
  kind: 'automatic' | 'manual';
  thresholds: { direction: 'higher' | 'lower'; pass: number; partial: number };
  /** The rule and the pass norm in Russian, generated from the thresholds by the server. */
  rule: string;
  norm: string;
  applicability: { networks: string[]; organizationKinds: string[]; sectors: string[] };
  /** Networks left out because they cannot show what the criterion reads, with the reason in Russian. */
  networkLimits?: { network: string; reason: string }[];
}

export interface MethodologyVersion {
  version: number;
  title: string;
  titleEn: string;
  effectiveFrom: string;
  partialShare: number;
  minimumCoverage: number;
  criteria: MethodologyCriterion[];
}

export const fetchMethodology = () => getJson<{ versions: MethodologyVersion[] }>(`${PUBLIC_API}/methodology`).then((body) => body.versions);

export interface AccountCheck {
  input: string;
  canonicalUrl: string | null;
  official: boolean;
  /** Why not (machine code); `reason` is the same in Russian. */
  reasonCode: string | null;
  reason: string | null;
  account: { network: string; canonicalUrl: string; status: string } | null;
  organization: { code: string; shortName: string; fullName: string } | null;
}

export interface OfficialPagesMatch {
  code: string;
  shortName: string;
  fullName: string;
  municipalityName: string | null;
  pages: { network: string; url: string }[];
}
export const searchOfficialPages = (search: string) => getJson<{ organizations: OfficialPagesMatch[] }>(`${PUBLIC_API}/organizations${queryString({ search })}`).then((body) => body.organizations);

export const checkAccount = (url: string) => getJson<AccountCheck>(`${PUBLIC_API}/accounts/check${queryString({ url })}`);

export type { Comparison, ComparedCell, EditionHeadline, MunicipalitySummary, NotStated, SlaSummary } from '@most/domain/insights';
import type { Comparison, EditionHeadline, MunicipalitySummary, SlaSummary } from '@most/domain/insights';

export interface EditionInsights {
  edition: Pick<EditionSummary, 'slug' | 'title' | 'periodStart' | 'periodEnd' | 'methodologyVersion' | 'previousEditionSlug'>;
  headline: EditionHeadline;
  municipalities: MunicipalitySummary[];
  minimumSample: number;
}

/** `slug` may be `latest`. */
export const fetchInsights = (slug: string) => getJson<EditionInsights>(`${PUBLIC_API}/editions/${encodeURIComponent(slug)}/insights`);

export interface TrendPoint {
  editionSlug: string;
  editionTitle: string;
  periodStart: string;
  periodEnd: string;
  score: number | null;
  rank: number | null;
  rankedCount: number;
  regionMedianScore: number | null;
  sla: SlaSummary;
  regionSla: SlaSummary;
}

export const fetchTrends = (code: string) => getJson<{ points: TrendPoint[] }>(`${PUBLIC_API}/organizations/${encodeURIComponent(code)}/trends`).then((body) => body.points);

export type CompareKind = 'organizations' | 'municipalities';

export interface ComparisonView extends Comparison {
  edition: EditionInsights['edition'];
  kind: CompareKind;
}

export const fetchComparison = (kind: CompareKind, codes: string[], edition?: string) => getJson<ComparisonView>(`${PUBLIC_API}/compare${queryString({ edition, [kind]: codes.join(',') })}`);

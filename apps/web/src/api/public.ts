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

/** The download formats of the open-data API (format=…). */
export const FILE_FORMATS = ['csv-excel', 'xlsx', 'csv'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

export const editionFileUrl = (slug: string, filters: RankingFilters, format: FileFormat) => `${PUBLIC_API}/editions/${encodeURIComponent(slug)}${queryString({ ...filters, format })}`;

export const editionJsonUrl = (slug: string, filters: RankingFilters) => `${PUBLIC_API}/editions/${encodeURIComponent(slug)}${queryString({ ...filters })}`;

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

export type { Comparison, ComparedCell, EditionHeadline, MunicipalitySummary, NotStated, RankingHistoryItem, SlaSummary, TrendPoint, TrendStep } from '@most/domain/insights';
import type { ComparisonBody, EditionInsightsBody, RankingHistoryItem, TrendPoint, TrendStep } from '@most/domain/insights';

/** As the API declares it (one zod schema in the domain). */
export type EditionInsights = EditionInsightsBody;

/** `slug` may be `latest`. */
export const fetchInsights = (slug: string) => getJson<EditionInsights>(`${PUBLIC_API}/editions/${encodeURIComponent(slug)}/insights`);

export const fetchTrends = (code: string, by: TrendStep = 'edition') =>
  getJson<{ points: TrendPoint[] }>(`${PUBLIC_API}/organizations/${encodeURIComponent(code)}/trends${queryString({ by })}`).then((body) => body.points);

export const scorecardPdfUrl = (code: string) => `${PUBLIC_API}/organizations/${encodeURIComponent(code)}/scorecard.pdf`;

export type ComparisonView = ComparisonBody;
export type CompareKind = ComparisonView['kind'];

/** One route for the comparison's data (no format) and its files. */
export const comparisonUrl = (kind: CompareKind, codes: string[], edition?: string, format?: FileFormat) => `${PUBLIC_API}/compare${queryString({ edition, [kind]: codes.join(','), format })}`;

export const fetchComparison = (kind: CompareKind, codes: string[], edition?: string) => getJson<ComparisonView>(comparisonUrl(kind, codes, edition));

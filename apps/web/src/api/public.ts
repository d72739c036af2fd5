import type { EditionViewRow } from '@most/domain';
import type { AccountCheckBody, EditionListBody, EditionViewBody, MethodologyBody, OrganizationProfile, OrganizationSearchBody, TrendsBody } from '@most/domain/public-api';
import { getJson, queryString } from './http';

/** Client of the public open-data API (/api/public/v1): no login, the same JSON the press gets. */
export const PUBLIC_API = '/api/public/v1';

/** The response types, inferred from the zod schemas the API answers with (one declaration in the domain). */
export type {
  AccountCheckBody as AccountCheck,
  EditionViewBody as EditionView,
  OfficialPagesMatch,
  OrganizationProfile,
  PublicEditionSummary as EditionSummary,
  PublicMethodologyCriterion as MethodologyCriterion,
  PublicMethodologyVersion as MethodologyVersion,
} from '@most/domain/public-api';

/** One organization's line, as the API declares it (one zod schema in the domain). */
export type EditionRow = EditionViewRow;

export interface RankingFilters {
  kind?: string;
  sector?: string;
  municipality?: string;
}

/** The whole edition fits one page (the API allows up to 1,000 rows a page). */
const ALL_ROWS = 1000;

export const fetchEditions = () => getJson<EditionListBody>(`${PUBLIC_API}/editions`).then((body) => body.editions);

export const fetchEdition = (slug: string, filters: RankingFilters = {}) =>
  getJson<EditionViewBody>(`${PUBLIC_API}/editions/${encodeURIComponent(slug)}${queryString({ ...filters, pageSize: ALL_ROWS })}`);

/** The download formats of the open-data API (format=…). */
export const FILE_FORMATS = ['csv-excel', 'xlsx', 'csv'] as const;
export type FileFormat = (typeof FILE_FORMATS)[number];

export const editionFileUrl = (slug: string, filters: RankingFilters, format: FileFormat) => `${PUBLIC_API}/editions/${encodeURIComponent(slug)}${queryString({ ...filters, format })}`;

export const editionJsonUrl = (slug: string, filters: RankingFilters) => `${PUBLIC_API}/editions/${encodeURIComponent(slug)}${queryString({ ...filters })}`;

export const fetchOrganization = (code: string) => getJson<OrganizationProfile>(`${PUBLIC_API}/organizations/${encodeURIComponent(code)}`);

export const fetchMethodology = () => getJson<MethodologyBody>(`${PUBLIC_API}/methodology`).then((body) => body.versions);

export const searchOfficialPages = (search: string) => getJson<OrganizationSearchBody>(`${PUBLIC_API}/organizations${queryString({ search })}`).then((body) => body.organizations);

export const checkAccount = (url: string) => getJson<AccountCheckBody>(`${PUBLIC_API}/accounts/check${queryString({ url })}`);

export type { Comparison, ComparedCell, EditionHeadline, MunicipalitySummary, NotStated, RankingHistoryItem, SlaSummary, TrendPoint, TrendStep } from '@most/domain/insights';
import type { ComparisonBody, EditionInsightsBody, TrendStep } from '@most/domain/insights';

/** As the API declares it (one zod schema in the domain). */
export type EditionInsights = EditionInsightsBody;

/** `slug` may be `latest`. */
export const fetchInsights = (slug: string) => getJson<EditionInsights>(`${PUBLIC_API}/editions/${encodeURIComponent(slug)}/insights`);

export const fetchTrends = (code: string, by: TrendStep = 'edition') =>
  getJson<TrendsBody>(`${PUBLIC_API}/organizations/${encodeURIComponent(code)}/trends${queryString({ by })}`).then((body) => body.points);

export const scorecardPdfUrl = (code: string) => `${PUBLIC_API}/organizations/${encodeURIComponent(code)}/scorecard.pdf`;

export type ComparisonView = ComparisonBody;
export type CompareKind = ComparisonView['kind'];

/** One route for the comparison's data (no format) and its files. */
export const comparisonUrl = (kind: CompareKind, codes: string[], edition?: string, format?: FileFormat) => `${PUBLIC_API}/compare${queryString({ edition, [kind]: codes.join(','), format })}`;

export const fetchComparison = (kind: CompareKind, codes: string[], edition?: string) => getJson<ComparisonView>(comparisonUrl(kind, codes, edition));

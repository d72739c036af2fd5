import { getJson, queryString } from './http';

/** Client of the public open-data API (/api/public/v1); no login, same shapes the press gets. */
export const PUBLIC_API = '/api/public/v1';

export interface EditionSummary {
  id: string;
  title: string;
  periodStart: string;
  periodEnd: string;
  publishedAt: string | null;
  methodologyVersion: string;
}

export interface EditionRow {
  rank: number | null;
  organizationId: string;
  organizationName: string;
  category: string;
  sector: string;
  municipality: string | null;
  score: number | null;
  rankChange: number | null;
  scoreChange: number | null;
  accountsScored: number;
  accountsTotal: number;
  sampleSize: number;
  notEnoughData: boolean;
}

export interface Edition extends EditionSummary {
  rows: EditionRow[];
}

export interface RankingFilters {
  category?: string;
  sector?: string;
  municipality?: string;
}

export const fetchEditions = () => getJson<{ editions: EditionSummary[] }>(`${PUBLIC_API}/editions`).then((body) => body.editions);

export const fetchEdition = (id: string) => getJson<Edition>(`${PUBLIC_API}/editions/${encodeURIComponent(id)}`);

export const editionCsvUrl = (id: string, filters: RankingFilters) =>
  `${PUBLIC_API}/editions/${encodeURIComponent(id)}${queryString({ format: 'csv', ...filters })}`;

export const editionJsonUrl = (id: string, filters: RankingFilters) =>
  `${PUBLIC_API}/editions/${encodeURIComponent(id)}${queryString({ ...filters })}`;

export interface PublicAccount {
  id: string;
  network: string;
  url: string;
  handle: string;
  status: string;
}

export interface CriterionResult {
  code: string;
  name: string;
  passed: boolean | null;
  value: string | null;
  explanation: string;
}

export interface ScorePoint {
  editionId: string;
  title: string;
  periodEnd: string;
  score: number | null;
  rank: number | null;
}

export interface OrganizationProfile {
  id: string;
  fullName: string;
  shortName: string;
  category: string;
  sector: string;
  municipality: string | null;
  parent: { id: string; name: string } | null;
  website: string | null;
  accounts: PublicAccount[];
  history: ScorePoint[];
  criteria: CriterionResult[];
}

export const fetchOrganization = (id: string) => getJson<OrganizationProfile>(`${PUBLIC_API}/organizations/${encodeURIComponent(id)}`);

export interface MethodologyCriterion {
  code: string;
  name: string;
  description: string;
  weight: number;
  threshold: string | null;
  manual: boolean;
}

export interface MethodologyVersion {
  version: string;
  validFrom: string;
  description: string | null;
  criteria: MethodologyCriterion[];
}

export const fetchMethodology = () => getJson<{ versions: MethodologyVersion[] }>(`${PUBLIC_API}/methodology`).then((body) => body.versions);

export interface AccountCheck {
  official: boolean;
  account: PublicAccount | null;
  organization: { id: string; name: string } | null;
}

export const checkAccount = (url: string) => getJson<AccountCheck>(`${PUBLIC_API}/accounts/check${queryString({ url })}`);

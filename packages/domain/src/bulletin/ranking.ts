import type { BulletinOrganization } from './dataset';
import { scoreDelta } from './format';

export interface RankedOrganization {
  organization: BulletinOrganization;
  score: number;
  /** Competition ranking: ties share a rank, the next rank skips (1, 2, 2, 4). */
  rank: number;
}

const RUSSIAN = new Intl.Collator('ru');
export const compareByName = (a: BulletinOrganization, b: BulletinOrganization): number => RUSSIAN.compare(a.name, b.name) || a.id - b.id;

/** Organizations with a score for the chosen period, best first; equal scores are ordered by name. */
export function rankOrganizations(organizations: readonly BulletinOrganization[], which: 'current' | 'previous'): RankedOrganization[] {
  const scored = organizations
    .map((organization) => ({ organization, score: which === 'current' ? organization.scoreCurrent : organization.scorePrevious }))
    .filter((row): row is { organization: BulletinOrganization; score: number } => row.score !== null)
    .sort((a, b) => b.score - a.score || compareByName(a.organization, b.organization));
  const ranked: RankedOrganization[] = [];
  scored.forEach((row, index) => {
    const previous = ranked[index - 1];
    ranked.push({ ...row, rank: previous && previous.score === row.score ? previous.rank : index + 1 });
  });
  return ranked;
}

export interface Mover {
  organization: BulletinOrganization;
  delta: number;
}

/** The largest rises and falls between the two periods, `size` of each, largest first. */
export function biggestMovers(organizations: readonly BulletinOrganization[], size: number): { up: Mover[]; down: Mover[] } {
  const moved = organizations
    .map((organization) => ({ organization, delta: scoreDelta(organization.scoreCurrent, organization.scorePrevious) }))
    .filter((row): row is Mover => row.delta !== null && row.delta !== 0);
  const up = moved.filter((m) => m.delta > 0).sort((a, b) => b.delta - a.delta || compareByName(a.organization, b.organization));
  const down = moved.filter((m) => m.delta < 0).sort((a, b) => a.delta - b.delta || compareByName(a.organization, b.organization));
  return { up: up.slice(0, size), down: down.slice(0, size) };
}

export const mean = (values: readonly number[]): number | null => (values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length);

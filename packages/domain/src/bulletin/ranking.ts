import type { BulletinOrganization } from './dataset';
import { scoreDelta } from './format';
import { splitMovers, type Moved } from '../ranking/movers';

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

/** The largest rises and falls between the two periods, `size` of each, largest first (the domain's one movers rule). */
export function biggestMovers(organizations: readonly BulletinOrganization[], size: number): { up: Mover[]; down: Mover[] } {
  const split = splitMovers(organizations, (o) => scoreDelta(o.scoreCurrent, o.scorePrevious), compareByName, size);
  const toMover = (m: Moved<BulletinOrganization>): Mover => ({ organization: m.item, delta: m.change });
  return { up: split.improved.map(toMover), down: split.fallen.map(toMover) };
}

export const mean = (values: readonly number[]): number | null => (values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length);

import type { Actor } from '../actor';

export type { Actor as ScoringActor } from '../actor';

export const SYSTEM_ACTOR: Actor = { id: null, label: 'scoring' };

/** Who did something, for the audit log. */
export interface ScoringActor {
  id: number | null;
  label: string;
}

export const SYSTEM_ACTOR: ScoringActor = { id: null, label: 'scoring' };

/** Who did something, for the audit log and the *_by columns: a signed-in user, or a named system process. */
export interface Actor {
  id: number | null;
  label: string;
}

/** Who did something, for the audit log and the *_by columns: a signed-in user, or a named system process. */
export interface Actor {
  id: number | null;
  label: string;
}

/** An actor that is a signed-in user (never a system process): what a request's context carries. */
export interface UserActor extends Actor {
  id: number;
}

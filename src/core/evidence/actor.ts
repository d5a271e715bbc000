// Who did something, as an evidence entry names them: the audit log's actor (`user:<id>:<login>` or
// `apikey:<id>:<name>`, accounts/principal.ts) reduced to ids, since a login may be an e-mail address
// and entries carry nothing personal. Anything else (the system, a recipient) is nobody: by = null.

export interface EvidenceActor {
  /** The person's user id; null for a program (API key) or the system. */
  by: number | null;
  /** The API key's id when a program did it. */
  key?: number;
}

export function evidenceActor(actor: string | null | undefined): EvidenceActor {
  const m = /^(user|apikey):(\d+):/.exec(actor ?? '');
  if (!m) return { by: null };
  const id = Number(m[2]);
  return m[1] === 'user' ? { by: id } : { by: null, key: id };
}

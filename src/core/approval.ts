// Approval before a send (maker/checker), pure: the states a request moves through, what it asks for,
// and who may decide it. An operator requests; someone else with the approver permission approves or
// rejects; a request whose campaign changed since (list, template, page) no longer applies (stale).

/**
 * pending → approved | rejected | withdrawn | stale. An approved request may still turn stale when the
 * campaign changes before it is sent; one that was used to send stays approved (sent_at set).
 */
export const APPROVAL_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn', 'stale'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** Send at once when approved, or put on schedule for `scheduled_at`. */
export const APPROVAL_KINDS = ['now', 'schedule'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

/** Who asked or decided: a person (user id) or a program (API key id). */
export type Requester = { kind: 'user'; id: number } | { kind: 'apikey'; id: number };

/** Nobody approves their own request: the same person, or the same API key. */
export function sameRequester(a: Requester, b: Requester): boolean {
  return a.kind === b.kind && a.id === b.id;
}

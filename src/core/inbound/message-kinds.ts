// The kinds of messages besides a campaign's own, as stored in messages.kind: both carry their text
// (body_enc) from the moment they are queued.

/** An operator's answer in a conversation. Never sent to a number on the suppression list. */
export const REPLY_KIND = 'reply';
/** The confirmation after an opt-out: the one message a suppressed number still gets. */
export const CONFIRMATION_KIND = 'confirmation';

/** The confirmation of a promise to pay made on the recipient's page (self-service). Not sent to a suppressed number. */
export const PROMISE_CONFIRMATION_KIND = 'promise_confirmation';

export const CONVERSATION_KINDS: readonly MessageKind[] = [REPLY_KIND, CONFIRMATION_KIND, PROMISE_CONFIRMATION_KIND];

/**
 * A test send to one of the organisation's own test numbers (messages.test_to_enc), with the campaign's text
 * filled from one row: sent whatever the campaign's state (a draft too), never counted in its figures.
 */
export const TEST_KIND = 'test';

/** Kinds a worker sends whatever became of their campaign (it is not sending, or still a draft). */
export const UNBOUND_KINDS: readonly MessageKind[] = [...CONVERSATION_KINDS, TEST_KIND];

/**
 * A step of the campaign's cadence (督促シナリオ), seq = the step's number: rendered when sent from the step's
 * template (or the campaign's), like the campaign's own message; it goes while the cadence runs and the
 * campaign's send is confirmed (store/queue/claim.ts), through the same contact policy.
 */
export const STEP_KIND = 'step';

/** messages.kind: a campaign's own message (rendered from its template when sent) or one of the above. */
export const MESSAGE_KINDS = ['campaign', REPLY_KIND, CONFIRMATION_KIND, TEST_KIND, PROMISE_CONFIRMATION_KIND, STEP_KIND] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

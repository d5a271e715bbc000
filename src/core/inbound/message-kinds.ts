// The kinds of messages besides a campaign's own, as stored in messages.kind: both carry their text
// (body_enc) from the moment they are queued.

/** An operator's answer in a conversation. Never sent to a number on the suppression list. */
export const REPLY_KIND = 'reply';
/** The confirmation after an opt-out: the one message a suppressed number still gets. */
export const CONFIRMATION_KIND = 'confirmation';

export const CONVERSATION_KINDS: readonly MessageKind[] = [REPLY_KIND, CONFIRMATION_KIND];

/** messages.kind: a campaign's own message (rendered from its template when sent) or one of the above. */
export const MESSAGE_KINDS = ['campaign', REPLY_KIND, CONFIRMATION_KIND] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

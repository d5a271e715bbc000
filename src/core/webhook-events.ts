// The events integrators can subscribe to and the `data` each carries, pure. Times are ISO 8601 (UTC);
// ids are the numbers the REST API uses. A body is the envelope {id, type, createdAt, data}; the same
// event sent again (a retry) is byte for byte the same body, so receivers can deduplicate on `id`.
import type { MessageState } from './message.ts';

export const WEBHOOK_EVENT_TYPES = ['message.status', 'message.reply', 'campaign.completed', 'survey.answered', 'payment.succeeded', 'promise.created'] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** A message reached a final state: delivered, undeliverable, expired, rejected, failed or cancelled. */
export interface MessageStatusData {
  messageId: number;
  campaignId: number;
  recipientId: number;
  /** 0: the campaign's message; 1, 2 …: later ones to the same person (steps, replies). */
  seq: number;
  state: MessageState;
  route: string | null;
  carrierState: string | null;
  errorCode: string | null;
  submittedAt: string | null;
  finalAt: string | null;
}

/** An SMS from a person (MO), matched to the message it answers when it could be. */
export interface MessageReplyData {
  /** The reply's own id in the inbox. */
  replyId: number;
  /** E.164; the only personal number any event carries. */
  from: string;
  text: string;
  receivedAt: string;
  campaignId: number | null;
  /** The message it answers, when matched. */
  messageId: number | null;
  recipientId: number | null;
  /** Tagged intent (paid, promise, question, wrong_person, opt_out, other), when known. */
  intent: string | null;
  /** It asked to stop (停止, STOP …) and the number is now suppressed. */
  optOut: boolean;
}

/** A campaign has nothing left to hand to a carrier; receipts (message.status) keep arriving after. */
export interface CampaignCompletedData {
  campaignId: number;
  name: string;
  completedAt: string;
  /** Messages per state at completion. */
  counts: Record<string, number>;
}

export interface SurveyAnsweredData {
  campaignId: number;
  messageId: number;
  /** Question id → the answer (option id(s), text or YYYY-MM-DD). */
  answers: Record<string, unknown>;
  /** true the first time, false when the person changed earlier answers. */
  first: boolean;
  answeredAt: string;
}

export interface PaymentSucceededData {
  campaignId: number;
  messageId: number;
  /** In the currency's smallest unit (yen). */
  amount: number;
  currency: string;
  provider: string;
  /** The provider's event that confirmed it. */
  providerEventId: string;
  paidAt: string;
}

/** A person promised on their page to pay by a date (self-service); a newer promise replaces an open one. */
export interface PromiseCreatedData {
  /** The promise's id (GET /api/v1/debtor-actions). */
  promiseId: number;
  campaignId: number;
  messageId: number;
  recipientId: number;
  /** YYYY-MM-DD. */
  promisedDate: string;
  /** Yen, when the person gave one. */
  amount: number | null;
  /** The open promise this one replaced, if any. */
  replaces: number | null;
  createdAt: string;
}

export interface WebhookEventData {
  'message.status': MessageStatusData;
  'message.reply': MessageReplyData;
  'campaign.completed': CampaignCompletedData;
  'survey.answered': SurveyAnsweredData;
  'payment.succeeded': PaymentSucceededData;
  'promise.created': PromiseCreatedData;
}

export function isoTime(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** The columns of a message row a status event is made of. */
export interface MessageStatusRow {
  id: number;
  campaign_id: number;
  recipient_id: number;
  seq: number;
  state: MessageState;
  route: string | null;
  carrier_state: string | null;
  error_code: string | null;
  submitted_at: number | null;
  final_at: number | null;
}

export const MESSAGE_STATUS_COLUMNS = ['id', 'campaign_id', 'recipient_id', 'seq', 'state', 'route', 'carrier_state', 'error_code', 'submitted_at', 'final_at'] as const;

export function messageStatusData(m: MessageStatusRow): MessageStatusData {
  return {
    messageId: m.id,
    campaignId: m.campaign_id,
    recipientId: m.recipient_id,
    seq: m.seq,
    state: m.state,
    route: m.route,
    carrierState: m.carrier_state,
    errorCode: m.error_code,
    submittedAt: isoTime(m.submitted_at),
    finalAt: isoTime(m.final_at),
  };
}

/** The JSON body of one event, as sent (and signed). */
export function eventBody(event: { id: number; type: string; createdAt: number; data: unknown }): string {
  return JSON.stringify({ id: event.id, type: event.type, createdAt: new Date(event.createdAt).toISOString(), data: event.data });
}

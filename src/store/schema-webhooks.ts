// Table shapes of outbound webhooks: subscriptions (an integrator's URL, the events it wants and its
// sealed signing secret), the event outbox written in the same transaction as the state change, one
// delivery per (event, subscription) with its retry state, and every attempt made (the delivery log).
import type { Generated, Selectable } from 'kysely';

export type WebhookDeliveryStatus = 'pending' | 'delivering' | 'delivered' | 'failed';

export interface WebhookSubscriptionTable {
  id: Generated<number>;
  url: string;
  /** JSON array of event types, sorted, e.g. ["campaign.completed","message.status"]. */
  events_json: string;
  description: string | null;
  /** 1: deliveries go out; 0: they wait (nothing is lost while disabled). */
  enabled: number;
  /** The signing secret (whsec_…), sealed by the vault. */
  secret_enc: string;
  /** After a rotation the old secret also signs until previous_secret_until, so receivers can switch over. */
  previous_secret_enc: string | null;
  previous_secret_until: number | null;
  secret_rotated_at: number | null;
  created_at: number;
  updated_at: number;
}

/** The outbox: one row per event, its `data` sealed (replies carry a phone number and a text). */
export interface WebhookEventTable {
  id: Generated<number>;
  type: string;
  payload_enc: string;
  created_at: number;
}

export interface WebhookDeliveryTable {
  id: Generated<number>;
  event_id: number;
  subscription_id: number;
  status: WebhookDeliveryStatus;
  /** Attempts started (a claim counts one). */
  attempts: Generated<number>;
  next_attempt_at: number;
  worker_id: string | null;
  claimed_at: number | null;
  last_status_code: number | null;
  last_error: string | null;
  last_attempt_at: number | null;
  delivered_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface WebhookAttemptTable {
  id: Generated<number>;
  delivery_id: number;
  attempt: number;
  started_at: number;
  duration_ms: number;
  /** The receiver's HTTP status; null when there was no answer (refused, timed out). */
  status_code: number | null;
  error: string | null;
}

export interface WebhookTables {
  webhook_subscriptions: WebhookSubscriptionTable;
  webhook_events: WebhookEventTable;
  webhook_deliveries: WebhookDeliveryTable;
  webhook_attempts: WebhookAttemptTable;
}

export type WebhookSubscriptionRow = Selectable<WebhookSubscriptionTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveryTable>;
export type WebhookAttemptRow = Selectable<WebhookAttemptTable>;

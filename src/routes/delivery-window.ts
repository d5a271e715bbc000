// How long a route's messages may take to reach the phone, and what happens to one whose submit answer was
// lost: the settings every route kind shares (`validityMinutes`, `resendUnconfirmed`), the validity the
// carrier is told (SMPP validity_period, Twilio's ValidityPeriod), and the waiting rule the upkeep applies.
import { z } from 'zod';
import type { RouteRecord } from '../core/route-record.ts';

/** 48 hours: long enough for a phone switched off over a weekend, short enough to be told to the carrier. */
export const DEFAULT_VALIDITY_MINUTES = 48 * 60;
/** SMPP's relative time can say more, but carriers keep messages a week at most. */
export const MAX_VALIDITY_MINUTES = 7 * 24 * 60;
/** Twilio's ValidityPeriod is at most 36,000 s (10 h): a longer validity is capped there for HTTP routes. */
export const TWILIO_MAX_VALIDITY_SECONDS = 36_000;
/** A receipt may come a while after the validity ends (the carrier's last try, its queue of receipts). */
export const LATE_RECEIPT_MARGIN_MS = 60 * 60_000;

/** The zod fields both route kinds' schemas include (their defaults live here, once). */
export const deliveryWindowFields = {
  /** How long the carrier may keep trying (validity_period); after it (plus a margin) an unreceipted message is 送達不明. */
  validityMinutes: z.number().int().min(1).max(MAX_VALIDITY_MINUTES).default(DEFAULT_VALIDITY_MINUTES),
  /**
   * A message whose submit answer was lost is sent again after TODOKU_UNCONFIRMED_GRACE_MS without a receipt.
   * Off by default: the carrier may have it, and a slow receipt would make the person get it twice.
   */
  resendUnconfirmed: z.boolean().default(false),
};

const windowSchema = z.object({ ...deliveryWindowFields, validityPeriodSeconds: z.number().int().min(1).optional() });

export interface DeliveryWindow {
  /** How long the carrier holds the message: what it is told, and how long we wait for its receipt. */
  validityMs: number;
  resendUnconfirmed: boolean;
}

/** A route record's delivery window; settings that do not parse fall back to the defaults (the route itself refuses to start). */
export function deliveryWindow(record: Pick<RouteRecord, 'kind' | 'config'>): DeliveryWindow {
  const parsed = windowSchema.safeParse(record.config);
  const c = parsed.success ? parsed.data : windowSchema.parse({});
  const isHttp = record.kind === 'http' || record.kind === 'http-simulator';
  return { validityMs: (isHttp ? twilioValiditySeconds(c) : c.validityMinutes * 60) * 1000, resendUnconfirmed: c.resendUnconfirmed };
}

/** Twilio's ValidityPeriod: an explicit validityPeriodSeconds, else validityMinutes capped at 36,000 s. */
export function twilioValiditySeconds(c: { validityMinutes: number; validityPeriodSeconds?: number | undefined }): number {
  return Math.min(c.validityPeriodSeconds ?? c.validityMinutes * 60, TWILIO_MAX_VALIDITY_SECONDS);
}

/**
 * SMPP 3.4 §7.1.1 relative time, "YYMMDDhhmmss000R": the carrier counts from when it receives the
 * submit, so neither side's clock or time zone matters.
 */
export function smppRelativeValidity(minutes: number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  return `0000${two(days)}${two(hours)}${two(mins)}00000R`;
}

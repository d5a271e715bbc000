// A way out as the routes table describes it: what the worker reads to start a route and its
// dispatcher, and what the administrator edits. The settings (`config`) are the route kind's own.

/** smpp: a carrier's SMSC; http: a Twilio-shaped provider; *-simulator: the built-in stand-ins. */
export const ROUTE_KINDS = ['smpp', 'http', 'simulator', 'http-simulator'] as const;
export type RouteKind = (typeof ROUTE_KINDS)[number];

export interface RouteRecord {
  id: number;
  name: string;
  kind: RouteKind;
  profile: string;
  priority: number;
  enabled: boolean;
  sender: string;
  ratePerSecond: number | null;
  config: Record<string, unknown>;
  updatedAt: number;
}

// A way out as the routes table describes it: what the worker reads to start a route and its
// dispatcher, and what the administrator edits. The settings (`config`) are the route kind's own.

export interface RouteRecord {
  id: number;
  name: string;
  kind: string;
  profile: string;
  priority: number;
  enabled: boolean;
  sender: string;
  ratePerSecond: number | null;
  config: Record<string, unknown>;
  updatedAt: number;
}

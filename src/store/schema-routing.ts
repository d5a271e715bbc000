// Table shapes of migration 0002: routes, part ids of long messages, pacing, inbound, suppressions.
import type { Generated } from 'kysely';
import type { RouteKind } from '../core/route-record.ts';

export interface RouteTable {
  id: Generated<number>;
  name: string;
  kind: RouteKind;
  /** Sender profile: routes of one profile back each other up (failover). */
  profile: string;
  priority: number;
  enabled: number;
  sender: string;
  rate_per_second: number | null;
  /** Sealed JSON of the route's settings (it holds passwords and tokens). */
  config_enc: string;
  created_at: number;
  updated_at: number;
}

export interface MessagePartTable {
  route: string;
  smsc_id: string;
  message_id: number;
  part: number;
}

export interface RoutePacingTable {
  route: string;
  second: number;
  used: number;
}

export interface InboundTable {
  id: Generated<number>;
  route: string;
  from_hash: string;
  from_enc: string;
  to_addr: string;
  text_enc: string;
  received_at: number;
  campaign_id: number | null;
  message_id: number | null;
  intent: string | null;
  opt_out: Generated<number>;
  read_at: number | null;
}

export interface SuppressionTable {
  phone_hash: string;
  phone_enc: string;
  reason: string;
  source: string;
  created_at: number;
}

export interface RoutingTables {
  routes: RouteTable;
  message_parts: MessagePartTable;
  route_pacing: RoutePacingTable;
  inbound_messages: InboundTable;
  suppressions: SuppressionTable;
}

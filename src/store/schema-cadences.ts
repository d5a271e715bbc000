// Table shapes of migration 0019: cadences (督促シナリオ) and the people in them.
import type { Generated, Selectable } from 'kysely';
import type { CadenceState, LeaveReason, MemberState } from '../core/cadence/states.ts';

export interface CadenceTable {
  id: Generated<number>;
  campaign_id: number;
  name: string;
  /** The structured definition (core/cadence/definition.ts), JSON. */
  definition_json: string;
  state: CadenceState;
  created_at: number;
  /** The audit log's actor who wrote the current definition. */
  created_by: string;
  updated_at: number;
  started_at: number | null;
  paused_at: number | null;
  stopped_at: number | null;
  completed_at: number | null;
}

export interface CadenceMemberTable {
  id: Generated<number>;
  cadence_id: number;
  campaign_id: number;
  recipient_id: number;
  /** The last step reached (queued or skipped); 0 before the first. */
  step: Generated<number>;
  state: MemberState;
  step_at: number | null;
  next_at: number | null;
  paused_until: number | null;
  left_reason: LeaveReason | null;
  left_at: number | null;
  left_step: number | null;
  /** JSON {"<step>": SkipReason} for the steps reached but not sent. */
  skipped_json: string | null;
  updated_at: number;
}

/** Which step a message of kind 'step' is: once per (cadence, person, step). */
export interface CadenceMessageTable {
  message_id: number;
  cadence_id: number;
  campaign_id: number;
  recipient_id: number;
  step: number;
  created_at: number;
}

export interface CadenceTables {
  cadences: CadenceTable;
  cadence_members: CadenceMemberTable;
  cadence_messages: CadenceMessageTable;
}

export type CadenceRow = Selectable<CadenceTable>;
export type CadenceMemberRow = Selectable<CadenceMemberTable>;

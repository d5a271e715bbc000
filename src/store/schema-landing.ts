// Table shapes of the recipient's side: the organisation's branding, each campaign's landing page
// settings, each message's identity-check state, and what happened on the pages (opens, tries).
import type { Generated, Selectable } from 'kysely';

/** One row (id 1): who the organisation is, as recipients and the anti-smishing page see it. */
export interface OrganisationSettingsTable {
  id: number;
  name: string;
  name_en: string | null;
  logo_url: string | null;
  /** An uploaded logo: its MIME type and the bytes, base64. */
  logo_type: string | null;
  logo_data: string | null;
  primary_colour: string;
  accent_colour: string;
  contact_phone: string | null;
  contact_hours: string | null;
  contact_hours_en: string | null;
  /** JSON array of strings: 発信番号 or alphanumeric sender ids. */
  official_senders_json: string;
  /** What recipients' links start with, as shown on the anti-smishing page. */
  link_base: string | null;
  /** JSON array of further official link bases (https URLs), e.g. an old short domain. */
  official_link_bases_json: string;
  /** JSON array of the organisation's official short names (「さくら債権回収」), counted as its name by the wording check. */
  short_names_json: string;
  sample_message: string | null;
  updated_at: number;
  /** 1: sends and schedules need an approver's approval first (migration 0016). */
  approval_required: Generated<number>;
  /** JSON array of E.164 numbers: the organisation's own phones for test sends (migration 0016). */
  test_numbers_json: Generated<string>;
  /** The sender's legal identity (migration 0017): 法人名, 所在地, and 登録番号など as a JSON array of lines. */
  legal_name: string | null;
  address: string | null;
  registration_numbers_json: Generated<string>;
  /** Days after a campaign ends before personal data not kept as evidence is removed (null: kept). */
  retention_days: number | null;
}

export type VerificationMethod = 'birth_date' | 'id_suffix' | 'postal_code' | 'pin';

export interface CampaignLandingTable {
  campaign_id: number;
  method: VerificationMethod;
  /** The recipient field (column) holding the expected answer. */
  column_name: string;
  /** id_suffix: how many trailing digits are asked for. */
  digits: number | null;
  /** 開封期限: after this the page shows only whom to contact. null: no expiry. */
  expires_at: number | null;
  notice: string;
  notice_en: string | null;
  /** JSON {name?, phone, hours, hoursEn?}: overrides the organisation's contact for this campaign. */
  contact_json: string | null;
  updated_at: number;
}

/** Per message: wrong tries so far (5 lock the page), and a generation that invalidates old sessions. */
export interface LandingStateTable {
  message_id: number;
  failed_attempts: number;
  locked_at: number | null;
  verified_at: number | null;
  session_generation: number;
  updated_at: number;
}

export type LandingEventKind = 'open' | 'verify_failed' | 'verified' | 'locked' | 'refused' | 'unlocked' | 'expired_view';

/** What happened on a message's page. Never the IP in clear: a keyed hash of it. */
export interface LandingEventTable {
  id: Generated<number>;
  message_id: number;
  campaign_id: number;
  kind: LandingEventKind;
  at: number;
  browser: string | null;
  os: string | null;
  platform: string | null;
  ip_hash: string | null;
}

/** One visitor seen opening one message's link in one window: an open is recorded only with a new mark. */
export interface LandingOpenMarkTable {
  message_id: number;
  /** Keyed hash of the address and browser family. */
  visitor_hash: string;
  /** Window number: floor(time / window length). */
  bucket: number;
}

export interface LandingDatabase {
  organisation_settings: OrganisationSettingsTable;
  campaign_landing: CampaignLandingTable;
  landing_states: LandingStateTable;
  landing_events: LandingEventTable;
  landing_open_marks: LandingOpenMarkTable;
}

export type OrganisationSettings = Selectable<OrganisationSettingsTable>;
export type CampaignLanding = Selectable<CampaignLandingTable>;
export type LandingState = Selectable<LandingStateTable>;
export type LandingEvent = Selectable<LandingEventTable>;

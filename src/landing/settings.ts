// Operators' settings for the recipient's side: a campaign's landing page (identity check, expiry,
// notice, contact) and the organisation's branding. Checked here against the campaign's columns, so a
// page that cannot work is refused when it is set up, not discovered by a recipient.
import type { Store } from '../store/index.ts';
import type { Campaign } from '../store/schema.ts';
import type { CampaignLanding, OrganisationSettings } from '../store/schema-landing.ts';
import { TodokuError } from '../core/errors.ts';
import { DEFAULT_COLUMN, DEFAULT_DIGITS, type VerificationMethod } from './answers.ts';
import { compileNotice } from './notice.ts';
import type { Contact } from './organisation.ts';
import { decodeColumns, type ImportedColumn } from '../core/csv/imported-columns.ts';

export interface LandingSettingsInput {
  verification: { method: VerificationMethod; column?: string | undefined; digits?: number | undefined };
  expiresAt: number | null;
  notice: string;
  noticeEn?: string | null | undefined;
  contact?: Contact | null | undefined;
}

export interface OrganisationSettingsInput {
  name: string;
  nameEn?: string | null | undefined;
  logoUrl?: string | null | undefined;
  colours?: { primary: string; accent: string } | undefined;
  contact?: { phone: string; hours: string; hoursEn?: string | null | undefined } | null | undefined;
  officialSenders: string[];
  linkBase?: string | null | undefined;
  officialLinkBases?: string[] | undefined;
  shortNames?: string[] | undefined;
  sampleMessage?: string | null | undefined;
  /** Left out: kept as set before; null or []: cleared. */
  legalName?: string | null | undefined;
  address?: string | null | undefined;
  registrationNumbers?: string[] | undefined;
  retentionDays?: number | null | undefined;
}

/**
 * The fewest trailing digits an id_suffix check may ask for: with 5 tries, 2 digits are a 5 % guess and
 * 3 digits 0.5 %; 4 digits bring it to 0.05 %.
 */
export const MIN_ID_SUFFIX_DIGITS = 4;

function checkDigits(digits: number): void {
  if (digits >= MIN_ID_SUFFIX_DIGITS) return;
  throw new TodokuError(
    'TODOKU_E_LANDING_DIGITS',
    {
      ja: `番号の下${digits}桁では推測されやすいため、本人確認には下${MIN_ID_SUFFIX_DIGITS}桁以上を指定してください`,
      en: `${digits} trailing digits are too easy to guess; an identity check by the last digits of a number needs at least ${MIN_ID_SUFFIX_DIGITS}`,
    },
    { digits, minimum: MIN_ID_SUFFIX_DIGITS },
  );
}

/** Fields always available to a notice besides the list's columns. */
const BUILT_IN_FIELDS = new Set(['url']);

function columnsOf(c: Campaign): ImportedColumn[] {
  return decodeColumns(c.columns_json);
}

/** The field the answer is read from: a field name or a header as written in the list. */
function resolveColumn(c: Campaign, method: VerificationMethod, given: string | undefined): string {
  const wanted = given ?? DEFAULT_COLUMN[method];
  const columns = columnsOf(c);
  if (columns.length === 0) return wanted;
  const match = columns.find((col) => col.field === wanted) ?? columns.find((col) => col.header === wanted);
  if (!match) {
    throw new TodokuError(
      'TODOKU_E_LANDING_COLUMN',
      { ja: `本人確認に使う列「${wanted}」がこのキャンペーンの宛先リストにありません`, en: `the identity-check column "${wanted}" is not in this campaign's list` },
      { column: wanted, columns: columns.map((col) => col.field) },
    );
  }
  return match.field;
}

function checkNotice(c: Campaign, source: string): void {
  const compiled = compileNotice(source);
  const columns = columnsOf(c);
  if (columns.length === 0) return;
  // A notice may name a column by its field (external_id) or as the list's header wrote it (学籍番号).
  const have = new Set(columns.flatMap((col) => [col.field, col.header]));
  const missing = compiled.fieldNames.filter((f) => !have.has(f) && !BUILT_IN_FIELDS.has(f));
  if (missing.length > 0) {
    throw new TodokuError(
      'TODOKU_E_NOTICE_FIELDS',
      { ja: `本文の差込項目（${missing.join('、')}）が宛先リストにありません`, en: `the notice uses fields not in the list: ${missing.join(', ')}` },
      { missing },
    );
  }
}

export async function saveCampaignLanding(store: Store, c: Campaign, input: LandingSettingsInput, actor: string): Promise<CampaignLanding> {
  const { method } = input.verification;
  const digits = method === 'id_suffix' ? (input.verification.digits ?? DEFAULT_DIGITS) : null;
  if (digits !== null) checkDigits(digits);
  const column = resolveColumn(c, method, input.verification.column);
  checkNotice(c, input.notice);
  if (input.noticeEn) checkNotice(c, input.noticeEn);
  const saved = await store.landing.putCampaignLanding(c.id, {
    method,
    column_name: column,
    digits,
    expires_at: input.expiresAt,
    notice: input.notice,
    notice_en: input.noticeEn ?? null,
    contact_json: input.contact ? JSON.stringify(input.contact) : null,
  });
  await store.audit.append({
    actor,
    action: 'campaign.landing.update',
    target: `campaign:${c.id}`,
    details: { method, column, expiresAt: input.expiresAt, noticeLength: input.notice.length },
  });
  return saved;
}

export async function saveOrganisation(store: Store, input: OrganisationSettingsInput, actor: string): Promise<OrganisationSettings> {
  // A link base left out (the console's form has no field for it) keeps the one set before; null clears it.
  const before = await store.landing.organisation();
  const linkBase = input.linkBase === undefined ? (before?.link_base ?? null) : input.linkBase;
  const saved = await store.landing.putOrganisation({
    name: input.name,
    name_en: input.nameEn ?? null,
    logo_url: input.logoUrl ?? null,
    primary_colour: input.colours?.primary ?? '#1d4f91',
    accent_colour: input.colours?.accent ?? '#b3261e',
    contact_phone: input.contact?.phone ?? null,
    contact_hours: input.contact?.hours ?? null,
    contact_hours_en: input.contact?.hoursEn ?? null,
    official_senders_json: JSON.stringify(input.officialSenders),
    link_base: linkBase,
    official_link_bases_json: JSON.stringify(input.officialLinkBases ?? []),
    short_names_json: JSON.stringify(input.shortNames ?? []),
    sample_message: input.sampleMessage ?? null,
    // The sender's legal identity and the retention setting: a form or client that leaves them out keeps them.
    legal_name: input.legalName === undefined ? (before?.legal_name ?? null) : input.legalName?.trim() || null,
    address: input.address === undefined ? (before?.address ?? null) : input.address?.trim() || null,
    registration_numbers_json: input.registrationNumbers === undefined ? (before?.registration_numbers_json ?? '[]') : JSON.stringify(input.registrationNumbers),
    retention_days: input.retentionDays === undefined ? (before?.retention_days ?? null) : input.retentionDays,
  });
  await store.audit.append({ actor, action: 'organisation.update', target: 'organisation', details: { name: input.name, officialSenders: input.officialSenders.length, officialLinkBases: input.officialLinkBases ?? [], shortNames: input.shortNames ?? [] } });
  if (saved.retention_days !== (before?.retention_days ?? null)) {
    // How long personal data is kept is a decision of its own, audited as one.
    await store.audit.append({ actor, action: 'organisation.retention', target: 'organisation', details: { from: before?.retention_days ?? null, to: saved.retention_days } });
  }
  return saved;
}

/** Logos recipients' phones can show, recognised by their first bytes (never SVG: it can carry script). */
export function logoType(bytes: Buffer): 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif' | undefined {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  return undefined;
}

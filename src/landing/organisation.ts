// The organisation as recipients see it (name, logo, colours, whom to call, official senders), from its
// stored settings or, before an administrator has set them, from sensible defaults.
import type { OrganisationSettings } from '../store/schema-landing.ts';

export interface Contact {
  /** Who answers, e.g. 学生課 奨学金係; the organisation's name when absent. */
  name?: string | null | undefined;
  phone: string;
  hours: string;
  hoursEn?: string | null | undefined;
}

export interface Organisation {
  name: string;
  nameEn: string | null;
  logo: { kind: 'url'; url: string } | { kind: 'uploaded'; type: string; version: number } | null;
  colours: { primary: string; accent: string };
  contact: Contact | null;
  officialSenders: string[];
  linkBase: string;
  /** Further official link bases (e.g. an old short domain): links there count as ours on /verify. */
  officialLinkBases: string[];
  /** Official short names (「さくら債権回収」): the wording check counts them as the sender's name. */
  shortNames: string[];
  sampleMessage: string | null;
  updatedAt: number;
  /** The sender's legal identity (requirement 6): 法人名, 所在地, and lines such as 債権回収会社 法務大臣許可番号. */
  legalName: string | null;
  address: string | null;
  registrationNumbers: string[];
  /** Days after a campaign ends before personal data not kept as evidence is removed (null: kept). */
  retentionDays: number | null;
}

export const DEFAULT_COLOURS = { primary: '#1d4f91', accent: '#b3261e' } as const;

export interface OrganisationDefaults {
  /** The route's sender (TODOKU_SENDER), the one official sender until others are listed. */
  sender: string;
  /** TODOKU_LINK_BASE, or the listening address's /l (known only once the server listens). */
  linkBase: () => string;
}

export function toOrganisation(row: OrganisationSettings | undefined, defaults: OrganisationDefaults): Organisation {
  if (!row) {
    return {
      name: 'Todoku',
      nameEn: null,
      logo: null,
      colours: { ...DEFAULT_COLOURS },
      contact: null,
      officialSenders: [defaults.sender],
      linkBase: defaults.linkBase(),
      officialLinkBases: [],
      shortNames: [],
      sampleMessage: null,
      updatedAt: 0,
      legalName: null,
      address: null,
      registrationNumbers: [],
      retentionDays: null,
    };
  }
  const senders = JSON.parse(row.official_senders_json) as string[];
  return {
    name: row.name,
    nameEn: row.name_en,
    logo: row.logo_data && row.logo_type ? { kind: 'uploaded', type: row.logo_type, version: row.updated_at } : row.logo_url ? { kind: 'url', url: row.logo_url } : null,
    colours: { primary: row.primary_colour, accent: row.accent_colour },
    contact: row.contact_phone ? { phone: row.contact_phone, hours: row.contact_hours ?? '', hoursEn: row.contact_hours_en } : null,
    officialSenders: senders.length > 0 ? senders : [defaults.sender],
    linkBase: row.link_base ?? defaults.linkBase(),
    officialLinkBases: JSON.parse(row.official_link_bases_json) as string[],
    shortNames: JSON.parse(row.short_names_json) as string[],
    sampleMessage: row.sample_message,
    updatedAt: row.updated_at,
    legalName: row.legal_name,
    address: row.address,
    registrationNumbers: JSON.parse(row.registration_numbers_json) as string[],
    retentionDays: row.retention_days,
  };
}

/** A campaign's own contact wins over the organisation's. */
export function contactFor(org: Organisation, campaignContactJson: string | null | undefined): Contact | null {
  if (campaignContactJson) return JSON.parse(campaignContactJson) as Contact;
  return org.contact;
}

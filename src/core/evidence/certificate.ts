// A 記録証明書 (certificate of records) as data: what one message's recipient was sent and when each fact
// about it was recorded, with everything needed to check it without Todoku — each ledger entry's leaf text
// and its inclusion proof, the signed (and, with a TSA, time-stamped) tree head they lead to, and the
// contents the entries commit to, revealed with their nonces. The PDF (src/evidence/certificate/pdf.ts)
// draws it and carries it as an attachment (certificate.json); verify-certificate.ts checks it.
// JSON-serialisable: numbers, strings, arrays and plain objects only.
import type { EvidenceKind } from './entry.ts';
import { localParts } from '../policy/time.ts';

export const CERTIFICATE_VERSION = 'todoku-certificate/1';

/** The attachment's name inside the PDF. */
export const CERTIFICATE_ATTACHMENT = 'certificate.json';

/** One ledger entry as proven: its leaf exactly as hashed, where it sits, and the path to the head's root. */
export interface CertificateEntry {
  leafIndex: number;
  /** The leaf text (canonical JSON, core/evidence/entry.ts), byte for byte what was hashed. */
  leaf: string;
  /** Hex SHA-256(0x00 ‖ leaf) (RFC 9162). */
  leafHash: string;
  /** RFC 9162 inclusion proof of the leaf in the tree of `head.size` leaves, hex, from the leaf upwards. */
  proof: string[];
}

/** Which committed content a revealed text is: the roles a certificate opens. */
export const REVEALED_ROLES = ['sms_text', 'recipient_number', 'template', 'landing_page', 'reply_text', 'survey_answers', 'payment_amount'] as const;
export type RevealedRole = (typeof REVEALED_ROLES)[number];

/**
 * The data fields, per entry kind, whose commitment a certificate opens (the recipient's own texts and the
 * notice as sent). Approval comments and payment references stay committed, not revealed: they are the
 * office's, not the recipient's.
 */
export const REVEALED_FIELDS: Partial<Record<EvidenceKind, Readonly<Record<string, RevealedRole>>>> = {
  'content.fixed': { template: 'template', landing: 'landing_page' },
  'message.submitted': { text: 'sms_text', recipient: 'recipient_number' },
  'message.refused': { text: 'sms_text' },
  'reply.received': { text: 'reply_text' },
  'survey.answered': { answers: 'survey_answers' },
  'payment.succeeded': { amount: 'payment_amount' },
};

/** A committed content, opened: anyone recomputes SHA-256("todoku-commit/1" 0x00 ‖ nonce ‖ content). */
export interface RevealedContent {
  role: RevealedRole;
  commitment: string;
  /** Null when the installation no longer keeps the content (past its retention): the commitment stands alone. */
  nonce: string | null;
  content: string | null;
}

/** The sender as the organisation settings name it when the certificate is issued (requirement 6). */
export interface CertificateSender {
  name: string;
  nameEn: string | null;
  legalName: string | null;
  address: string | null;
  registrationNumbers: string[];
  /** 発信番号 and alphanumeric sender ids. */
  officialSenders: string[];
  officialLinkBases: string[];
  contactPhone: string | null;
  /** The public page where anyone checks a number or a link really is the organisation's. */
  verifyUrl: string;
}

export interface CertificateRecipient {
  name: string | null;
  /** As core/inbound/mask.ts masks it; the full number is the revealed `recipient_number` content. */
  maskedNumber: string;
  /** The line of the imported list. */
  line: number | null;
}

export interface CertificateCampaign {
  id: number;
  name: string;
  /** core/lint/types.ts NoticeKind (初回通知, 再通知, 最終通知 …). */
  noticeKind: string;
  /** 'assignment' (債権譲渡通知) or 'formal' (正式な通知) when the campaign is marked so; else null. */
  formality: string | null;
}

export interface CertificateTsa {
  /** The RFC 3161 TimeStampToken (CMS SignedData), DER, base64, over SHA-256 of the head's text. */
  token: string;
  /** genTime, epoch ms. */
  time: number;
  /** The authority's name as its token gives it. */
  name: string;
  url: string | null;
}

/** The signed tree head every entry's proof leads to (core/evidence/head.ts). */
export interface CertificateHead {
  size: number;
  root: string;
  at: number;
  keyId: string;
  /** Ed25519 over the head's text, base64. */
  signature: string;
  publicKeyPem: string;
  tsa: CertificateTsa | null;
}

export interface CertificateData {
  version: typeof CERTIFICATE_VERSION;
  /** When this certificate was made, epoch ms (the installation's clock). */
  issuedAt: number;
  messageId: number;
  /** A test send to the organisation's own test number (not a notice to the recipient): marked as such. Absent: false. */
  test?: boolean;
  sender: CertificateSender;
  recipient: CertificateRecipient;
  campaign: CertificateCampaign;
  /** The message's entries and the campaign's entries it depends on, in ledger order. */
  entries: CertificateEntry[];
  contents: RevealedContent[];
  head: CertificateHead;
  /** 'tsa' when the head carries a time-stamp token; else the times are the installation's own clock. */
  timeSource: 'tsa' | 'installation';
}

/** Campaign-level kinds a message's certificate includes (the facts its sending depended on). */
export const CAMPAIGN_KINDS_IN_CERTIFICATE: readonly EvidenceKind[] = [
  'list.accepted',
  'content.fixed',
  'approval.requested',
  'approval.approved',
  'approval.rejected',
  'send.confirmed',
];

const pad = (n: number): string => String(n).padStart(2, '0');

/** A recorded time as a certificate writes it: Japan time to the second, 2026年12月07日 14:03:05. */
export function jstTime(ms: number): string {
  const p = localParts(new Date(ms), 'Asia/Tokyo');
  return `${p.year}年${pad(p.month)}月${pad(p.day)}日 ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

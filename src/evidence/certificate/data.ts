// Assembles one message's 記録証明書 data (core/evidence/certificate.ts): seals the ledger first so the
// latest facts are in, reads the message's entries and the campaign's it depended on, proves each
// against the head, opens the contents they commit to (sealed content, or the message's own text and
// number, whose nonces are derived again), names the sender as the organisation settings give it and
// the recipient with a masked number. Then it checks its own output with the same verifier anyone
// would use: a certificate that does not verify is never issued.
import type { Store } from '../../store/index.ts';
import type { Vault } from '../../core/vault.ts';
import type { Campaign, Message } from '../../store/schema.ts';
import type { OrganisationSettings } from '../../store/schema-landing.ts';
import type { HeadRow } from '../../store/evidence/heads.ts';
import { certificateEntries } from '../../store/evidence/certificate-entries.ts';
import { leafOfRow } from '../../store/evidence/sequence.ts';
import { inclusionProofAt } from '../../store/evidence/proofs.ts';
import { openContent } from '../../store/evidence/recorder.ts';
import { leafText } from '../../core/evidence/entry.ts';
import { leafHash } from '../../core/evidence/merkle.ts';
import { headDigest } from '../../core/evidence/head.ts';
import { commitContent } from '../../core/evidence/commitment.ts';
import { verifyTimestampToken } from '../../core/evidence/tsa-token.ts';
import { verifyCertificate, verifyCertificateBody, type CertificateFailure } from '../../core/evidence/verify-certificate.ts';
import {
  CAMPAIGN_KINDS_IN_CERTIFICATE,
  CERTIFICATE_VERSION,
  REVEALED_FIELDS,
  type CertificateData,
  type CertificateEntry,
  type CertificateHead,
  type CertificateSender,
  type RevealedContent,
  type RevealedRole,
} from '../../core/evidence/certificate.ts';
import { maskPhone } from '../../core/inbound/mask.ts';
import { TodokuError } from '../../core/errors.ts';
import { signingKey } from '../signing-key.ts';

export interface CertificateDeps {
  store: Store;
  vault: Vault;
  /** The ledger: `seal` sequences what is pending and returns a signed head covering it. */
  ledger: { seal(reason: string): Promise<HeadRow> };
  /** The public anti-smishing page, absolute (…/verify). */
  verifyUrl: () => string;
  now: () => number;
  /** The configured sender name, for an organisation that has not set its own. */
  senderName?: string;
  /** Trusted TSA roots (TODOKU_TSA_CA_FILE), PEM: the token must chain to one when given. */
  tsaRootsPem?: string[];
  /** Heads already checked in full (signature, key, token), by id: later certificates under them check their body only. */
  headCache?: Map<number, CertificateHead>;
}

export interface CertificateOptions {
  /**
   * The head to prove against (it must cover the message's entries), instead of sealing the ledger: an
   * export writes every certificate of its bundle under the bundle's own last head.
   */
  head?: HeadRow;
}

/** Heads kept checked at once (one is in use at a time; a few cover a seal racing an export). */
const HEAD_CACHE_SIZE = 4;

const notFound = (id: number) => new TodokuError('TODOKU_E_NOT_FOUND', { ja: `メッセージ ${id} が見つかりません`, en: `message ${id} not found` });

const jsonList = (s: string | null | undefined): string[] => {
  try {
    const v = JSON.parse(s ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : [];
  } catch {
    return [];
  }
};

/** The organisation's legal identity columns (migration 0017), read as optional so older rows still do. */
type Identity = Partial<{ legal_name: string | null; address: string | null; registration_numbers_json: string | null }>;

function senderOf(org: (OrganisationSettings & Identity) | undefined, deps: CertificateDeps): CertificateSender {
  const bases = [...(org?.link_base ? [org.link_base] : []), ...jsonList(org?.official_link_bases_json)];
  return {
    name: org?.name || deps.senderName || 'Todoku',
    nameEn: org?.name_en ?? null,
    legalName: org?.legal_name ?? null,
    address: org?.address ?? null,
    registrationNumbers: jsonList(org?.registration_numbers_json),
    officialSenders: jsonList(org?.official_senders_json),
    officialLinkBases: [...new Set(bases)],
    contactPhone: org?.contact_phone ?? null,
    verifyUrl: deps.verifyUrl(),
  };
}

/** The head as the certificate carries it, with the TSA's name read from its own token. */
async function headOf(head: HeadRow, deps: CertificateDeps): Promise<CertificateHead> {
  const key = signingKey(deps.vault);
  if (key.keyId !== head.key_id) {
    throw new Error(`certificate: head ${head.id} was signed with key ${head.key_id}, this installation's key is ${key.keyId}`);
  }
  const tree = { size: Number(head.tree_size), root: head.root_hash, at: Number(head.signed_at), keyId: head.key_id };
  let tsa: CertificateHead['tsa'] = null;
  if (head.tsa_token) {
    const check = await verifyTimestampToken(Buffer.from(head.tsa_token, 'base64'), headDigest(tree), deps.tsaRootsPem ? { trustedCertsPem: deps.tsaRootsPem } : {});
    if (!check.ok) throw new Error(`certificate: the time-stamp token of head ${head.id} does not verify: ${check.reason}`);
    tsa = { token: head.tsa_token, time: check.genTime, name: check.tsaName, url: head.tsa_url };
  }
  return { ...tree, signature: head.signature, publicKeyPem: key.publicKeyPem, tsa };
}

/**
 * Opens each commitment the entries name in a revealed field: from sealed content (evidence_content, or
 * the text carried on the message's own hand-over entry), else from the texts we hold.
 */
async function contentsOf(deps: CertificateDeps, messageId: number, entries: readonly CertificateEntry[], candidates: readonly string[]): Promise<RevealedContent[]> {
  const wanted = new Map<string, { role: RevealedRole; commitment: string }>();
  for (const e of entries) {
    const leaf = JSON.parse(e.leaf) as { kind: keyof typeof REVEALED_FIELDS; d: Record<string, unknown> };
    for (const [field, role] of Object.entries(REVEALED_FIELDS[leaf.kind] ?? {})) {
      const v = leaf.d?.[field];
      if (typeof v === 'string' && v) wanted.set(`${role}:${v}`, { role, commitment: v });
    }
  }
  const known = new Map(candidates.map((c) => [commitContent(deps.vault, c).commitment, c]));
  const out: RevealedContent[] = [];
  for (const { role, commitment } of wanted.values()) {
    const opened = await openContent(deps.store.db.kysely, deps.vault, commitment, messageId);
    const content = opened?.content ?? known.get(commitment) ?? null;
    out.push({ role, commitment, content, nonce: content === null ? null : commitContent(deps.vault, content).nonce });
  }
  return out;
}

/** The texts this message is made of, as we hold them (its body, the recipient's number, a test send's number). */
function candidatesOf(deps: CertificateDeps, m: Message, phone: string | null, campaign: Campaign): string[] {
  const { vault } = deps;
  const out: string[] = [];
  if (m.body_enc) out.push(vault.decrypt(m.body_enc));
  if (phone) out.push(phone);
  if (m.test_to_enc) out.push(vault.decrypt(m.test_to_enc));
  if (campaign.template) out.push(campaign.template);
  return out;
}

export async function certificateData(deps: CertificateDeps, messageId: number, opts: CertificateOptions = {}): Promise<CertificateData> {
  const { store } = deps;
  const found = await store.tracking.message(messageId);
  if (!found) throw notFound(messageId);
  const m = found.row;
  const campaign = await store.campaigns.byId(m.campaign_id);
  if (!campaign) throw notFound(messageId);
  const recipient = (await store.recipients.byIds([m.recipient_id])).get(m.recipient_id);

  // Everything recorded so far gets its place in the tree, under a signed head, before we read.
  const sealed = opts.head ?? (await deps.ledger.seal('certificate'));
  const checked = deps.headCache?.get(sealed.id);
  const head = checked ?? (await headOf(sealed, deps));
  const conn = store.db.kysely;
  const rows = await certificateEntries(conn, { messageId, campaignId: campaign.id, size: head.size, campaignKinds: CAMPAIGN_KINDS_IN_CERTIFICATE, recipientId: m.recipient_id });
  if (!rows.some((r) => r.message_id === messageId)) {
    throw new TodokuError('TODOKU_E_CONFLICT', {
      ja: `メッセージ ${messageId} にはまだ台帳の記録がありません（携帯電話会社に引き渡された後に発行できます）`,
      en: `message ${messageId} has no ledger entries yet (a certificate can be issued once it was handed to a carrier)`,
    });
  }
  const entries: CertificateEntry[] = [];
  for (const row of rows) {
    const leaf = leafText(leafOfRow(row));
    const hash = leafHash(leaf).toString('hex');
    if (hash !== row.leaf_hash) throw new Error(`certificate: ledger entry #${row.leaf_index} does not match its stored hash`);
    const proof = await inclusionProofAt(conn, row.leaf_index, head.size);
    entries.push({ leafIndex: row.leaf_index, leaf, leafHash: hash, proof: proof.map((p) => p.toString('hex')) });
  }
  const contents = await contentsOf(deps, messageId, entries, candidatesOf(deps, m, recipient?.phone ?? null, campaign));
  const number = contents.find((c) => c.role === 'recipient_number' && c.content !== null)?.content ?? recipient?.phone ?? null;
  const formality = (campaign as Campaign & { notice_formality?: string | null }).notice_formality ?? null;

  const data: CertificateData = {
    version: CERTIFICATE_VERSION,
    issuedAt: deps.now(),
    messageId,
    test: m.kind === 'test',
    sender: senderOf(await store.landing.organisation(), deps),
    recipient: { name: recipient?.fields.name ?? null, maskedNumber: number ? maskPhone(number) : '', line: recipient?.line ?? null },
    campaign: { id: campaign.id, name: campaign.name, noticeKind: campaign.notice_kind ?? 'first', formality },
    entries,
    contents,
    head,
    timeSource: head.tsa ? 'tsa' : 'installation',
  };
  // Never hand out a certificate that does not check, by the verifier anyone else would run (its head in
  // full once, then the body of each certificate under it).
  let failures: CertificateFailure[];
  if (checked) {
    failures = verifyCertificateBody(data);
  } else {
    const check = await verifyCertificate(data, { publicKeyPem: head.publicKeyPem, ...(deps.tsaRootsPem ? { trustedCertsPem: deps.tsaRootsPem } : {}) });
    failures = check.ok ? [] : check.failures;
    if (check.ok && deps.headCache) {
      if (deps.headCache.size >= HEAD_CACHE_SIZE) deps.headCache.delete(deps.headCache.keys().next().value!);
      deps.headCache.set(sealed.id, head);
    }
  }
  if (failures.length > 0) throw new Error(`certificate for message ${messageId} does not verify: ${failures.map((f) => f.en).join('; ')}`);
  return data;
}

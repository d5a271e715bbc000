// What an approval is an approval of: the campaign's template and sending settings, its recipient page
// (identity check, expiry, notice, contact) and a digest of its list, as one canonical JSON whose SHA-256
// the request keeps. When any of these changes after the request, the hash differs and the approval no
// longer applies. No personal data in it: the list is there only as a digest of its sealed rows.
import { createHash } from 'node:crypto';
import type { Store } from '../store/index.ts';
import type { Campaign } from '../store/schema.ts';
import { canonicalJson } from '../core/evidence/entry.ts';

export interface Snapshot {
  /** Canonical JSON (core/evidence/entry.ts), sealed for the ledger's approval.requested entry. */
  text: string;
  sha256: string;
  rows: number;
}

export async function snapshotOf(store: Store, campaign: Campaign, template?: string | undefined): Promise<Snapshot> {
  const landing = await store.landing.campaignLanding(campaign.id);
  const list = await store.approvals.listDigest(campaign.id);
  const value = {
    v: 1,
    campaign: campaign.id,
    template: template ?? campaign.template ?? '',
    sender: campaign.sender,
    timeZone: campaign.time_zone,
    policyPack: campaign.policy_pack,
    routeProfile: campaign.route_profile,
    noticeKind: campaign.notice_kind,
    landing: landing
      ? {
          method: landing.method,
          column: landing.column_name,
          digits: landing.digits,
          expiresAt: landing.expires_at,
          notice: landing.notice,
          noticeEn: landing.notice_en,
          contact: landing.contact_json,
        }
      : null,
    list: list.sha256,
  };
  const text = canonicalJson(value);
  return { text, sha256: createHash('sha256').update(text, 'utf8').digest('hex'), rows: list.rows };
}

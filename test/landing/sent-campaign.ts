// A campaign as a recipient meets it: created, its list imported, its landing page set, sent through
// the SMSC simulator over SMPP and delivered; each recipient's link read from the SMS they received.
import assert from 'node:assert/strict';
import { until, type TestApp } from '../support/app.ts';

export interface Recipient {
  name: string;
  phone: string;
  messageId: number;
  /** The link exactly as the SMS carried it, and its path and code. */
  url: string;
  path: string;
  code: string;
}

export interface SentCampaign {
  id: number;
  name: string;
  recipients: Map<string, Recipient>;
}

export interface LandingSettings {
  verification: { method: 'birth_date' | 'id_suffix' | 'postal_code' | 'pin'; column?: string; digits?: number };
  expiresAt: string | null;
  notice: string;
  noticeEn?: string | null;
  contact?: { name?: string; phone: string; hours: string; hoursEn?: string } | null;
}

export const ONE_DAY = 24 * 3600 * 1000;
export const inDays = (days: number) => new Date(Date.now() + days * ONE_DAY).toISOString();

/** A list header and rows; every row's name must be unique (recipients are found by it). */
export interface SendOptions {
  template?: string;
  /** Runs after the list is imported and the landing page set, before sending. */
  beforeSend?: (campaignId: number) => Promise<void>;
}

export async function sentCampaign(t: TestApp, name: string, csv: string, landing: LandingSettings, opts: SendOptions = {}): Promise<SentCampaign> {
  const template = opts.template ?? '{{name}}様 お知らせがあります {{url}}';
  // No contact policy: the tests run at any hour.
  const created = await t.api('POST', '/campaigns', { name, template, policyPack: 'none' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id as number;
  const imported = await t.api('POST', `/campaigns/${id}/recipients`, csv, { contentType: 'text/csv' });
  assert.equal(imported.status, 200, JSON.stringify(imported.body));
  const put = await t.api('PUT', `/campaigns/${id}/landing`, landing);
  assert.equal(put.status, 200, JSON.stringify(put.body));
  await opts.beforeSend?.(id);
  const sent = await t.api('POST', `/campaigns/${id}/send`, {});
  assert.equal(sent.status, 202, JSON.stringify(sent.body));
  const total = imported.body.accepted as number;
  const messages = await until(`campaign ${name} submitted`, async () => {
    const r = await t.api('GET', `/campaigns/${id}/messages?limit=1000`);
    const list = r.body.messages as { id: number; to: string; text: string | null; state: string }[];
    return list.length === total && list.every((m) => m.text && ['submitted', 'delivered'].includes(m.state)) ? list : undefined;
  });
  const recipients = new Map<string, Recipient>();
  for (const m of messages) {
    const url = /https?:\/\/\S+\/l\/[0-9A-Za-z]{11}/u.exec(m.text!)![0];
    const path = new URL(url).pathname;
    const who = m.text!.split('様')[0]!;
    recipients.set(who, { name: who, phone: m.to, messageId: m.id, url, path, code: path.split('/').pop()! });
  }
  return { id, name, recipients };
}

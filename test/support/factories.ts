// The one way tests make what they need through the real API, as an operator would: the
// organisation's settings, a campaign with its list imported, a landing page, and a campaign sent and
// delivered with each recipient's link read from the SMS they received. Every step checks its answer,
// so a test that fails in its setup says where, instead of failing later on an undefined id.
import assert from 'node:assert/strict';
import { until } from './wait.ts';

/** What the factories need of a running app: its API (TestApp in-process, ServerProcess as a child). */
export interface ApiClient {
  api<T = any>(method: string, path: string, body?: unknown, init?: { contentType?: string }): Promise<{ status: number; body: T }>;
}

/** A list as the import takes it: CSV text or bytes, or its lines (the header first), one string each. */
export type List = string | Uint8Array | readonly string[];

/** The body of `POST /campaigns`: a name, and whatever else the test cares about. */
export interface CampaignSpec {
  name: string;
  template?: string;
  policyPack?: string;
  routeProfile?: string;
  timeZone?: string;
}

/** What `POST /campaigns/:id/recipients` answers. */
export interface Imported {
  accepted: number;
  rejected: number;
  [field: string]: any;
}

export interface LandingSettings {
  verification: { method: 'birth_date' | 'id_suffix' | 'postal_code' | 'pin'; column?: string; digits?: number };
  expiresAt: string | null;
  notice: string;
  noticeEn?: string | null;
  contact?: { name?: string; phone: string; hours: string; hoursEn?: string } | null;
}

export interface OrganisationSettings {
  name: string;
  nameEn?: string;
  colours?: { primary: string; accent: string };
  contact?: { phone: string; hours: string; hoursEn?: string };
  officialSenders?: string[];
  linkBase?: string;
  officialLinkBases?: string[];
}

export const ONE_DAY = 24 * 3600 * 1000;
export const inDays = (days: number) => new Date(Date.now() + days * ONE_DAY).toISOString();

/** The university office most tests send for. */
export const TOTO_UNIVERSITY = { name: '東都大学 学生課', contact: { phone: '03-1234-5678', hours: '平日 9:00〜17:00' } } as const;

/** `PUT /organisation`: the settings given, nothing added. */
export async function setOrganisation(t: ApiClient, settings: OrganisationSettings): Promise<void> {
  const r = await t.api('PUT', '/organisation', settings);
  assert.equal(r.status, 200, JSON.stringify(r.body));
}

/** A draft campaign; its id. */
export async function createCampaign(t: ApiClient, spec: CampaignSpec): Promise<number> {
  const created = await t.api('POST', '/campaigns', spec);
  assert.equal(created.status, 201, JSON.stringify(created.body));
  return created.body.id as number;
}

/** Imports a list into a campaign; what the import answered (accepted and rejected counts, …). */
export async function importList(t: ApiClient, campaignId: number, list: List): Promise<Imported> {
  const body = typeof list === 'string' || list instanceof Uint8Array ? list : list.join('\n');
  const imported = await t.api<Imported>('POST', `/campaigns/${campaignId}/recipients`, body, { contentType: 'text/csv' });
  assert.equal(imported.status, 200, JSON.stringify(imported.body));
  return imported.body;
}

/** A draft campaign with its list imported, not sent. */
export async function campaignWithList(t: ApiClient, spec: CampaignSpec, list: List): Promise<{ id: number; imported: Imported }> {
  const id = await createCampaign(t, spec);
  return { id, imported: await importList(t, id, list) };
}

/** `POST /campaigns/:id/send`, accepted (202). */
export async function sendCampaign(t: ApiClient, campaignId: number): Promise<void> {
  const sent = await t.api('POST', `/campaigns/${campaignId}/send`, {});
  assert.equal(sent.status, 202, JSON.stringify(sent.body));
}

/** `PUT /campaigns/:id/landing`: the page a recipient's link opens. */
export async function setLandingPage(t: ApiClient, campaignId: number, landing: LandingSettings): Promise<void> {
  const put = await t.api('PUT', `/campaigns/${campaignId}/landing`, landing);
  assert.equal(put.status, 200, JSON.stringify(put.body));
}

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

export interface SendOptions {
  template?: string;
  /** Runs after the list is imported and the landing page set, before sending. */
  beforeSend?: (campaignId: number) => Promise<void>;
}

/**
 * A campaign as a recipient meets it: created, its list imported, its landing page set, sent through
 * the SMSC simulator over SMPP and at the phones; recipients are found by name, so every row's name
 * must be unique.
 */
export async function sentCampaign(t: ApiClient, name: string, list: List, landing: LandingSettings, opts: SendOptions = {}): Promise<SentCampaign> {
  const template = opts.template ?? '{{name}}様 お知らせがあります {{url}}';
  // No contact policy: the tests run at any hour.
  const { id, imported } = await campaignWithList(t, { name, template, policyPack: 'none' }, list);
  await setLandingPage(t, id, landing);
  await opts.beforeSend?.(id);
  await sendCampaign(t, id);
  const total = imported.accepted;
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

/**
 * A campaign without a recipient page, sent until every message has left the queue: its id and each
 * message's id by the number as listed in Japan (090-…, hyphens or not). `accepted` is what the list must give.
 */
export async function handedOverCampaign(t: ApiClient, spec: CampaignSpec, list: List, accepted: number): Promise<{ id: number; messageOf(phone: string): number }> {
  const { id, imported } = await campaignWithList(t, spec, list);
  assert.equal(imported.accepted, accepted, JSON.stringify(imported));
  await sendCampaign(t, id);
  const messages = await until(`${accepted} messages handed over`, async () => {
    const r = (await t.api('GET', `/campaigns/${id}/messages?limit=1000`)).body.messages as { id: number; to: string; state: string }[];
    return r.length === accepted && r.every((m) => m.state !== 'queued') ? r : undefined;
  });
  const byTo = new Map(messages.map((m) => [m.to, m.id]));
  return { id, messageOf: (phone) => byTo.get(`+81${phone.slice(1).replace(/-/g, '')}`)! };
}

// A fake HTTP SMS provider speaking Twilio's Messages API, served by our own web server under
// /sim/twilio when the simulator runs, so the HTTP route works offline exactly as against Twilio:
// POST /2010-04-01/Accounts/{AccountSid}/Messages.json with Basic auth answers {sid, status: 'queued'}
// (or 401 / 400 with a Twilio code / 429 / 500 as its knobs say), then posts signed status callbacks to
// the StatusCallback URL ('sent', then delivered, undelivered or failed with an ErrorCode), and may post
// a signed reply to the inbound webhook. Callbacks are signed like Twilio's (X-Twilio-Signature) plus a
// signed X-Todoku-Timestamp, so the route can enforce a replay window.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Logger } from '../../log.ts';
import { parseForm, sign, type FormPairs } from '../http-provider/signature.ts';
import {
  defaultHttpProviderSimSettings,
  httpProviderSimSettingsPatchSchema,
  type HttpProviderSimSettings,
  type HttpProviderSimSettingsPatch,
  type ProviderOutcome,
} from './http-provider-settings.ts';
import { pickWeighted } from './settings.ts';

export interface HttpProviderSimOptions extends HttpProviderSimSettingsPatch {
  /** Accepted credentials, AccountSid → AuthToken. */
  accounts: Readonly<Record<string, string>>;
  log?: Logger;
  /** Epoch ms. */
  now?: () => number;
  random?: () => number;
}

/** A send the fake provider accepted. */
export interface ProviderSimMessage {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  body: string;
  statusCallback: string | undefined;
  receivedAt: Date;
}

/** A callback it posted, and what our server answered (0: no answer). */
export interface ProviderSimCallback {
  kind: 'status' | 'inbound';
  sid: string;
  status: string;
  httpStatus: number;
}

export interface ProviderSimAnswer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

const API_VERSION = '2010-04-01';
const E164 = /^\+[1-9]\d{6,14}$/;

function twilioError(status: number, code: number, message: string): ProviderSimAnswer {
  return { status, headers: {}, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } };
}

function value(params: FormPairs, name: string): string | undefined {
  return params.find(([key]) => key === name)?.[1];
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Credentials for a simulator in this process: random, so that nobody who reaches the server from
 * outside can use /sim/twilio to make it post callbacks elsewhere.
 */
export function randomSimulatorAccount(): { accountSid: string; authToken: string } {
  return { accountSid: `AC${randomBytes(16).toString('hex')}`, authToken: randomBytes(24).toString('base64url') };
}

export class HttpProviderSimulator {
  private settings: HttpProviderSimSettings;
  private readonly accounts: Readonly<Record<string, string>>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly messages: ProviderSimMessage[] = [];
  private readonly posted: ProviderSimCallback[] = [];
  private readonly tasks = new Set<Promise<void>>();
  private readonly stopping = new AbortController();

  constructor(private readonly options: HttpProviderSimOptions) {
    const { accounts, log: _log, now, random, ...patch } = options;
    this.accounts = accounts;
    this.now = now ?? Date.now;
    this.random = random ?? Math.random;
    this.settings = { ...defaultHttpProviderSimSettings(), ...httpProviderSimSettingsPatchSchema.parse(patch) };
  }

  current(): HttpProviderSimSettings {
    return structuredClone(this.settings);
  }

  /** Changes knobs while it runs; throws a ZodError naming a bad one. */
  configure(patch: HttpProviderSimSettingsPatch): HttpProviderSimSettings {
    this.settings = { ...this.settings, ...httpProviderSimSettingsPatchSchema.parse(patch) };
    return this.current();
  }

  received(): readonly ProviderSimMessage[] {
    return this.messages;
  }

  callbacks(): readonly ProviderSimCallback[] {
    return this.posted;
  }

  clear(): void {
    this.messages.length = 0;
    this.posted.length = 0;
  }

  /** One send request, as Twilio would answer it. */
  create(accountSid: string, authorization: string | undefined, params: FormPairs): ProviderSimAnswer {
    const token = this.accounts[accountSid];
    const [user, password] = this.credentials(authorization);
    if (token === undefined || user !== accountSid || password === undefined || !sameSecret(password, token)) {
      return twilioError(401, 20003, 'Authenticate');
    }
    const s = this.settings;
    if (s.rateLimitShare > 0 && this.random() < s.rateLimitShare) {
      return { ...twilioError(429, 20429, 'Too Many Requests'), headers: { 'retry-after': String(s.retryAfterSeconds) } };
    }
    if (s.serverErrorShare > 0 && this.random() < s.serverErrorShare) return twilioError(500, 20500, 'Internal Server Error');
    const to = value(params, 'To');
    const from = value(params, 'From') ?? value(params, 'MessagingServiceSid');
    const body = value(params, 'Body');
    if (!to) return twilioError(400, 21604, "A 'To' phone number is required.");
    if (!from) return twilioError(400, 21603, "A 'From' phone number is required.");
    if (!body) return twilioError(400, 21602, 'Message body is required.');
    if (!E164.test(to)) return twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    const refused = s.refuse[to];
    if (refused !== undefined) return twilioError(400, refused, `Refused by the simulator (${refused}).`);
    if ([...body].length > 1600) return twilioError(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
    const message: ProviderSimMessage = {
      sid: `SM${randomBytes(16).toString('hex')}`,
      accountSid,
      to,
      from,
      body,
      statusCallback: value(params, 'StatusCallback'),
      receivedAt: new Date(this.now()),
    };
    this.messages.push(message);
    this.run(() => this.lifecycle(message));
    return {
      status: 201,
      headers: {},
      body: {
        sid: message.sid,
        account_sid: accountSid,
        to,
        from,
        body,
        status: 'queued',
        error_code: null,
        error_message: null,
        api_version: API_VERSION,
        date_created: message.receivedAt.toUTCString(),
        uri: `/${API_VERSION}/Accounts/${accountSid}/Messages/${message.sid}.json`,
      },
    };
  }

  /** Posts a signed incoming message to `url` (default: the inboundUrl knob); resolves our server's HTTP status. */
  async postInbound(reply: { accountSid: string; from: string; to: string; body: string; url?: string }): Promise<number> {
    const url = reply.url ?? this.settings.inboundUrl;
    if (!url) throw new Error('no inbound webhook URL: set inboundUrl');
    const sid = `SM${randomBytes(16).toString('hex')}`;
    const params: [string, string][] = [
      ['MessageSid', sid],
      ['SmsSid', sid],
      ['SmsMessageSid', sid],
      ['AccountSid', reply.accountSid],
      ['From', reply.from],
      ['To', reply.to],
      ['Body', reply.body],
      ['NumMedia', '0'],
      ['NumSegments', '1'],
      ['SmsStatus', 'received'],
      ['ApiVersion', API_VERSION],
    ];
    const httpStatus = await this.post(reply.accountSid, url, params);
    this.posted.push({ kind: 'inbound', sid, status: 'received', httpStatus });
    return httpStatus;
  }

  /** Cancels pending callbacks and waits for those being posted. */
  async stop(): Promise<void> {
    this.stopping.abort();
    await Promise.allSettled([...this.tasks]);
  }

  private credentials(authorization: string | undefined): [string | undefined, string | undefined] {
    if (!authorization?.startsWith('Basic ')) return [undefined, undefined];
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? [decoded, undefined] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
  }

  private run(task: () => Promise<void>): void {
    const running = task().catch((err: unknown) => {
      if (!this.stopping.signal.aborted) this.options.log?.warn({ err }, 'HTTP provider simulator: callback task failed');
    });
    this.tasks.add(running);
    void running.finally(() => this.tasks.delete(running));
  }

  /** sent → final outcome, each after callbackDelayMs; then perhaps a reply. */
  private async lifecycle(message: ProviderSimMessage): Promise<void> {
    const { signal } = this.stopping;
    await sleep(this.settings.callbackDelayMs, undefined, { signal });
    await this.statusCallback(message, 'sent');
    await sleep(this.settings.callbackDelayMs, undefined, { signal });
    const outcome = pickWeighted<ProviderOutcome>(this.settings.outcomes, this.random());
    await this.statusCallback(message, outcome, outcome === 'delivered' ? undefined : this.settings.errorCodes[outcome]);
    const s = this.settings;
    if (outcome !== 'delivered' || !s.inboundUrl || s.replyShare <= 0 || this.random() >= s.replyShare) return;
    await sleep(s.replyDelayMs, undefined, { signal });
    const text = s.replyTexts[Math.floor(this.random() * s.replyTexts.length)] ?? s.replyTexts[0]!;
    await this.postInbound({ accountSid: message.accountSid, from: message.to, to: message.from, body: text });
  }

  private async statusCallback(message: ProviderSimMessage, status: string, errorCode?: number): Promise<void> {
    if (!message.statusCallback) return;
    const params: [string, string][] = [
      ['MessageSid', message.sid],
      ['SmsSid', message.sid],
      ['AccountSid', message.accountSid],
      ['From', message.from],
      ['To', message.to],
      ['MessageStatus', status],
      ['SmsStatus', status],
      ['ApiVersion', API_VERSION],
    ];
    if (errorCode !== undefined) params.push(['ErrorCode', String(errorCode)]);
    const httpStatus = await this.post(message.accountSid, message.statusCallback, params);
    this.posted.push({ kind: 'status', sid: message.sid, status, httpStatus });
  }

  /** A signed form post, as Twilio makes them; 0 when no answer came. */
  private async post(accountSid: string, url: string, params: FormPairs): Promise<number> {
    const token = this.accounts[accountSid];
    if (token === undefined) throw new Error(`unknown account ${accountSid}`);
    const timestamp = this.settings.signTimestamps ? String(this.now()) : undefined;
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded; charset=utf-8',
      'user-agent': 'TwilioProxy/1.1 (todoku simulator)',
      'x-twilio-signature': sign(token, url, params, timestamp),
    };
    if (timestamp !== undefined) headers['x-todoku-timestamp'] = timestamp;
    const abort = new AbortController();
    const stop = (): void => abort.abort();
    this.stopping.signal.addEventListener('abort', stop, { once: true });
    const timer = setTimeout(stop, 10_000);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: new URLSearchParams(params as [string, string][]),
        signal: abort.signal,
      });
      await response.arrayBuffer();
      return response.status;
    } catch {
      return 0;
    } finally {
      clearTimeout(timer);
      this.stopping.signal.removeEventListener('abort', stop);
    }
  }
}

/** The fake provider's HTTP face; register it with prefix /sim/twilio, and only when the simulator runs. */
export function httpProviderSimulatorRoutes(simulator: HttpProviderSimulator): FastifyPluginAsync {
  return async (app: FastifyInstance) => {
    const form = 'application/x-www-form-urlencoded';
    if (app.hasContentTypeParser(form)) app.removeContentTypeParser(form);
    app.addContentTypeParser(form, { parseAs: 'string', bodyLimit: 64 * 1024 }, (_req, body, done) => done(null, parseForm(String(body))));
    app.post<{ Params: { accountSid: string } }>(
      `/${API_VERSION}/Accounts/:accountSid/Messages.json`,
      { schema: { hide: true } },
      async (req, reply) => {
        const params = Array.isArray(req.body) ? (req.body as FormPairs) : [];
        const answer = simulator.create(req.params.accountSid, req.headers.authorization, params);
        return reply.status(answer.status).headers(answer.headers).send(answer.body);
      },
    );
  };
}

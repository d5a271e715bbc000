// The self-service section of the recipient's page (issue 13): after the notice, what the person may ask
// for — a promise to pay, instalments, a dispute, "not me" — each on its own page with a plain form
// (CSRF-checked by the section router), posted and redirected back (a reload never posts twice; a second
// post of the same request is recognised by the store). "Not me" is also offered under the identity
// check and on the locked page, as an open route that names nobody.
import type { FastifyReply } from 'fastify';
import type { LandingSection, OpenVisit, VerifiedVisit } from '../sections.ts';
import { html, type Html } from '../html.ts';
import { formField, sendPage } from '../respond.ts';
import { TodokuError } from '../../../core/errors.ts';
import { DEBTOR_NOTE_MAX, parseYen, type DebtorActionKind } from '../../../core/debtor-actions.ts';
import type { SelfService, Submitted } from '../../../landing/self-service.ts';
import { disputeForm, doneMessage, instalmentForm, notMeDone, notMeForm, notMeOffer, pathOf, promiseForm, SECTION, selfServiceCard, TITLES } from './self-service-views.ts';

type AnyVisit = VerifiedVisit | OpenVisit;

function show(reply: FastifyReply, v: AnyVisit, status: number, selfPath: string, title: string, body: Html): FastifyReply {
  return sendPage(reply, status, { lang: v.lang, org: v.organisation, selfPath }, { title, body });
}

/** The action is not offered by this campaign (switched off since the page was shown): say so. */
function notOffered(reply: FastifyReply, v: AnyVisit, kind: DebtorActionKind): FastifyReply {
  return show(reply, v, 404, v.base, v.t(TITLES[kind]), html`<p class="info">${v.t({ ja: 'このお知らせでは、この手続きを受け付けていません。お手数ですが、下記のお問い合わせ先までご連絡ください。', en: 'This notice does not offer this. Please contact us using the details on the notice.' })}</p><p><a class="button secondary" href="${v.base}">${v.t({ ja: 'お知らせに戻る', en: 'Back to the notice' })}</a></p>`);
}

const page = (v: AnyVisit) => ({ campaignId: v.campaignId, recipientId: v.recipientId, messageId: v.messageId });
const owed = (v: VerifiedVisit): string | null => {
  const n = parseYen(v.fields.amount);
  return typeof n === 'number' ? `¥${n.toLocaleString(v.lang === 'ja' ? 'ja-JP' : 'en-GB')}` : null;
};

export function selfServiceSection(service: SelfService): LandingSection {
  /** Runs a submission; a switched-off action answers 404, a form with problems comes back 422. */
  async function submit(v: VerifiedVisit, reply: FastifyReply, kind: DebtorActionKind, run: () => Promise<Submitted>, again: (problems: Submitted & { ok: false }) => Promise<Html>): Promise<FastifyReply> {
    let outcome: Submitted;
    try {
      outcome = await run();
    } catch (err) {
      if (err instanceof TodokuError && err.code === 'TODOKU_E_SELF_SERVICE_OFF') return notOffered(reply, v, kind);
      throw err;
    }
    if (!outcome.ok) return show(reply, v, 422, `${v.base}${pathOf(kind)}`, v.t(TITLES[kind]), await again(outcome));
    reply.log.info({ messageId: v.messageId, kind, created: outcome.created, cancelled: outcome.cancelled }, 'self-service request recorded');
    return reply.redirect(`${v.base}/${SECTION}/done?kind=${kind}`, 303);
  }

  return {
    id: SECTION,
    async render(v) {
      const [settings, actions] = await Promise.all([service.settingsForView(v.campaignId), service.ofPersonForView(page(v))]);
      return selfServiceCard(v, settings, actions);
    },

    async renderBeforeCheck(v) {
      return (await service.offersNotMe(v.campaignId)) ? notMeOffer(v) : null;
    },

    routes(r) {
      r.get('/promise', async (v, _req, reply) => {
        if (!(await service.settings(v.campaignId)).promise) return notOffered(reply, v, 'promise');
        const { today, maxDays } = await service.promiseWindow(v.campaignId);
        return show(reply, v, 200, `${v.base}${pathOf('promise')}`, v.t(TITLES.promise), promiseForm(v, { today, maxDays, values: {}, problems: [], owed: owed(v) }));
      });
      r.post('/promise', async (v, req, reply) => {
        const values = { date: formField(req, 'date', 40), amount: formField(req, 'amount', 40) };
        return submit(v, reply, 'promise', () => service.promise(page(v), values), async (o) => {
          const { today, maxDays } = await service.promiseWindow(v.campaignId);
          return promiseForm(v, { today, maxDays, values, problems: o.problems, owed: owed(v) });
        });
      });

      r.get('/instalment', async (v, _req, reply) => {
        if (!(await service.settings(v.campaignId)).instalment) return notOffered(reply, v, 'instalment');
        return show(reply, v, 200, `${v.base}${pathOf('instalment')}`, v.t(TITLES.instalment), instalmentForm(v, { values: {}, problems: [], noteMax: DEBTOR_NOTE_MAX }));
      });
      r.post('/instalment', async (v, req, reply) => {
        const values = { monthly: formField(req, 'monthly', 40), note: formField(req, 'note', DEBTOR_NOTE_MAX * 4) };
        return submit(v, reply, 'instalment', () => service.instalment(page(v), values), async (o) => instalmentForm(v, { values, problems: o.problems, noteMax: DEBTOR_NOTE_MAX }));
      });

      r.get('/dispute', async (v, _req, reply) => {
        if (!(await service.settings(v.campaignId)).dispute) return notOffered(reply, v, 'dispute');
        return show(reply, v, 200, `${v.base}${pathOf('dispute')}`, v.t(TITLES.dispute), disputeForm(v, { values: {}, problems: [], noteMax: DEBTOR_NOTE_MAX }));
      });
      r.post('/dispute', async (v, req, reply) => {
        const values = { note: formField(req, 'note', DEBTOR_NOTE_MAX * 4) };
        return submit(v, reply, 'dispute', () => service.dispute(page(v), values), async (o) => disputeForm(v, { values, problems: o.problems, noteMax: DEBTOR_NOTE_MAX }));
      });

      r.get('/done', async (v, req, reply) => {
        const kind = (req.query as Record<string, unknown>).kind;
        if (kind !== 'promise' && kind !== 'instalment' && kind !== 'dispute' && kind !== 'not_me') return reply.redirect(v.base, 303);
        return show(reply, v, 200, `${v.base}/${SECTION}/done?kind=${kind}`, v.t(TITLES[kind]), doneMessage(v, kind, kind === 'promise'));
      });
    },

    openRoutes(r) {
      // Before or after the identity check alike; once reported, the page says so and asks nothing more.
      r.get('/not-me', async (v, _req, reply) => {
        if (!(await service.offersNotMe(v.campaignId))) return notOffered(reply, v, 'not_me');
        const reported = (await service.ofPerson(page(v))).some((a) => a.kind === 'not_me' && a.message_id === v.messageId && (a.state === 'open' || a.state === 'resolved'));
        return show(reply, v, 200, `${v.base}${pathOf('not_me')}`, v.t(TITLES.not_me), reported ? notMeDone(v) : notMeForm(v));
      });
      r.post('/not-me', async (v, _req, reply) => {
        try {
          const outcome = await service.notMe(page(v), v.verified);
          if (outcome.ok) reply.log.info({ messageId: v.messageId, kind: 'not_me', created: outcome.created, cancelled: outcome.cancelled, verified: v.verified }, 'self-service request recorded');
        } catch (err) {
          if (err instanceof TodokuError && err.code === 'TODOKU_E_SELF_SERVICE_OFF') return notOffered(reply, v, 'not_me');
          throw err;
        }
        return reply.redirect(`${v.base}${pathOf('not_me')}`, 303);
      });
    },
  };
}

// The payment section of the verified page: the amount and a pay button (a form post, CSRF-checked)
// that opens the provider's checkout; the provider returns the recipient here, and the page says
// whether the payment is confirmed (the provider's webhook decides, not the return). The return address
// is built from the configured public address, never from Host or X-Forwarded-Host: a forged header
// would otherwise send the recipient from the provider's checkout to a page of the attacker's choosing.
import type { LandingSection, VerifiedVisit } from '../sections.ts';
import { html } from '../html.ts';
import { sendPage } from '../respond.ts';
import type { PaymentService } from '../../../payments/service.ts';
import { TodokuError } from '../../../core/errors.ts';

const yen = (n: number) => `¥${n.toLocaleString('ja-JP')}`;

function day(ms: number, lang: 'ja' | 'en'): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'long' }).format(new Date(ms));
}

export function paymentSection(payments: PaymentService, publicUrl: () => string): LandingSection {
  const back = (v: VerifiedVisit) => html`<p><a class="button secondary" href="${v.base}#section-payment">${v.t({ ja: 'お知らせに戻る', en: 'Back to the notice' })}</a></p>`;
  return {
    id: 'payment',
    async render(v) {
      if (!payments.provider) return null;
      const status = await payments.status(v.messageId, v.fields);
      const heading = html`<h2 id="payment-h">${v.t({ ja: 'お支払い', en: 'Payment' })}</h2>`;
      if (status.state === 'paid') {
        return html`<section class="card" aria-labelledby="payment-h">${heading}
<p class="ok" role="status">${v.t({ ja: `お支払いを確認しました（${status.paidAt ? day(status.paidAt, 'ja') : ''}）。ありがとうございました。`, en: `Your payment has been received${status.paidAt ? ` (${day(status.paidAt, 'en')})` : ''}. Thank you.` })}</p></section>`;
      }
      const amount = payments.amountOf(v.fields);
      if (amount === null) return null;
      const pending = status.state === 'pending'
        ? html`<p class="info">${v.t({ ja: 'お支払い手続きの途中です。完了していない場合は、もう一度お進みください。', en: 'A payment was started. If you did not finish it, please continue again.' })}</p>`
        : null;
      const via = payments.provider.name === 'simulator' ? v.t({ ja: '決済シミュレーター（テスト用）', en: 'the payment simulator (test)' }) : v.t({ ja: '決済サービス（Stripe）', en: 'the payment service (Stripe)' });
      return html`<section class="card" aria-labelledby="payment-h">${heading}
<p>${v.t({ ja: 'お支払い金額', en: 'Amount due' })}: <strong>${yen(amount)}</strong></p>${pending}
<form method="post" action="${v.base}/payment/start" class="main">${v.csrf}
<button type="submit">${v.t({ ja: 'オンラインで支払う', en: 'Pay online' })}</button>
<span class="hint">${v.t({ ja: `${via}の画面に移動します。`, en: `You will go to ${via}.` })}</span>
</form></section>`;
    },
    routes(r) {
      r.post('/start', async (v, req, reply) => {
        // Back to this link at the public address (TODOKU_PUBLIC_URL), where the session cookie was set.
        const here = `${publicUrl()}${v.base}`;
        let start;
        try {
          start = await payments.startCheckout(
            { campaignId: v.campaignId, messageId: v.messageId, fields: v.fields },
            { success: `${here}/payment/return?result=success`, cancel: `${here}/payment/return?result=cancel` },
          );
        } catch (err) {
          if (!(err instanceof TodokuError)) throw err;
          req.log.warn({ messageId: v.messageId, code: err.code }, 'checkout could not be opened');
          return sendPage(reply, 503, { lang: v.lang, org: v.organisation, selfPath: v.base }, { title: v.t({ ja: 'お支払い', en: 'Payment' }), body: html`<p class="alert">${v.t({ ja: '決済サービスに接続できませんでした。しばらくしてからもう一度お試しください。', en: 'The payment service could not be reached. Please try again later.' })}</p>${back(v)}` });
        }
        return reply.redirect(start.kind === 'redirect' ? start.url : `${v.base}#section-payment`, 303);
      });
      r.get('/return', async (v, req, reply) => {
        const result = (req.query as Record<string, unknown>).result;
        if (result === 'cancel') {
          await payments.cancelReturn(v.messageId);
          return reply.redirect(`${v.base}#section-payment`, 303);
        }
        const status = await payments.status(v.messageId);
        const body =
          status.state === 'paid'
            ? html`<p class="ok" role="status">${v.t({ ja: 'お支払いを確認しました。ありがとうございました。', en: 'Your payment has been received. Thank you.' })}</p>`
            : html`<p class="info" role="status">${v.t({ ja: 'お支払い手続きを受け付けました。確認できしだい、お知らせのページに「お支払いを確認しました」と表示されます。', en: 'Your payment was submitted. Once it is confirmed, the notice page will say so.' })}</p>`;
        return sendPage(reply, 200, { lang: v.lang, org: v.organisation, selfPath: `${v.base}/payment/return` }, { title: v.t({ ja: 'お支払い', en: 'Payment' }), body: html`${body}${back(v)}` });
      });
    },
  };
}

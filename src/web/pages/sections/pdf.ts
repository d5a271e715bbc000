// The PDF section of the verified page: a link to the recipient's own PDF (the uploaded file or the
// generated invoice), served only to a verified session; every download is recorded.
import type { LandingSection } from '../sections.ts';
import { html } from '../html.ts';
import type { DocumentService } from '../../../documents/service.ts';
import { attachment } from '../../api/documents.ts';
import { sendPage } from '../respond.ts';
import { TodokuError } from '../../../core/errors.ts';

function size(bytes: number | null, lang: 'ja' | 'en'): string {
  if (bytes === null) return '';
  const kb = Math.max(1, Math.round(bytes / 1024));
  const text = kb >= 1024 ? `${(kb / 1024).toFixed(1)} MB` : `${kb} KB`;
  return lang === 'en' ? `PDF, ${text}` : `PDF・${text}`;
}

export function pdfSection(documents: DocumentService): LandingSection {
  return {
    id: 'pdf',
    async render(v) {
      const offer = await documents.offer(v.campaignId, v.recipientId);
      if (!offer) return null;
      const title = offer.source === 'invoice' ? v.t({ ja: '請求書', en: 'Invoice' }) : v.t({ ja: 'お知らせの書類', en: 'Your document' });
      return html`<section class="card" aria-labelledby="pdf-h">
<h2 id="pdf-h">${title}</h2>
<p>${v.t({ ja: 'あなた宛ての書類をPDFで保存できます。', en: 'You can save the document addressed to you as a PDF.' })}</p>
<a class="button wide" href="${v.base}/pdf/file" download>${v.t({ ja: 'PDFをダウンロード', en: 'Download the PDF' })}</a>
<span class="hint">${offer.size === null ? 'PDF' : size(offer.size, v.lang)}</span>
</section>`;
    },
    routes(r) {
      r.get('/file', async (v, req, reply) => {
        let file;
        try {
          file = await documents.download({ campaignId: v.campaignId, messageId: v.messageId, recipientId: v.recipientId });
        } catch (err) {
          // An invoice that cannot be made (a value missing from the list) is the office's to fix.
          if (!(err instanceof TodokuError)) throw err;
          req.log.warn({ messageId: v.messageId, code: err.code }, 'document not available');
          return sendPage(reply, 503, { lang: v.lang, org: v.organisation, selfPath: v.base }, {
            title: v.t({ ja: 'PDFを用意できませんでした', en: 'The PDF is not available' }),
            body: html`<p class="alert">${v.t({ ja: '申し訳ありません。書類を表示できませんでした。お手数ですが、下記までお問い合わせください。', en: 'Sorry, the document could not be prepared. Please contact us.' })}</p><p><a href="${v.base}">${v.t({ ja: 'お知らせに戻る', en: 'Back to the notice' })}</a></p>`,
          });
        }
        if (!file) return reply.redirect(v.base, 303);
        req.log.info({ messageId: v.messageId, source: file.source }, 'document downloaded');
        return reply.type('application/pdf').header('content-disposition', attachment(file.fileName)).send(file.bytes);
      });
    },
  };
}

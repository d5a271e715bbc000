// What a certificate's table says for each ledger entry: the time (JST, to the second), the fact in
// words (core/labels.ts, refined by the entry's own data: a receipt's state, a first open), a short
// detail of the codes it carries, and its entry number. Read from the leaf texts, the very bytes the
// proofs cover, never from the database rows beside them.
import { parseLeaf, type EvidenceData, type EvidenceKind, type Leaf } from '../../core/evidence/entry.ts';
import { jstTime, type CertificateData } from '../../core/evidence/certificate.ts';
import { CONSENT_METHOD_LABELS, EVIDENCE_KIND_LABELS, MESSAGE_STATE_LABELS, labelOf } from '../../core/labels.ts';
import type { Bilingual } from '../../core/errors.ts';

export interface CertificateRow {
  leafIndex: number;
  at: number;
  /** Japan time to the second, as printed. */
  time: string;
  label: Bilingual;
  detail: Bilingual;
}

const both = (s: string): Bilingual => ({ ja: s, en: s });
const join = (parts: (string | null | false | undefined)[]): string => parts.filter(Boolean).join(' / ');

function labelFor(leaf: Leaf): Bilingual {
  const d = leaf.d as Record<string, unknown>;
  if (leaf.kind === 'message.receipt') {
    return d.state === 'delivered'
      ? { ja: '到達（携帯電話への配達）', en: 'Delivered to the handset' }
      : { ja: `到達せず（${labelOf(MESSAGE_STATE_LABELS, String(d.state), 'ja')}）`, en: `Not delivered (${labelOf(MESSAGE_STATE_LABELS, String(d.state), 'en')})` };
  }
  if (leaf.kind === 'page.opened') return d.first ? { ja: '初回閲覧', en: 'First opened' } : { ja: '閲覧（2回目以降）', en: 'Opened again' };
  if (leaf.kind === 'message.final') {
    return { ja: `最終状態（${labelOf(MESSAGE_STATE_LABELS, String(d.state), 'ja')}）`, en: `Final state (${labelOf(MESSAGE_STATE_LABELS, String(d.state), 'en')})` };
  }
  return EVIDENCE_KIND_LABELS[leaf.kind];
}

const who = (d: { by: number | null; key?: number }): string => (d.by !== null ? `user ${d.by}` : d.key !== undefined ? `API key ${d.key}` : '');

/** The codes an entry carries, in a few words (ids, codes, counts: what the leaf itself holds). */
function detailFor(leaf: Leaf): Bilingual {
  const k = leaf.kind;
  const d = leaf.d as EvidenceData[EvidenceKind] & Record<string, unknown>;
  switch (k) {
    case 'list.accepted': {
      const x = d as EvidenceData['list.accepted'];
      return { ja: join([`${x.rows}行（受付 ${x.accepted}、除外 ${x.rejected}）`, `SHA-256 ${x.fileSha256.slice(0, 16)}…`, who(x)]), en: join([`${x.rows} rows (${x.accepted} accepted, ${x.rejected} rejected)`, who(x)]) };
    }
    case 'content.fixed': {
      const x = d as EvidenceData['content.fixed'];
      return { ja: join([`宛先 ${x.recipients}件`, who(x)]), en: join([`${x.recipients} recipients`, who(x)]) };
    }
    case 'approval.requested':
    case 'approval.approved':
    case 'approval.rejected': {
      const x = d as EvidenceData['approval.approved'];
      return { ja: join([`依頼 ${x.request}`, `user ${x.by}`]), en: join([`request ${x.request}`, `user ${x.by}`]) };
    }
    case 'send.confirmed': {
      const x = d as EvidenceData['send.confirmed'];
      const when = x.scheduledAt !== null ? `予約 ${jstTime(x.scheduledAt)}` : '即時';
      const whenEn = x.scheduledAt !== null ? `scheduled ${new Date(x.scheduledAt).toISOString()}` : 'now';
      return { ja: join([when, x.test && 'テスト送信', x.approval !== null && `承認依頼 ${x.approval}`, who(x)]), en: join([whenEn, x.test && 'test send', x.approval !== null && `approval ${x.approval}`, who(x)]) };
    }
    case 'message.submitted': {
      const x = d as EvidenceData['message.submitted'];
      return { ja: join([`経路 ${x.route}`, `${x.parts}通分`, `携帯電話会社の受付番号 ${x.smscId}`]), en: join([`route ${x.route}`, `${x.parts} part(s)`, `carrier id ${x.smscId}`]) };
    }
    case 'message.refused': {
      const x = d as EvidenceData['message.refused'];
      return { ja: join([x.route && `経路 ${x.route}`, x.code && `コード ${x.code}`, x.final ? '確定' : '再試行あり']), en: join([x.route && `route ${x.route}`, x.code && `code ${x.code}`, x.final ? 'final' : 'to be retried']) };
    }
    case 'message.receipt': {
      const x = d as EvidenceData['message.receipt'];
      return both(join([`stat ${x.stat}`, x.err && `err ${x.err}`, x.doneDate && `done ${x.doneDate}`, `id ${x.smscId}`]));
    }
    case 'message.final': {
      const x = d as EvidenceData['message.final'];
      return both(x.reason ?? '');
    }
    case 'identity.passed':
    case 'identity.locked':
      return both(String(d.method));
    case 'identity.failed': {
      const x = d as EvidenceData['identity.failed'];
      return { ja: `${x.method}（${x.attempt}回目）`, en: `${x.method} (attempt ${x.attempt})` };
    }
    case 'document.downloaded': {
      const x = d as EvidenceData['document.downloaded'];
      return { ja: join([x.kind === 'invoice' ? '請求書' : 'アップロードされたPDF', `SHA-256 ${x.sha256.slice(0, 16)}…`]), en: join([x.kind === 'invoice' ? 'invoice' : 'uploaded PDF', `SHA-256 ${x.sha256.slice(0, 16)}…`]) };
    }
    case 'survey.answered':
      return d.first ? { ja: '初回の回答', en: 'first answer' } : { ja: '回答の変更', en: 'answer changed' };
    case 'payment.succeeded': {
      const x = d as EvidenceData['payment.succeeded'];
      return both(join([x.provider, x.currency.toUpperCase()]));
    }
    case 'reply.received': {
      const x = d as EvidenceData['reply.received'];
      return { ja: join([x.intent && `意図 ${x.intent}`, x.optOut && '配信停止']), en: join([x.intent && `intent ${x.intent}`, x.optOut && 'opt-out']) };
    }
    case 'opt_out.recorded':
      return both(String(d.source));
    case 'operator.action': {
      const x = d as EvidenceData['operator.action'];
      return both(join([x.action, `${x.count}`, who(x), x.next !== undefined && `→ message ${x.next}`]));
    }
    case 'consent.recorded': {
      const x = d as EvidenceData['consent.recorded'];
      if (x.method === 'withdrawn') return { ja: `${x.date} 撤回`, en: `withdrawn ${x.date}` };
      return { ja: join([`同意日 ${x.date}`, labelOf(CONSENT_METHOD_LABELS, x.method, 'ja')]), en: join([`consent of ${x.date}`, labelOf(CONSENT_METHOD_LABELS, x.method, 'en')]) };
    }
    default:
      return both('');
  }
}

/** The table's rows, in ledger order. */
export function certificateRows(data: CertificateData): CertificateRow[] {
  return data.entries.map((e) => {
    const leaf = parseLeaf(e.leaf);
    return { leafIndex: e.leafIndex, at: leaf.at, time: jstTime(leaf.at), label: labelFor(leaf), detail: detailFor(leaf) };
  });
}

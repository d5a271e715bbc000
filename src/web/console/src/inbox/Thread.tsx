// One conversation as a thread: what was sent (with its delivery state) and what came back, each reply
// with the intent its rule gave (an operator can correct it), opt-outs shown; and the reply box for
// operators (sent through the route and the contact policy; refused for a suppressed number).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { get, patch, post } from '../api/client.ts';
import type { Intent, ThreadItem } from '../api/schemas.ts';
import { INTENT_LABELS } from '../../../../core/labels.ts';
import { useI18n, type Key } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { useAction, useLoad } from '../ui/useLoad.ts';
import { Alert, ErrorMessage } from '../ui/Alert.tsx';
import { StateBadge } from '../ui/StateBadge.tsx';
import { dateTime } from '../ui/format.ts';
import { IntentOptions, IntentTag } from './IntentTag.tsx';

function Incoming({ item, canCorrect, onCorrected }: { item: Extract<ThreadItem, { direction: 'in' }>; canCorrect: boolean; onCorrected(): void }) {
  const { t, lang, pick, label } = useI18n();
  const action = useAction();
  const correct = async (intent: Intent) => {
    const r = await action.run(() => patch('/api/v1/inbound/{id}', { params: { path: { id: item.id } }, body: { intent } }));
    if (r !== undefined) onCorrected();
  };
  return (
    <li className="msg in">
      <p className="bubble">{item.text ?? t('inbox.textHidden')}</p>
      <p className="meta small">
        <time dateTime={item.at}>{dateTime(item.at, lang)}</time> · <IntentTag intent={item.intent} />
        {item.promisedDate && <> · {t('inbox.promised', { date: item.promisedDate })}</>}
        {item.optOut && <strong className="bad"> · {t('inbox.optedOut')}</strong>}
        {item.correction ? (
          <span className="muted"> · {t('inbox.correctedBy', { rule: label(INTENT_LABELS, item.tag.intent) })}</span>
        ) : (
          item.tag.description && <span className="muted"> · {t('inbox.rule')}: {pick(item.tag.description.ja, item.tag.description.en)}</span>
        )}
      </p>
      {canCorrect && (
        <label className="inline small">
          {t('inbox.correct')}
          <select value={item.intent} onChange={(e) => void correct(e.target.value as Intent)} disabled={action.busy}>
            <IntentOptions />
          </select>
        </label>
      )}
      <ErrorMessage error={action.error} />
    </li>
  );
}

export function Thread({ conversationId, onChanged }: { conversationId: string; onChanged(): void }) {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const conv = useLoad(() => get('/api/v1/inbox/{conversationId}', { params: { path: { conversationId } } }), [conversationId]);
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  const action = useAction();
  const end = useRef<HTMLOListElement>(null);
  const operator = can('operator');

  // Opening a conversation reads it (operators; a viewer's look changes nothing).
  useEffect(() => {
    if (!operator || !conv.data || conv.data.unread === 0) return;
    post('/api/v1/inbox/{conversationId}/read', { params: { path: { conversationId } } }).then(onChanged, () => {});
  }, [conv.data?.unread]);
  useEffect(() => {
    const timer = setInterval(() => void conv.reload(), 5_000);
    return () => clearInterval(timer);
  }, [conv.reload]);
  // The newest message in view, inside the thread's own scroll area (the page itself stays put).
  useEffect(() => {
    const list = end.current;
    if (list) list.scrollTop = list.scrollHeight;
  }, [conv.data?.timeline.length]);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    setSent(false);
    const r = await action.run(() => post('/api/v1/inbox/{conversationId}/reply', { params: { path: { conversationId } }, body: { text } }));
    if (r !== undefined) {
      setText('');
      setSent(true);
      await conv.reload();
      onChanged();
    }
  };

  if (conv.error) return <ErrorMessage error={conv.error} />;
  if (!conv.data) return <p>{t('common.loading')}</p>;
  const c = conv.data;
  return (
    <section className="card thread" aria-labelledby="thread-h">
      <h2 id="thread-h">
        {c.person?.name ?? c.phone} {c.suppressed && <span className="tag intent-opt_out">{t('inbox.suppressed')}</span>}
      </h2>
      <p className="muted small person">
        {c.person?.name && <span>{c.phone}</span>}
        {c.person?.customerNumber && (
          <span>
            {' '}
            · {t('inbox.customerNumber')} <span className="nowrap">{c.person.customerNumber}</span>
          </span>
        )}
        {c.person?.masked && <span> · {t('inbox.personMasked')}</span>}
      </p>
      <ol className="messages" ref={end}>
        {c.timeline.map((item) =>
          item.direction === 'in' ? (
            <Incoming key={`in-${item.id}`} item={item} canCorrect={operator} onCorrected={() => void conv.reload().then(onChanged)} />
          ) : (
            <li key={`out-${item.id}`} className="msg out">
              <p className="bubble">{item.text ?? (operator ? t('inbox.notComposed') : t('inbox.textHidden'))}</p>
              <p className="meta small">
                <time dateTime={item.at}>{dateTime(item.at, lang)}</time> · {item.campaign.name} · {t(`followUp.${item.kind}` as Key)} · <StateBadge of="message" state={item.state} />
                {item.errorCode && <span className="muted"> {item.errorCode}</span>}
              </p>
            </li>
          ),
        )}
      </ol>
      {c.suppressed && <Alert kind="warning">{t('inbox.suppressedNote')}</Alert>}
      {operator && !c.suppressed && (
        <form onSubmit={send} className="reply-box">
          <label htmlFor="reply-text">{t('inbox.reply')}</label>
          <textarea id="reply-text" rows={3} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} required />
          <div className="row">
            <span className="muted small">{t('inbox.replyNote', { n: [...text].length })}</span>
            <button type="submit" className="primary" disabled={action.busy || !text.trim()}>
              {t('inbox.send')}
            </button>
          </div>
          <ErrorMessage error={action.error} />
          {sent && <Alert kind="ok">{t('inbox.queued')}</Alert>}
        </form>
      )}
    </section>
  );
}

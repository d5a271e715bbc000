// 「支払済みにする」 in a message's timeline: an operator records money that came in outside Todoku (窓口,
// 現金, 振込・口座振替 …) — amount (empty: what is still owed), the day, how, a note. A part payment is said
// as such; an entry past what is owed asks for the overpayment box. Nothing is taken back afterwards.
import { useState, type FormEvent } from 'react';
import { post } from '../api/client.ts';
import { PAYMENT_MARK_METHOD_LABELS } from '../../../../core/labels.ts';
import { PAYMENT_MARK_METHODS, type PaymentMarkMethod } from '../../../../core/payment-marks.ts';
import { useI18n } from '../i18n/index.tsx';
import { ErrorMessage, Alert } from '../ui/Alert.tsx';
import { useAction } from '../ui/useLoad.ts';
import { yen } from '../ui/format.ts';

/** Today in Japan as YYYY-MM-DD (the date field's default and its latest). */
const today = () => new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);

export function MarkPaidForm({ messageId, onMarked }: { messageId: number; onMarked(): void }) {
  const { t, label, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState(today());
  const [method, setMethod] = useState<PaymentMarkMethod>('counter');
  const [note, setNote] = useState('');
  const [overpayment, setOverpayment] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const action = useAction();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = amount.trim() === '' ? undefined : Number(amount.replace(/[,¥円\s]/g, ''));
    const r = await action.run(() =>
      post('/api/v1/messages/{id}/payment', {
        params: { path: { id: messageId } },
        body: { method, paidAt: date, overpayment, ...(n !== undefined ? { amount: n } : {}), ...(note.trim() ? { note: note.trim() } : {}) },
      }),
    );
    if (r === undefined) return;
    setDone(
      r.balance === 'partial'
        ? t('markPaid.donePartial', { amount: yen(r.mark.amount, lang), left: yen(r.remaining ?? 0, lang) })
        : t('markPaid.done', { amount: yen(r.mark.amount, lang) }),
    );
    setOpen(false);
    setAmount('');
    setNote('');
    setOverpayment(false);
    onMarked();
  };

  if (!open) {
    return (
      <div className="row wrap">
        <button type="button" onClick={() => { setDone(null); setOpen(true); }}>
          {t('markPaid.button')}
        </button>
        {done && <Alert kind="ok">{done}</Alert>}
      </div>
    );
  }
  return (
    <form className="card" onSubmit={submit} aria-labelledby={`mark-paid-${messageId}`}>
      <h3 id={`mark-paid-${messageId}`}>{t('markPaid.title')}</h3>
      <div className="row wrap">
        <label>
          {t('markPaid.amount')}
          <input inputMode="numeric" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder={t('markPaid.amountHint')} />
        </label>
        <label>
          {t('markPaid.date')}
          <input type="date" value={date} max={today()} required onChange={(e) => setDate(e.target.value)} />
        </label>
        <label>
          {t('markPaid.method')}
          <select value={method} onChange={(e) => setMethod(e.target.value as PaymentMarkMethod)}>
            {PAYMENT_MARK_METHODS.map((m) => (
              <option key={m} value={m}>
                {label(PAYMENT_MARK_METHOD_LABELS, m)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label>
        {t('markPaid.note')}
        <textarea value={note} maxLength={1000} rows={2} onChange={(e) => setNote(e.target.value)} />
      </label>
      <label className="inline small">
        <input type="checkbox" checked={overpayment} onChange={(e) => setOverpayment(e.target.checked)} /> {t('markPaid.overpayment')}
      </label>
      <p className="muted small">{t('markPaid.appendOnly')}</p>
      <ErrorMessage error={action.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={action.busy}>
          {t('markPaid.submit')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

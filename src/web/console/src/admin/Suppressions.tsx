// The suppression list (配信停止リスト): numbers never sent to again; add one by hand, take one off.
import { useState, type FormEvent } from 'react';
import { del, get, post, qs } from '../api/client.ts';
import type { Suppression } from '../api/types.ts';
import { useI18n, type Key } from '../i18n/index.tsx';
import { useSession } from '../session.tsx';
import { useAction, useLoad } from '../ui/useLoad.ts';
import { ErrorMessage } from '../ui/Alert.tsx';
import { dateTime, num } from '../ui/format.ts';

const REASONS = ['opt_out', 'wrong_person', 'complaint', 'other'] as const;
const PAGE = 100;

export function Suppressions() {
  const { t, lang } = useI18n();
  const { can } = useSession();
  const [offset, setOffset] = useState(0);
  const list = useLoad(() => get<{ total: number; suppressions: Suppression[] }>(`/suppressions${qs({ limit: PAGE, offset })}`), [offset]);
  const [phone, setPhone] = useState('');
  const [reason, setReason] = useState<(typeof REASONS)[number]>('opt_out');
  const action = useAction();
  const add = async (e: FormEvent) => {
    e.preventDefault();
    if ((await action.run(() => post('/suppressions', { phone: phone.trim(), reason }))) !== undefined) {
      setPhone('');
      await list.reload();
    }
  };
  const remove = async (s: Suppression) => {
    if (!window.confirm(t('suppressions.removeConfirm', { phone: s.phone }))) return;
    if ((await action.run(() => del(`/suppressions/${encodeURIComponent(s.id)}`).then(() => true))) !== undefined) await list.reload();
  };
  return (
    <div>
      {can('operator') && (
        <form className="card" onSubmit={add}>
          <h2>{t('suppressions.add')}</h2>
          <div className="row wrap">
            <label className="grow">
              {t('field.phone')}
              <input required value={phone} onChange={(e) => setPhone(e.target.value)} inputMode="tel" />
            </label>
            <label>
              {t('suppressions.reason')}
              <select value={reason} onChange={(e) => setReason(e.target.value as (typeof REASONS)[number])}>
                {REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`suppression.${r}` as Key)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="primary" disabled={action.busy || !phone.trim()}>
              {t('suppressions.addButton')}
            </button>
          </div>
        </form>
      )}
      <ErrorMessage error={action.error ?? list.error} />
      {list.data && (
        <>
          <p>{t('suppressions.total', { n: num(list.data.total, lang) })}</p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('field.phone')}</th>
                <th scope="col">{t('suppressions.reason')}</th>
                <th scope="col">{t('suppressions.source')}</th>
                <th scope="col">{t('suppressions.since')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.suppressions.map((s) => (
                <tr key={s.id}>
                  <td className="nowrap">{s.phone}</td>
                  <td>{t(`suppression.${s.reason}` as Key)}</td>
                  <td>{t(`suppressionSource.${s.source}` as Key)}</td>
                  <td>{dateTime(s.createdAt, lang)}</td>
                  <td>
                    {can('operator') && (
                      <button type="button" onClick={() => void remove(s)} disabled={action.busy}>
                        {t('common.remove')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row">
            <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
              {t('common.previous')}
            </button>
            <button type="button" disabled={offset + PAGE >= list.data.total} onClick={() => setOffset(offset + PAGE)}>
              {t('common.nextPage')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}

// The audit log: who did what and when, newest first, filterable by actor and action, page by page.
import { useState, type FormEvent } from 'react';
import { get, qs } from '../api/client.ts';
import type { AuditEntry } from '../api/types.ts';
import { useI18n } from '../i18n/index.tsx';
import { ErrorMessage } from '../ui/Alert.tsx';
import { useLoad } from '../ui/useLoad.ts';
import { dateTime } from '../ui/format.ts';

export function Audit() {
  const { t, lang } = useI18n();
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const [filter, setFilter] = useState({ actor: '', action: '' });
  const [before, setBefore] = useState<number[]>([]);
  const cursor = before[before.length - 1];
  const page = useLoad(() => get<{ entries: AuditEntry[]; next: number | null }>(`/audit${qs({ limit: 50, before: cursor, ...filter })}`), [filter, cursor]);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setBefore([]);
    setFilter({ actor: actor.trim(), action: action.trim() });
  };
  return (
    <div>
      <form className="row wrap card" onSubmit={apply}>
        <label className="grow">
          {t('audit.actor')}
          <input value={actor} onChange={(e) => setActor(e.target.value)} placeholder="user:1:admin" />
        </label>
        <label className="grow">
          {t('audit.action')}
          <input value={action} onChange={(e) => setAction(e.target.value)} placeholder="campaign.send" />
        </label>
        <button type="submit">{t('table.searchButton')}</button>
      </form>
      <ErrorMessage error={page.error} />
      {page.data && (
        <>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('audit.at')}</th>
                <th scope="col">{t('audit.actor')}</th>
                <th scope="col">{t('audit.action')}</th>
                <th scope="col">{t('audit.target')}</th>
                <th scope="col">{t('audit.details')}</th>
              </tr>
            </thead>
            <tbody>
              {page.data.entries.map((e) => (
                <tr key={e.id}>
                  <td className="nowrap">{dateTime(e.at, lang, { seconds: true })}</td>
                  <td>{e.actor}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>{e.target ?? '—'}</td>
                  <td className="small break">{e.details ? JSON.stringify(e.details) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row">
            <button type="button" disabled={before.length === 0} onClick={() => setBefore((b) => b.slice(0, -1))}>
              {t('common.previous')}
            </button>
            <button type="button" disabled={page.data.next === null} onClick={() => setBefore((b) => [...b, page.data!.next!])}>
              {t('common.nextPage')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}

// The audit log: who did what and when, newest first, filterable by actor and action, page by page.
// Each entry reads as a sentence (the API builds it from core/audit-sentence.ts); the recorded JSON is
// one click away behind a disclosure. Times are the organisation's (Asia/Tokyo).
import { useState, type FormEvent } from 'react';
import { get } from '../api/client.ts';
import type { AuditEntry } from '../api/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { ErrorMessage } from '../ui/Alert.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { TextField } from '../ui/Field.tsx';
import { Pager } from '../ui/Pager.tsx';
import { useLoad } from '../ui/useLoad.ts';
import { dateTime } from '../ui/format.ts';

export function Audit() {
  const { t, lang, pick } = useI18n();
  const [actor, setActor] = useState('');
  const [action, setAction] = useState('');
  const [filter, setFilter] = useState({ actor: '', action: '' });
  const [before, setBefore] = useState<number[]>([]);
  const cursor = before[before.length - 1];
  const page = useLoad(() => get('/api/v1/audit', { params: { query: { limit: 50, before: cursor, actor: filter.actor || undefined, action: filter.action || undefined } } }), [filter, cursor]);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setBefore([]);
    setFilter({ actor: actor.trim(), action: action.trim() });
  };
  const columns: Column<AuditEntry>[] = [
    { header: t('audit.at'), className: 'nowrap', cell: (e) => dateTime(e.at, lang, { seconds: true }) },
    {
      header: t('audit.what'),
      cell: (e) => (
        <div className="audit-entry">
          <span className="audit-sentence">{pick(e.sentence.ja, e.sentence.en)}</span>
          <details className="small">
            <summary>{t('audit.raw')}</summary>
            <pre className="break">{JSON.stringify({ actor: e.actor, action: e.action, target: e.target, details: e.details }, null, 2)}</pre>
          </details>
        </div>
      ),
    },
  ];
  const next = page.data?.next ?? null;
  return (
    <div>
      <form className="row wrap card" onSubmit={apply}>
        <TextField grow label={t('audit.actor')} value={actor} onChange={setActor} placeholder="user:1:admin" />
        <TextField grow label={t('audit.action')} value={action} onChange={setAction} placeholder="campaign.send" />
        <button type="submit">{t('table.searchButton')}</button>
      </form>
      <ErrorMessage error={page.error} />
      {page.data && (
        <>
          <DataTable rows={page.data.entries} columns={columns} rowKey={(e) => e.id} />
          <Pager hasPrevious={before.length > 0} hasNext={next !== null} onPrevious={() => setBefore((b) => b.slice(0, -1))} onNext={() => next !== null && setBefore((b) => [...b, next])} />
        </>
      )}
    </div>
  );
}

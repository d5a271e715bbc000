// 入金消込: the bank's file in (振込入金通知 / 入出金取引明細, or the portal's CSV), what it did in counts
// and the rows worth a look, then the credits nobody could be matched to: find the person and apply
// the credit to them, or set it aside as not ours. Operators only (payer names are personal data).
import { useState } from 'react';
import { get, post, postFile, type Answer } from '../api/client.ts';
import { useI18n, type Key } from '../i18n/index.tsx';
import { useCrud } from '../ui/useCrud.ts';
import { useAction } from '../ui/useLoad.ts';
import { Alert, ErrorMessage } from '../ui/Alert.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { TextField } from '../ui/Field.tsx';
import { num, yen } from '../ui/format.ts';

type Item<T> = T extends readonly (infer I)[] ? I : never;
type ImportAnswer = Answer<'post', '/api/v1/payments/bank-files'>;
type ImportRow = Item<ImportAnswer['rows']>;
type Transfer = Item<Answer<'get', '/api/v1/payments/unmatched'>['transfers']>;
type Person = Item<Answer<'get', '/api/v1/payments/debts'>['people']>;

const COUNTS = ['matched', 'partial', 'over', 'unmatched', 'duplicate', 'refused', 'skipped'] as const;

/** The payer name without a customer number in front: what to search the list by. */
const nameOnly = (payer: string) => payer.replace(/^[\d\s-]+/u, '').trim() || payer;

function Upload({ onImported }: { onImported(): void }) {
  const { t, lang, pick } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [bank, setBank] = useState('');
  const [branch, setBranch] = useState('');
  const [account, setAccount] = useState('');
  const [result, setResult] = useState<ImportAnswer | null>(null);
  const action = useAction();
  const submit = async () => {
    if (!file) return;
    const query = { bank: bank || undefined, branch: branch || undefined, account: account || undefined };
    const answer = await action.run(() => postFile('/api/v1/payments/bank-files', file, 'application/octet-stream', query));
    if (answer) {
      setResult(answer);
      onImported();
    }
  };
  const notable = result?.rows.filter((r) => r.outcome === 'unmatched' || r.outcome === 'refused' || (r.outcome === 'matched' && r.transfer && r.transfer.balance !== 'exact')) ?? [];
  const outcome = (r: ImportRow): string => {
    const tr = r.transfer;
    if (r.outcome === 'refused') return pick(r.message, r.message_en);
    if (tr && r.outcome === 'matched') {
      if (tr.balance === 'partial') return t('bank.partial', { amount: yen(tr.remaining ?? 0, lang) });
      if (tr.balance === 'over') return t('bank.over', { amount: yen(-(tr.remaining ?? 0), lang) });
      return t('bank.count.matched');
    }
    return tr?.reasonText ? pick(tr.reasonText.ja, tr.reasonText.en) : '';
  };
  const columns: Column<ImportRow>[] = [
    { header: t('bank.record'), num: true, cell: (r) => num(r.record, lang) },
    { header: t('bank.date'), className: 'nowrap', cell: (r) => r.transfer?.valueDate ?? '' },
    { header: t('bank.amount'), num: true, cell: (r) => (r.transfer ? yen(r.transfer.amount, lang) : '') },
    { header: t('bank.payer'), cell: (r) => r.transfer?.payerName ?? '' },
    { header: t('bank.result'), cell: outcome },
  ];
  return (
    <section className="card" aria-labelledby="bank-upload">
      <h2 id="bank-upload">{t('bank.upload')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <div className="row wrap">
          <label className="field grow">
            <span>{t('bank.file')}</span>
            <input type="file" accept=".txt,.dat,.csv,.TXT,.DAT,.CSV,text/plain,text/csv,application/octet-stream" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
        </div>
        <details>
          <summary>{t('bank.csvAccount')}</summary>
          <div className="row wrap">
            <TextField label={t('bank.bankCode')} value={bank} onChange={setBank} inputMode="numeric" maxLength={4} />
            <TextField label={t('bank.branchCode')} value={branch} onChange={setBranch} inputMode="numeric" maxLength={3} />
            <TextField label={t('bank.accountNumber')} value={account} onChange={setAccount} inputMode="numeric" maxLength={10} />
          </div>
        </details>
        <button type="submit" className="primary" disabled={!file || action.busy}>
          {action.busy ? t('common.working') : t('bank.importButton')}
        </button>
      </form>
      <ErrorMessage error={action.error} />
      {result && (
        <div role="status">
          <Alert kind={result.counts.unmatched > 0 || result.counts.refused > 0 ? 'warning' : 'ok'}>
            {t('bank.imported', { format: t(`bank.format.${result.format}` as Key) })}
          </Alert>
          <dl className="figures">
            {COUNTS.map((k) => (
              <div key={k}>
                <dt>{t(`bank.count.${k}` as Key)}</dt>
                <dd>{num(result.counts[k], lang)}</dd>
              </div>
            ))}
          </dl>
          {notable.length > 0 && <DataTable caption={t('bank.rowsTitle')} rows={notable} columns={columns} rowKey={(r) => String(r.record)} />}
        </div>
      )}
    </section>
  );
}

function AssignDialog({ transfer, onClose, onAssigned }: { transfer: Transfer; onClose(): void; onAssigned(): void }) {
  const { t, lang } = useI18n();
  const [q, setQ] = useState(nameOnly(transfer.payerName));
  const [people, setPeople] = useState<Person[] | null>(null);
  const action = useAction();
  const search = async () => {
    const r = await action.run(() => get('/api/v1/payments/debts', { params: { query: { q: q.trim(), limit: 20 } } }));
    if (r) setPeople(r.people);
  };
  const assign = async (p: Person) => {
    const r = await action.run(() => post('/api/v1/payments/bank-transfers/{id}/assign', { params: { path: { id: transfer.id } }, body: { messageId: p.messageId } }));
    if (r) onAssigned();
  };
  const columns: Column<Person>[] = [
    { header: t('bank.campaign'), cell: (p) => p.campaignName },
    { header: t('bank.name'), rowHeader: true, cell: (p) => p.name },
    { header: t('field.kana'), cell: (p) => p.kana },
    { header: t('bank.customerNumber'), cell: (p) => p.customerNumber },
    { header: t('bank.owed'), num: true, cell: (p) => (p.paid ? t('bank.paid') : p.owed === null ? '—' : yen(p.owed, lang)) },
    {
      header: t('common.actions'),
      cell: (p) => (
        <button type="button" onClick={() => void assign(p)} disabled={action.busy} aria-label={t('bank.assignTo', { name: p.name })}>
          {t('bank.assign')}
        </button>
      ),
    },
  ];
  return (
    <Dialog open wide title={t('bank.assignTitle', { payer: transfer.payerName, amount: yen(transfer.amount, lang) })} onClose={onClose} actions={<button type="button" onClick={onClose}>{t('common.close')}</button>}>
      <form
        className="row wrap"
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        <TextField grow label={t('bank.search')} value={q} onChange={setQ} />
        <button type="submit" disabled={q.trim() === '' || action.busy}>
          {t('bank.searchButton')}
        </button>
      </form>
      <ErrorMessage error={action.error} />
      {people && <DataTable rows={people} columns={columns} rowKey={(p) => String(p.messageId)} empty={t('bank.noHits')} />}
    </Dialog>
  );
}

export function BankReconciliationPage() {
  const { t, lang, pick } = useI18n();
  const list = useCrud(() => get('/api/v1/payments/unmatched', { params: { query: { limit: 200 } } }), []);
  const [assigning, setAssigning] = useState<Transfer | null>(null);
  const notOurs = (tr: Transfer) => list.change(() => post('/api/v1/payments/bank-transfers/{id}/not-ours', { params: { path: { id: tr.id } } }), t('bank.notOursConfirm', { payer: tr.payerName, amount: yen(tr.amount, lang) }));
  const columns: Column<Transfer>[] = [
    { header: t('bank.date'), className: 'nowrap', cell: (tr) => tr.valueDate },
    { header: t('bank.amount'), num: true, cell: (tr) => yen(tr.amount, lang) },
    { header: t('bank.payer'), rowHeader: true, cell: (tr) => tr.payerName },
    { header: 'EDI', cell: (tr) => tr.edi },
    { header: t('bank.account'), cell: (tr) => `${tr.bankName ?? tr.bankCode} ${tr.branchName ?? tr.branchCode} ${tr.accountNumber}` },
    { header: t('bank.reason'), cell: (tr) => (tr.reasonText ? pick(tr.reasonText.ja, tr.reasonText.en) : pick(tr.stateText.ja, tr.stateText.en)) },
    {
      header: t('common.actions'),
      cell: (tr) => (
        <div className="row">
          <button type="button" onClick={() => setAssigning(tr)} disabled={list.busy} aria-label={t('bank.findPersonFor', { payer: tr.payerName })}>
            {t('bank.findPerson')}
          </button>
          <button type="button" onClick={() => void notOurs(tr)} disabled={list.busy} aria-label={t('bank.notOursFor', { payer: tr.payerName })}>
            {t('bank.notOurs')}
          </button>
        </div>
      ),
    },
  ];
  const data = list.list.data;
  return (
    <section className="page">
      <h1>{t('bank.title')}</h1>
      <p className="hint">{t('bank.intro')}</p>
      <Upload onImported={() => void list.list.reload()} />
      <h2>{t('bank.unmatchedTitle')}</h2>
      <ErrorMessage error={list.error} />
      {data && (
        <>
          <p>{t('bank.stateCounts', { unmatched: num(data.counts.unmatched, lang), duplicate: num(data.counts.duplicate, lang), matched: num(data.counts.matched, lang), notOurs: num(data.counts.not_ours, lang) })}</p>
          <DataTable rows={data.transfers} columns={columns} rowKey={(tr) => String(tr.id)} empty={t('bank.none')} />
        </>
      )}
      {assigning && (
        <AssignDialog
          transfer={assigning}
          onClose={() => setAssigning(null)}
          onAssigned={() => {
            setAssigning(null);
            void list.list.reload();
          }}
        />
      )}
    </section>
  );
}

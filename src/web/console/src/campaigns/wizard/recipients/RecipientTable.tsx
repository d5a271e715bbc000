// A draft's list as it will be sent, 50 rows a page: each row's line, number and columns (named by the
// CSV's own headers) and its prior consent to notices by SMS, a row corrected in a dialog (re-checked by
// the server as the import checks it; consent recorded or withdrawn there too), and selected rows removed
// after a confirmation. Operators only: the rows are personal data.
import { useState } from 'react';
import { del, get, inCampaign, patch, put } from '../../../api/client.ts';
import type { Answer } from '../../../api/client.ts';
import type { Campaign } from '../../../api/schemas.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useAction, useLoad } from '../../../ui/useLoad.ts';
import { ErrorMessage } from '../../../ui/Alert.tsx';
import { Dialog } from '../../../ui/Dialog.tsx';
import { Pager } from '../../../ui/Pager.tsx';
import { CONSENT_METHOD_LABELS } from '../../../../../../core/labels.ts';
import { CONSENT_FIELDS } from '../../../../../../core/consent.ts';
import { ConsentCell, ConsentFields, consentChange, consentDraftOf, type ConsentDraft } from './Consent.tsx';

type Row = Answer<'get', '/api/v1/campaigns/{campaign}/recipients'>['recipients'][number];
const PAGE = 50;

/** `version` changes when the list was imported again or replaced (its figures may not change). */
export function RecipientTable({ campaign, editable, version, onChanged }: { campaign: Campaign; editable: boolean; version: number; onChanged: () => Promise<void> }) {
  const { t, label } = useI18n();
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [editing, setEditing] = useState<Row | null>(null);
  const [draft, setDraft] = useState<Record<string, string>>({});
  const [consent, setConsent] = useState<ConsentDraft>(consentDraftOf(null));
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  // The campaign's figures change with every correction: reload the page with them.
  const page = useLoad(
    () => get('/api/v1/campaigns/{campaign}/recipients', { params: { ...inCampaign(campaign.id), query: { offset, limit: PAGE } } }),
    [campaign.id, offset, campaign.acceptedCount, campaign.columns.length, version],
  );
  // Consent is not a column of the row: it has a column of its own, recorded through its own endpoint.
  const columns = campaign.columns.filter((c) => c.field !== 'phone' && !(CONSENT_FIELDS as readonly string[]).includes(c.field));
  const rows = page.data?.recipients ?? [];

  const toggle = (id: number) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const startEdit = (r: Row) => {
    setEditing(r);
    setDraft({ phone: r.fields.phone ?? r.phone, ...Object.fromEntries(columns.map((c) => [c.field, r.fields[c.field] ?? ''])) });
    setConsent(consentDraftOf(r.consent));
  };

  const saveEdit = async () => {
    if (!editing) return;
    const changed = Object.fromEntries(Object.entries(draft).filter(([f, v]) => v !== (f === 'phone' ? (editing.fields.phone ?? editing.phone) : (editing.fields[f] ?? ''))));
    const consented = consentChange(editing.consent, consent);
    if (Object.keys(changed).length === 0 && consented === 'same') return setEditing(null);
    const params = { params: { path: { campaign: String(campaign.id), recipient: editing.id } } };
    const ok = await action.run(async () => {
      if (Object.keys(changed).length > 0) await patch('/api/v1/campaigns/{campaign}/recipients/{recipient}', { ...params, body: { fields: changed } });
      // Recorded (or withdrawn) on its own: each is an entry in the evidence ledger.
      if (consented === 'withdraw') await del('/api/v1/campaigns/{campaign}/recipients/{recipient}/consent', params);
      else if (consented !== 'same') await put('/api/v1/campaigns/{campaign}/recipients/{recipient}/consent', { ...params, body: consented });
      return true;
    });
    if (ok) {
      setEditing(null);
      page.reload();
    }
  };

  const removeSelected = async () => {
    const ids = [...selected].join(',');
    const ok = await action.run(() => del('/api/v1/campaigns/{campaign}/recipients', { params: { ...inCampaign(campaign.id), query: { ids } } }));
    setConfirming(false);
    if (ok) {
      setSelected(new Set());
      await onChanged();
    }
  };

  return (
    <section className="card" aria-labelledby="recipient-list-h">
      <h3 id="recipient-list-h">{t('recipients.listTitle', { n: page.data?.total ?? campaign.acceptedCount })}</h3>
      {editable && <p className="muted small">{t('recipients.listHelp')}</p>}
      <ErrorMessage error={page.error ?? (editing || confirming ? null : action.error)} />
      <div className="table-scroll">
        <table className="table recipients">
          <thead>
            <tr>
              {editable && <th scope="col" aria-label={t('common.actions')} />}
              <th scope="col">{t('recipients.line')}</th>
              <th scope="col">{t('recipients.phone')}</th>
              {columns.map((c) => (
                <th scope="col" key={c.field}>
                  {c.header}
                </th>
              ))}
              <th scope="col">{t('recipients.consent')}</th>
              {editable && <th scope="col">{t('common.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-line={r.line}>
                {editable && (
                  <td>
                    <input type="checkbox" checked={selected.has(r.id)} onChange={() => toggle(r.id)} aria-label={t('recipients.selectRow', { line: r.line })} />
                  </td>
                )}
                <td className="num">{r.line}</td>
                <td className="nowrap">{r.fields.phone || r.phone}</td>
                {columns.map((c) => (
                  <td key={c.field}>{r.fields[c.field] ?? ''}</td>
                ))}
                <td className="consent">
                  <ConsentCell consent={r.consent} required={campaign.formality !== null} methodLabel={(m) => label(CONSENT_METHOD_LABELS, m)} />
                </td>
                {editable && (
                  <td>
                    <button type="button" className="small" onClick={() => startEdit(r)}>
                      {t('common.edit')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(page.data?.total ?? 0) > PAGE && (
        <Pager hasPrevious={offset > 0} hasNext={offset + PAGE < (page.data?.total ?? 0)} onPrevious={() => setOffset(Math.max(0, offset - PAGE))} onNext={() => setOffset(offset + PAGE)} />
      )}
      {editable && selected.size > 0 && (
        <p>
          <button type="button" className="danger" onClick={() => setConfirming(true)}>
            {t('recipients.removeSelected', { n: selected.size })}
          </button>
        </p>
      )}

      <Dialog
        open={editing !== null}
        title={editing ? t('recipients.editTitle', { line: editing.line }) : ''}
        onClose={() => setEditing(null)}
        actions={
          <>
            <button type="button" className="primary" disabled={action.busy} onClick={() => void saveEdit()}>
              {t('common.save')}
            </button>
            <button type="button" onClick={() => setEditing(null)}>
              {t('common.cancel')}
            </button>
          </>
        }
      >
        <p className="muted small">{t('recipients.editHelp')}</p>
        <ErrorMessage error={action.error} />
        {[{ field: 'phone', header: campaign.columns.find((c) => c.field === 'phone')?.header ?? t('recipients.phone') }, ...columns].map((c) => (
          <label key={c.field}>
            {c.header}
            <input value={draft[c.field] ?? ''} onChange={(e) => setDraft({ ...draft, [c.field]: e.target.value })} />
          </label>
        ))}
        <ConsentFields value={consent} onChange={setConsent} />
      </Dialog>

      <Dialog
        open={confirming}
        title={t('recipients.confirmRemoveTitle')}
        onClose={() => setConfirming(false)}
        actions={
          <>
            <button type="button" className="danger" disabled={action.busy} onClick={() => void removeSelected()}>
              {t('common.remove')}
            </button>
            <button type="button" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </>
        }
      >
        <p>{t('recipients.confirmRemove', { n: selected.size })}</p>
      </Dialog>
    </section>
  );
}

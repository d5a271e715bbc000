// Routes (配信ルート): each with its sender number (発信番号), profile, priority, rate and whether this
// server has it bound; add or edit one (kind-specific settings as JSON; stored passwords stay masked and
// kept), test the connection, enable or disable.
import { useState, type FormEvent } from 'react';
import { get, post, put } from '../api/client.ts';
import type { RouteView } from '../api/types.ts';
import { useI18n, type Key } from '../i18n/index.tsx';
import { useAction, useLoad } from '../ui/useLoad.ts';
import { Alert, ErrorMessage } from '../ui/Alert.tsx';
import { Dialog } from '../ui/Dialog.tsx';

const KINDS = ['smpp', 'http', 'simulator', 'http-simulator'] as const;
const EXAMPLES: Record<string, object> = {
  smpp: { host: 'smsc.example.net', port: 2775, systemId: 'todoku', password: 'secret', window: 10, bindMode: 'transceiver', concatenation: 'udh8' },
  http: { baseUrl: 'https://api.twilio.com', accountSid: 'AC…', authToken: '…' },
  simulator: {},
  'http-simulator': {},
};

interface Draft {
  name: string;
  kind: string;
  sender: string;
  profile: string;
  priority: number;
  ratePerSecond: string;
  enabled: boolean;
  config: string;
  isNew: boolean;
}

const draftOf = (r: RouteView): Draft => ({
  name: r.name,
  kind: r.kind,
  sender: r.sender,
  profile: r.profile,
  priority: r.priority,
  ratePerSecond: r.ratePerSecond === null ? '' : String(r.ratePerSecond),
  enabled: r.enabled,
  config: JSON.stringify(r.config, null, 2),
  isNew: false,
});

export function Routes() {
  const { t } = useI18n();
  const routes = useLoad(() => get<{ routes: RouteView[] }>('/routes'), []);
  const [edit, setEdit] = useState<Draft | null>(null);
  const [tested, setTested] = useState<Record<string, { ok: boolean; message: string }>>({});
  const action = useAction();

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!edit) return;
    let config: unknown;
    try {
      config = edit.config.trim() ? JSON.parse(edit.config) : {};
    } catch {
      action.setError(new Error(t('routes.badJson')));
      return;
    }
    const r = await action.run(() =>
      put<RouteView>(`/routes/${encodeURIComponent(edit.name.trim())}`, {
        kind: edit.kind,
        sender: edit.sender.trim(),
        profile: edit.profile.trim() || 'default',
        priority: edit.priority,
        enabled: edit.enabled,
        ratePerSecond: edit.ratePerSecond === '' ? null : Number(edit.ratePerSecond),
        config,
      }),
    );
    if (r) {
      setEdit(null);
      await routes.reload();
    }
  };
  const toggle = async (r: RouteView) => {
    const ok = await action.run(() => put(`/routes/${encodeURIComponent(r.name)}`, { kind: r.kind, sender: r.sender, profile: r.profile, priority: r.priority, ratePerSecond: r.ratePerSecond, enabled: !r.enabled, config: r.config }));
    if (ok) await routes.reload();
  };
  const test = async (r: RouteView) => {
    const res = await action.run(() => post<{ ok: boolean; message: string }>(`/routes/${encodeURIComponent(r.name)}/test`));
    if (res) setTested((x) => ({ ...x, [r.name]: res }));
  };

  return (
    <div>
      <p className="row">
        <button type="button" className="primary" onClick={() => setEdit({ name: '', kind: 'smpp', sender: '', profile: 'default', priority: 10, ratePerSecond: '', enabled: true, config: JSON.stringify(EXAMPLES.smpp, null, 2), isNew: true })}>
          {t('routes.add')}
        </button>
      </p>
      <ErrorMessage error={action.error ?? routes.error} />
      {routes.data && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('routes.name')}</th>
              <th scope="col">{t('routes.kind')}</th>
              <th scope="col">{t('routes.sender')}</th>
              <th scope="col">{t('routes.profile')}</th>
              <th scope="col" className="num">
                {t('routes.priority')}
              </th>
              <th scope="col" className="num">
                {t('routes.rate')}
              </th>
              <th scope="col">{t('routes.state')}</th>
              <th scope="col">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {routes.data.routes.map((r) => (
              <tr key={r.name}>
                <td>{r.name}</td>
                <td>{r.kind}</td>
                <td>{r.sender}</td>
                <td>{r.profile}</td>
                <td className="num">{r.priority}</td>
                <td className="num">{r.ratePerSecond ?? '—'}</td>
                <td>
                  {!r.enabled ? (
                    <span className="badge muted">{t('routes.disabled')}</span>
                  ) : r.bound === true ? (
                    <span className="badge ok">{t('routes.bound')}</span>
                  ) : r.bound === false ? (
                    <span className="badge bad">{t('routes.unbound')}</span>
                  ) : (
                    <span className="badge muted">{t('routes.unknown')}</span>
                  )}
                  {tested[r.name] && <span className={tested[r.name]!.ok ? 'ok small' : 'bad small'}> {tested[r.name]!.message}</span>}
                </td>
                <td className="row">
                  <button type="button" onClick={() => setEdit(draftOf(r))}>
                    {t('common.edit')}
                  </button>
                  <button type="button" onClick={() => void test(r)} disabled={action.busy}>
                    {t('routes.test')}
                  </button>
                  <button type="button" onClick={() => void toggle(r)} disabled={action.busy}>
                    {r.enabled ? t('routes.disable') : t('routes.enable')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Dialog open={edit !== null} title={edit?.isNew ? t('routes.add') : t('routes.edit', { name: edit?.name ?? '' })} onClose={() => setEdit(null)} wide>
        {edit && (
          <form onSubmit={save} className="stack">
            <div className="row wrap">
              <label>
                {t('routes.name')}
                <input required value={edit.name} readOnly={!edit.isNew} onChange={(e) => setEdit({ ...edit, name: e.target.value })} pattern="[A-Za-z0-9_.\-]+" />
              </label>
              <label>
                {t('routes.kind')}
                <select
                  value={edit.kind}
                  onChange={(e) => setEdit({ ...edit, kind: e.target.value, ...(edit.isNew ? { config: JSON.stringify(EXAMPLES[e.target.value] ?? {}, null, 2) } : {}) })}
                >
                  {KINDS.map((k) => (
                    <option key={k} value={k}>
                      {t(`routes.kind.${k}` as Key)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('routes.sender')}
                <input required value={edit.sender} onChange={(e) => setEdit({ ...edit, sender: e.target.value })} maxLength={20} />
              </label>
            </div>
            <div className="row wrap">
              <label>
                {t('routes.profile')}
                <input value={edit.profile} onChange={(e) => setEdit({ ...edit, profile: e.target.value })} />
              </label>
              <label>
                {t('routes.priority')}
                <input type="number" value={edit.priority} onChange={(e) => setEdit({ ...edit, priority: Number(e.target.value) })} className="short" />
              </label>
              <label>
                {t('routes.rate')}
                <input type="number" min={1} value={edit.ratePerSecond} onChange={(e) => setEdit({ ...edit, ratePerSecond: e.target.value })} className="short" />
              </label>
              <label className="inline">
                <input type="checkbox" checked={edit.enabled} onChange={(e) => setEdit({ ...edit, enabled: e.target.checked })} /> {t('routes.enabled')}
              </label>
            </div>
            <label>
              {t('routes.config')}
              <textarea className="mono" rows={9} value={edit.config} onChange={(e) => setEdit({ ...edit, config: e.target.value })} spellCheck={false} />
            </label>
            <p className="muted small">{t('routes.configHelp')}</p>
            <ErrorMessage error={action.error} />
            <div className="dialog-actions">
              <button type="button" onClick={() => setEdit(null)}>
                {t('common.cancel')}
              </button>
              <button type="submit" className="primary" disabled={action.busy}>
                {t('common.save')}
              </button>
            </div>
          </form>
        )}
      </Dialog>
      {Object.keys(tested).length === 0 && <Alert kind="info">{t('routes.help')}</Alert>}
    </div>
  );
}

// Routes (配信ルート): each with its sender number (発信番号), profile, priority, rate and whether this
// server has it bound; add or edit one (kind-specific settings as JSON; stored passwords stay masked and
// kept), test the connection, enable or disable.
import { useState } from 'react';
import { get, post, put } from '../api/client.ts';
import type { RouteView } from '../api/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { useCrud } from '../ui/useCrud.ts';
import { Alert, ErrorMessage } from '../ui/Alert.tsx';
import { DataTable, type Column } from '../ui/DataTable.tsx';
import { RouteDialog, draftOf, newRoute, type RouteDraft } from './RouteDialog.tsx';

export function Routes() {
  const { t } = useI18n();
  const routes = useCrud(() => get('/api/v1/routes'), []);
  const [edit, setEdit] = useState<RouteDraft | null>(null);
  const [tested, setTested] = useState<Record<string, { ok: boolean; message: string }>>({});

  const save = async () => {
    if (!edit) return;
    let config: Record<string, unknown>;
    try {
      config = edit.config.trim() ? (JSON.parse(edit.config) as Record<string, unknown>) : {};
    } catch {
      routes.setError(new Error(t('routes.badJson')));
      return;
    }
    const r = await routes.change(() =>
      put('/api/v1/routes/{name}', {
        params: { path: { name: edit.name.trim() } },
        body: {
        kind: edit.kind,
        sender: edit.sender.trim(),
        profile: edit.profile.trim() || 'default',
        priority: edit.priority,
        enabled: edit.enabled,
        ratePerSecond: edit.ratePerSecond === '' ? null : Number(edit.ratePerSecond),
        config,
        },
      }),
    );
    if (r) setEdit(null);
  };
  const toggle = (r: RouteView) =>
    routes.change(() =>
      put('/api/v1/routes/{name}', {
        params: { path: { name: r.name } },
        body: { kind: r.kind, sender: r.sender, profile: r.profile, priority: r.priority, ratePerSecond: r.ratePerSecond, enabled: !r.enabled, config: r.config },
      }),
    );
  const test = async (r: RouteView) => {
    const res = await routes.run(() => post('/api/v1/routes/{name}/test', { params: { path: { name: r.name } } }));
    if (res) setTested((x) => ({ ...x, [r.name]: res }));
  };

  const columns: Column<RouteView>[] = [
    { header: t('routes.name'), cell: (r) => r.name },
    { header: t('routes.kind'), cell: (r) => r.kind },
    { header: t('routes.sender'), cell: (r) => r.sender },
    { header: t('routes.profile'), cell: (r) => r.profile },
    { header: t('routes.priority'), num: true, cell: (r) => r.priority },
    { header: t('routes.rate'), num: true, cell: (r) => r.ratePerSecond ?? '—' },
    {
      header: t('routes.state'),
      cell: (r) => {
        const result = tested[r.name];
        return (
          <>
            {!r.enabled ? (
              <span className="badge muted">{t('routes.disabled')}</span>
            ) : r.bound === true ? (
              <span className="badge ok">{t('routes.bound')}</span>
            ) : r.bound === false ? (
              <span className="badge bad">{t('routes.unbound')}</span>
            ) : (
              <span className="badge muted">{t('routes.unknown')}</span>
            )}
            {result && <span className={result.ok ? 'ok small' : 'bad small'}> {result.message}</span>}
          </>
        );
      },
    },
    {
      header: t('common.actions'),
      className: 'row',
      cell: (r) => (
        <>
          <button type="button" onClick={() => setEdit(draftOf(r))}>
            {t('common.edit')}
          </button>
          <button type="button" onClick={() => void test(r)} disabled={routes.busy}>
            {t('routes.test')}
          </button>
          <button type="button" onClick={() => void toggle(r)} disabled={routes.busy}>
            {r.enabled ? t('routes.disable') : t('routes.enable')}
          </button>
        </>
      ),
    },
  ];

  return (
    <div>
      <p className="row">
        <button type="button" className="primary" onClick={() => setEdit(newRoute())}>
          {t('routes.add')}
        </button>
      </p>
      <ErrorMessage error={routes.error} />
      {routes.list.data && <DataTable rows={routes.list.data.routes} columns={columns} rowKey={(r) => r.name} />}
      <RouteDialog draft={edit} onChange={setEdit} onSave={() => void save()} onCancel={() => setEdit(null)} busy={routes.busy} error={routes.actionError} />
      {Object.keys(tested).length === 0 && <Alert kind="info">{t('routes.help')}</Alert>}
    </div>
  );
}

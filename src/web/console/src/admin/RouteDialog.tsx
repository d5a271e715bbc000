// Adding or editing a route in a dialog: name (fixed once created), kind, sender number, profile,
// priority, rate, enabled, and the kind's own settings as JSON (a new route starts from an example of
// its kind; stored passwords come back masked and are kept when left so).
import type { FormEvent } from 'react';
import type { RouteView } from '../api/schemas.ts';
import { useI18n, type Key } from '../i18n/index.tsx';
import { ErrorMessage } from '../ui/Alert.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';

import { ROUTE_KINDS as KINDS, type RouteKind as Kind } from '../../../../core/route-record.ts';

const EXAMPLES: Record<Kind, object> = {
  smpp: { host: 'smsc.example.net', port: 2775, systemId: 'todoku', password: 'secret', window: 10, bindMode: 'transceiver', concatenation: 'udh8' },
  http: { baseUrl: 'https://api.twilio.com', accountSid: 'AC…', authToken: '…' },
  simulator: {},
  'http-simulator': {},
};
const example = (kind: Kind) => JSON.stringify(EXAMPLES[kind], null, 2);

/** A route as the form edits it: numbers and JSON as the text typed. */
export interface RouteDraft {
  name: string;
  kind: Kind;
  sender: string;
  profile: string;
  priority: number;
  ratePerSecond: string;
  enabled: boolean;
  config: string;
  isNew: boolean;
}

export const newRoute = (): RouteDraft => ({ name: '', kind: 'smpp', sender: '', profile: 'default', priority: 10, ratePerSecond: '', enabled: true, config: example('smpp'), isNew: true });

export const draftOf = (r: RouteView): RouteDraft => ({
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

export function RouteDialog({ draft: edit, onChange, onSave, onCancel, busy, error }: {
  draft: RouteDraft | null;
  onChange(draft: RouteDraft): void;
  onSave(): void;
  onCancel(): void;
  busy: boolean;
  error: unknown;
}) {
  const { t } = useI18n();
  const set = (part: Partial<RouteDraft>) => edit && onChange({ ...edit, ...part });
  const save = (e: FormEvent) => {
    e.preventDefault();
    onSave();
  };
  return (
    <Dialog open={edit !== null} title={edit?.isNew ? t('routes.add') : t('routes.edit', { name: edit?.name ?? '' })} onClose={onCancel} wide>
      {edit && (
        <form onSubmit={save} className="stack">
          <div className="row wrap">
            <TextField label={t('routes.name')} required value={edit.name} readOnly={!edit.isNew} onChange={(name) => set({ name })} pattern="[A-Za-z0-9_.\-]+" />
            <SelectField
              label={t('routes.kind')}
              value={edit.kind}
              onChange={(kind) => set({ kind, ...(edit.isNew ? { config: example(kind) } : {}) })}
              values={KINDS}
              optionLabel={(k) => t(`routes.kind.${k}` as Key)}
            />
            <TextField label={t('routes.sender')} required value={edit.sender} onChange={(sender) => set({ sender })} maxLength={20} />
          </div>
          <div className="row wrap">
            <TextField label={t('routes.profile')} value={edit.profile} onChange={(profile) => set({ profile })} />
            <TextField label={t('routes.priority')} type="number" value={String(edit.priority)} onChange={(v) => set({ priority: Number(v) })} className="short" />
            <TextField label={t('routes.rate')} type="number" min={1} value={edit.ratePerSecond} onChange={(ratePerSecond) => set({ ratePerSecond })} className="short" />
            <label className="inline">
              <input type="checkbox" checked={edit.enabled} onChange={(e) => set({ enabled: e.target.checked })} /> {t('routes.enabled')}
            </label>
          </div>
          <label>
            {t('routes.config')}
            <textarea className="mono" rows={9} value={edit.config} onChange={(e) => set({ config: e.target.value })} spellCheck={false} />
          </label>
          <p className="muted small">{t('routes.configHelp')}</p>
          <ErrorMessage error={error} />
          <div className="dialog-actions">
            <button type="button" onClick={onCancel}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="primary" disabled={busy}>
              {t('common.save')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

// Adding or editing a route in a dialog: name (fixed once created), kind, sender number, profile,
// priority, rate, enabled, and the kind's own settings as a form (route-fields.ts: each field with its
// limits and a line of help), checked as typed; the whole settings JSON only under 「詳細設定」 for the
// rarer settings. Stored passwords come back masked and are kept when left so.
import type { FormEvent } from 'react';
import type { RouteView } from '../api/schemas.ts';
import { useI18n, type Key } from '../i18n/index.tsx';
import { ErrorMessage } from '../ui/Alert.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';

import { ROUTE_KINDS as KINDS, type RouteKind as Kind } from '../../../../core/route-record.ts';
import { checkRouteFields, fieldText, initialConfig, parseConfig, ROUTE_FIELDS, setField, type RouteField } from './route-fields.ts';

const example = (kind: Kind) => JSON.stringify(initialConfig(kind), null, 2);
const json = (config: object) => JSON.stringify(config, null, 2);

/** What keeps the dialog from saving: the form's field errors, or JSON that is not an object. */
export function draftProblems(d: RouteDraft): { badJson: boolean; fields: ReturnType<typeof checkRouteFields> } {
  const config = parseConfig(d.config);
  return config === null ? { badJson: true, fields: {} } : { badJson: false, fields: checkRouteFields(d.kind, config) };
}

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
  const problems = edit ? draftProblems(edit) : null;
  const blocked = problems !== null && (problems.badJson || Object.keys(problems.fields).length > 0);
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
          <RouteSettings draft={edit} onChange={(config) => set({ config })} />
          <ErrorMessage error={error} />
          <div className="dialog-actions">
            <button type="button" onClick={onCancel}>
              {t('common.cancel')}
            </button>
            <button type="submit" className="primary" disabled={busy || blocked}>
              {t('common.save')}
            </button>
          </div>
        </form>
      )}
    </Dialog>
  );
}

/** The kind's settings as labelled fields with help and errors, and the JSON behind 「詳細設定」. */
function RouteSettings({ draft, onChange }: { draft: RouteDraft; onChange(config: string): void }) {
  const { t, pick } = useI18n();
  const fields = ROUTE_FIELDS[draft.kind];
  const config = parseConfig(draft.config);
  const errors = config === null ? {} : checkRouteFields(draft.kind, config);
  const change = (f: RouteField, typed: string | boolean) => config !== null && onChange(json(setField(config, f, typed)));
  return (
    <fieldset className="stack route-settings">
      <legend>{t('routes.settings')}</legend>
      {fields.length === 0 && <p className="muted small">{t('routes.noSettings')}</p>}
      {config === null && <p className="field-error">{t('routes.badJson')}</p>}
      {config !== null && fields.length > 0 && (
        <div className="route-fields">
          {fields.map((f) => {
            const id = `route-${f.key}`;
            const error = errors[f.key];
            const described = `${id}-help${error ? ` ${id}-error` : ''}`;
            const value = fieldText(f, config);
            return (
              <div key={f.key} className="route-field">
                {f.input === 'checkbox' ? (
                  <label className="inline" htmlFor={id}>
                    <input id={id} type="checkbox" checked={config[f.key] === true} onChange={(e) => change(f, e.target.checked)} aria-describedby={described} /> {pick(f.label.ja, f.label.en)}
                  </label>
                ) : (
                  <label htmlFor={id}>
                    <span>
                      {pick(f.label.ja, f.label.en)}
                      {f.required && <span aria-hidden="true"> *</span>}
                    </span>
                    {f.input === 'select' ? (
                      <select id={id} value={value} onChange={(e) => change(f, e.target.value)} aria-describedby={described} aria-invalid={error ? true : undefined}>
                        {f.options!.map((o) => (
                          <option key={o.value} value={o.value}>
                            {pick(o.label.ja, o.label.en)}
                          </option>
                        ))}
                      </select>
                    ) : (
                      <input
                        id={id}
                        type={f.input === 'integer' || f.input === 'decimal' ? 'number' : f.input === 'url' ? 'url' : f.input === 'password' ? 'password' : 'text'}
                        {...(f.input === 'decimal' ? { step: 'any' } : {})}
                        {...(f.min !== undefined ? { min: f.min } : {})}
                        {...(f.max !== undefined ? { max: f.max } : {})}
                        {...(f.maxLength !== undefined ? { maxLength: f.maxLength } : {})}
                        required={f.required}
                        autoComplete={f.input === 'password' ? 'new-password' : 'off'}
                        value={value}
                        onChange={(e) => change(f, e.target.value)}
                        aria-describedby={described}
                        aria-invalid={error ? true : undefined}
                      />
                    )}
                  </label>
                )}
                <span className="muted small" id={`${id}-help`}>
                  {pick(f.help.ja, f.help.en)}
                </span>
                {error && (
                  <p className="field-error" id={`${id}-error`} role="alert">
                    {pick(error.ja, error.en)}
                  </p>
                )}
              </div>
            );
          })}
        </div>
      )}
      <details className="advanced" open={config === null}>
        <summary>{t('routes.advanced')}</summary>
        <label>
          {t('routes.config')}
          <textarea className="mono" rows={9} value={draft.config} onChange={(e) => onChange(e.target.value)} spellCheck={false} />
        </label>
        <p className="muted small">{t('routes.configHelp')}</p>
      </details>
    </fieldset>
  );
}

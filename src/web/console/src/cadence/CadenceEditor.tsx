// The cadence editor: its name, the office time and the grace after a promise; the steps on a timeline
// (each with when it goes, to whom, and what it says), added, removed and reordered; a built-in cadence to
// start from (「未開封者への再通知」); saving; and the cadence as a file (YAML or JSON) in and out.
import { useState } from 'react';
import { get, inCampaign, post } from '../api/client.ts';
import type { Campaign } from '../api/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { useAction, useLoad } from '../ui/useLoad.ts';
import { Alert, ErrorMessage } from '../ui/Alert.tsx';
import { StepCard } from './StepCard.tsx';
import { CadenceFile } from './CadenceFile.tsx';
import { emptyStep, fromDefinition, MAX_STEPS, moveStep, toBody, type Draft, type DraftStep } from './draft.ts';
import type { Cadence } from './types.ts';

export function CadenceEditor({ campaign, saved, draft, setDraft, editable, dirty, onSaved }: {
  campaign: Campaign;
  saved: Cadence | null;
  draft: Draft;
  setDraft(d: Draft): void;
  editable: boolean;
  dirty: boolean;
  onSaved(c: Cadence): void;
}) {
  const { t, lang } = useI18n();
  const builtins = useLoad(() => (editable ? get('/api/v1/cadence-templates') : Promise.resolve(null)), [editable]);
  const action = useAction();
  const [notice, setNotice] = useState<string | null>(null);
  const set = (patch: Partial<Draft>) => {
    setNotice(null);
    setDraft({ ...draft, ...patch });
  };
  const setStep = (i: number, s: DraftStep) => set({ steps: draft.steps.map((x, j) => (j === i ? s : x)) });
  const save = async () => {
    const r = await action.run(() => post('/api/v1/campaigns/{campaign}/cadence', { params: inCampaign(campaign.id), body: toBody(draft) }));
    if (r) {
      onSaved(r);
      setNotice(t('cadence.saved'));
    }
  };
  const startFrom = (id: string) => {
    const tpl = builtins.data?.templates.find((x) => x.id === id);
    if (!tpl) return;
    if (dirty && draft.steps.some((s) => s.template || s.name) && !window.confirm(t('cadence.replaceConfirm'))) return;
    set(fromDefinition(tpl.definition));
  };

  return (
    <div className="cadence-editor">
      <form
        className="card"
        aria-labelledby="cadence-settings-h"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <h2 id="cadence-settings-h">{t('cadence.settings')}</h2>
        <div className="row wrap">
          <label className="grow">
            {t('cadence.name')}
            <input value={draft.name} maxLength={100} readOnly={!editable} placeholder={t('cadence.namePlaceholder')} onChange={(e) => set({ name: e.target.value })} />
          </label>
          <label>
            {t('cadence.time')}
            <input type="time" required value={draft.time} readOnly={!editable} onChange={(e) => set({ time: e.target.value })} />
          </label>
          <label>
            {t('cadence.graceDays')}
            <input type="number" className="short" min={0} max={60} value={draft.graceDays} readOnly={!editable} placeholder={saved ? String(saved.graceDays) : ''} onChange={(e) => set({ graceDays: e.target.value })} />
          </label>
        </div>
        <p className="muted small">{t('cadence.settingsHelp')}</p>
        {editable && builtins.data && builtins.data.templates.length > 0 && (
          <div className="row wrap builtin" role="group" aria-label={t('cadence.builtins')}>
            <span className="small">{t('cadence.builtins')}:</span>
            {builtins.data.templates.map((tpl) => (
              <button key={tpl.id} type="button" className="chip" onClick={() => startFrom(tpl.id)}>
                {t('cadence.startFrom', { name: lang === 'en' ? tpl.name_en : tpl.name })}
              </button>
            ))}
          </div>
        )}
      </form>

      <section aria-labelledby="cadence-steps-h">
        <h2 id="cadence-steps-h">{t('cadence.steps', { n: draft.steps.length })}</h2>
        <ol className="cadence-timeline">
          <li className="timeline-origin">
            <span className="dot" aria-hidden="true" />
            <span className="small muted">{t('cadence.origin')}</span>
          </li>
          {draft.steps.map((s, i) => (
            <StepCard
              key={s.key}
              campaign={campaign}
              step={s}
              index={i}
              count={draft.steps.length}
              defaultTime={draft.time}
              editable={editable}
              status={dirty ? undefined : saved?.steps[i]}
              onChange={(next) => setStep(i, next)}
              onMove={(by) => set({ steps: moveStep(draft.steps, i, by) })}
              onRemove={() => set({ steps: draft.steps.filter((_, j) => j !== i) })}
            />
          ))}
        </ol>
        {editable && (
          <button type="button" onClick={() => set({ steps: [...draft.steps, emptyStep()] })} disabled={draft.steps.length >= MAX_STEPS}>
            {t('cadence.addStep')}
          </button>
        )}
      </section>

      <div className="card cadence-save">
        <ErrorMessage error={action.error} />
        {notice && <Alert kind="ok">{notice}</Alert>}
        {editable && dirty && !notice && <p className="small warn-text">{t('cadence.unsaved')}</p>}
        <div className="row wrap between">
          {editable ? (
            <button type="button" className="primary" onClick={() => void save()} disabled={action.busy || draft.steps.length === 0 || !dirty}>
              {t('cadence.save')}
            </button>
          ) : (
            <p className="muted small">{saved?.state === 'running' ? t('cadence.readOnlyRunning') : t('cadence.readOnly')}</p>
          )}
          <CadenceFile campaign={campaign} draft={draft} editable={editable} onImported={onSaved} />
        </div>
      </div>
    </div>
  );
}

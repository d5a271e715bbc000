// A survey on the recipient's page (アンケート): questions of single or multiple choice, free text or a
// date; answers are tallied on the tracking page and exported as CSV.
import { useState } from 'react';
import { del, get, inCampaign, orNone, put } from '../../../api/client.ts';
import type { Campaign, Survey, SurveyQuestion } from '../../../api/schemas.ts';
import { useI18n, type Key } from '../../../i18n/index.tsx';
import { Alert, ErrorMessage } from '../../../ui/Alert.tsx';
import { useAction, useLoad } from '../../../ui/useLoad.ts';
import { TextField } from '../../../ui/Field.tsx';

interface Draft {
  label: string;
  type: SurveyQuestion['type'];
  required: boolean;
  /** One option per line (choice questions). */
  options: string;
}

const toDraft = (q: SurveyQuestion): Draft => ({ label: q.label, type: q.type, required: q.required, options: 'options' in q ? q.options.map((o) => o.label).join('\n') : '' });

function toQuestion(d: Draft, i: number) {
  const base = { id: `q${i + 1}`, label: d.label.trim(), required: d.required };
  if (d.type === 'single' || d.type === 'multiple') {
    const options = d.options
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean)
      .map((label, j) => ({ id: `o${j + 1}`, label }));
    return { ...base, type: d.type, options };
  }
  return { ...base, type: d.type };
}

export function SurveySettings({ campaign, editable }: { campaign: Campaign; editable: boolean }) {
  const loaded = useLoad(
    () =>
      orNone(get('/api/v1/campaigns/{campaign}/survey', { params: inCampaign(campaign.id) })),
    [campaign.id],
  );
  if (loaded.error) return <ErrorMessage error={loaded.error} />;
  if (loaded.data === undefined) return null;
  return <SurveyForm campaign={campaign} editable={editable} initial={loaded.data} />;
}

function SurveyForm({ campaign, editable, initial }: { campaign: Campaign; editable: boolean; initial: Survey | null }) {
  const { t } = useI18n();
  const [on, setOn] = useState(initial !== null);
  const [title, setTitle] = useState(initial?.title ?? 'アンケート');
  const [questions, setQuestions] = useState<Draft[]>(initial?.questions.map(toDraft) ?? [{ label: '', type: 'single', required: true, options: '' }]);
  const [saved, setSaved] = useState(false);
  const action = useAction();
  const update = (i: number, patch: Partial<Draft>) => setQuestions((qs) => qs.map((q, j) => (j === i ? { ...q, ...patch } : q)));

  const save = async () => {
    setSaved(false);
    const r = on
      ? await action.run(() => put('/api/v1/campaigns/{campaign}/survey', { params: inCampaign(campaign.id), body: { title, questions: questions.filter((q) => q.label.trim()).map(toQuestion) } }))
      : await action.run(() => del('/api/v1/campaigns/{campaign}/survey', { params: inCampaign(campaign.id) }).then(() => true));
    if (r !== undefined) setSaved(true);
  };

  return (
    <section className="card" aria-labelledby="survey-h">
      <h3 id="survey-h">{t('page.survey')}</h3>
      <label className="inline">
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.target.checked)} disabled={!editable} /> {t('page.surveyOn')}
      </label>
      {on && (
        <fieldset disabled={!editable}>
          <TextField label={t('page.surveyTitle')} value={title} onChange={setTitle} maxLength={100} />
          <ol className="questions">
            {questions.map((q, i) => (
              <li key={i}>
                <div className="row wrap">
                  <label className="grow">
                    {t('page.question', { n: i + 1 })}
                    <input value={q.label} onChange={(e) => update(i, { label: e.target.value })} maxLength={300} />
                  </label>
                  <label>
                    {t('page.questionType')}
                    <select value={q.type} onChange={(e) => update(i, { type: e.target.value as Draft['type'] })}>
                      {(['single', 'multiple', 'text', 'date'] as const).map((type) => (
                        <option key={type} value={type}>
                          {t(`questionType.${type}` as Key)}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label className="inline">
                    <input type="checkbox" checked={q.required} onChange={(e) => update(i, { required: e.target.checked })} /> {t('page.required')}
                  </label>
                  <button type="button" className="link-button" onClick={() => setQuestions((qs) => qs.filter((_, j) => j !== i))}>
                    {t('common.remove')}
                  </button>
                </div>
                {(q.type === 'single' || q.type === 'multiple') && (
                  <label>
                    {t('page.options')}
                    <textarea rows={3} value={q.options} onChange={(e) => update(i, { options: e.target.value })} />
                  </label>
                )}
              </li>
            ))}
          </ol>
          <button type="button" onClick={() => setQuestions((qs) => [...qs, { label: '', type: 'single', required: false, options: '' }])}>
            {t('page.addQuestion')}
          </button>
        </fieldset>
      )}
      <ErrorMessage error={action.error} />
      {saved && <Alert kind="ok">{t('common.saved')}</Alert>}
      {editable && (
        <p>
          <button type="button" onClick={() => void save()} disabled={action.busy}>
            {t('common.save')}
          </button>
        </p>
      )}
    </section>
  );
}

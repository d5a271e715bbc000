// One step on the cadence's timeline: its number and when it goes in words, its name, its time (from the
// start, the due date or the previous step; or typed in words), the people it goes to (conditions as
// checkboxes), its text with a preview, and an optional notice for its landing page; moved up or down,
// or removed.
import { useId } from 'react';
import type { Campaign } from '../api/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { num } from '../ui/format.ts';
import { StepTiming } from './StepTiming.tsx';
import { StepConditions } from './StepConditions.tsx';
import { StepText } from './StepText.tsx';
import { stepWords, type DraftStep } from './draft.ts';
import type { CadenceStepStatus } from './types.ts';

export function StepCard({ campaign, step, index, count, defaultTime, editable, status, onChange, onMove, onRemove }: {
  campaign: Campaign;
  step: DraftStep;
  index: number;
  count: number;
  defaultTime: string;
  editable: boolean;
  /** The saved step's figures, when there is a saved cadence. */
  status?: CadenceStepStatus | undefined;
  onChange(s: DraftStep): void;
  onMove(by: -1 | 1): void;
  onRemove(): void;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const number = index + 1;
  const words = stepWords(step, defaultTime);
  const label = step.name.trim() || t('cadence.stepN', { n: number });
  return (
    <li className="cadence-step" aria-labelledby={`${id}-h`}>
      <span className="dot" aria-hidden="true">
        {number}
      </span>
      <article className="card">
        <header className="row wrap between">
          <h3 id={`${id}-h`}>
            <span className="step-label">{t('cadence.stepN', { n: number })}</span> <span data-testid={`step-${number}-when`}>{lang === 'en' ? words.en : words.ja}</span>
          </h3>
          {editable && (
            <div className="row" role="group" aria-label={t('cadence.stepTools', { n: number })}>
              <button type="button" className="small" onClick={() => onMove(-1)} disabled={index === 0} aria-label={t('cadence.moveUp', { name: label })}>
                ↑
              </button>
              <button type="button" className="small" onClick={() => onMove(1)} disabled={index === count - 1} aria-label={t('cadence.moveDown', { name: label })}>
                ↓
              </button>
              <button type="button" className="small danger" onClick={onRemove} disabled={count <= 1} aria-label={t('cadence.removeStep', { name: label })}>
                {t('common.remove')}
              </button>
            </div>
          )}
        </header>
        {status && status.counts.reached > 0 && (
          <p className="muted small">{t('cadence.stepFigures', { reached: num(status.counts.reached, lang), sent: num(status.counts.sent, lang), skipped: num(status.counts.skipped, lang) })}</p>
        )}
        <label>
          {t('cadence.stepName')}
          <input value={step.name} maxLength={100} readOnly={!editable} placeholder={t('cadence.stepN', { n: number })} onChange={(e) => onChange({ ...step, name: e.target.value })} />
        </label>
        <StepTiming step={step} number={number} defaultTime={defaultTime} editable={editable} onChange={onChange} />
        <StepConditions step={step} number={number} editable={editable} onChange={onChange} />
        <StepText campaign={campaign} step={step} number={number} editable={editable} onChange={onChange} />
      </article>
    </li>
  );
}

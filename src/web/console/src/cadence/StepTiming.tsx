// When a step goes: counted from the cadence's start, the person's due date (before, on or after it) or
// their previous step, a number of days, and an office time (or none: the default); or typed in the words
// an office uses (「期日の3日前 10:00」「期日翌日」「未開封なら2日後」), read by core's own reader, which
// may add the condition the words carry.
import { useState } from 'react';
import { STEP_ANCHORS, type StepAnchor } from '../../../../core/cadence/definition.ts';
import { useI18n, type Key } from '../i18n/index.tsx';
import { Options } from '../ui/Field.tsx';
import { applyWords, daysFrom, directionOf, type Direction, type DraftStep } from './draft.ts';

const DIRECTIONS: readonly Direction[] = ['before', 'on', 'after'];

export function StepTiming({ step, number, defaultTime, editable, onChange }: { step: DraftStep; number: number; defaultTime: string; editable: boolean; onChange(s: DraftStep): void }) {
  const { t } = useI18n();
  const [words, setWords] = useState('');
  const [unread, setUnread] = useState(false);
  const direction = directionOf(step.days);
  const setFrom = (from: StepAnchor) => onChange({ ...step, from, days: from === 'due' ? step.days : Math.abs(step.days) });
  const readWords = () => {
    const next = applyWords(step, words);
    setUnread(!next);
    if (next) {
      onChange(next);
      setWords('');
    }
  };
  const anchorLabel = (a: StepAnchor) => (a === 'previous' && number === 1 ? t('cadence.anchor.campaign') : t(`cadence.anchor.${a}` as Key));
  return (
    <fieldset className="step-timing" disabled={!editable}>
      <legend>{t('cadence.when')}</legend>
      <div className="row wrap">
        <label>
          {t('cadence.anchor')}
          <select value={step.from} onChange={(e) => setFrom(e.target.value as StepAnchor)}>
            <Options values={STEP_ANCHORS} label={anchorLabel} />
          </select>
        </label>
        {step.from === 'due' && (
          <label>
            {t('cadence.direction')}
            <select value={direction} onChange={(e) => onChange({ ...step, days: daysFrom(e.target.value as Direction, Math.abs(step.days)) })}>
              <Options values={DIRECTIONS} label={(d) => t(`cadence.direction.${d}` as Key)} />
            </select>
          </label>
        )}
        {(step.from !== 'due' || direction !== 'on') && (
          <label>
            {t('cadence.days')}
            <input
              type="number"
              className="short"
              min={step.from === 'due' ? 1 : 0}
              max={step.from === 'due' && direction === 'before' ? 60 : 365}
              value={Math.abs(step.days)}
              onChange={(e) => onChange({ ...step, days: step.from === 'due' ? daysFrom(direction, Number(e.target.value)) : Math.max(0, Math.trunc(Number(e.target.value)) || 0) })}
            />
          </label>
        )}
        <label>
          {t('cadence.stepTime')}
          <input type="time" value={step.time} onChange={(e) => onChange({ ...step, time: e.target.value })} />
        </label>
      </div>
      <p className="muted small">{step.from === 'due' ? t('cadence.stepTimeHelpDue', { time: defaultTime }) : t('cadence.stepTimeHelp')}</p>
      {editable && (
        <div className="row wrap">
          <label className="grow">
            {t('cadence.words')}
            <input
              value={words}
              maxLength={60}
              placeholder={t('cadence.wordsPlaceholder')}
              aria-invalid={unread}
              onChange={(e) => {
                setWords(e.target.value);
                setUnread(false);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Enter') {
                  e.preventDefault();
                  readWords();
                }
              }}
            />
          </label>
          <button type="button" onClick={readWords} disabled={!words.trim()}>
            {t('cadence.wordsApply')}
          </button>
        </div>
      )}
      {unread && (
        <p className="field-error" role="alert">
          {t('cadence.wordsUnread', { words })}
        </p>
      )}
    </fieldset>
  );
}

// To whom a step goes: the conditions on a person as checkboxes (未開封, 未認証, 未払い, 約束なし,
// 約束不履行), all of which must hold when the step is due, and the same said in one sentence.
import { STEP_CONDITIONS, type StepCondition } from '../../../../core/cadence/definition.ts';
import { CADENCE_CONDITION_LABELS } from '../../../../core/labels.ts';
import { useI18n } from '../i18n/index.tsx';
import type { DraftStep } from './draft.ts';

export function StepConditions({ step, number, editable, onChange }: { step: DraftStep; number: number; editable: boolean; onChange(s: DraftStep): void }) {
  const { t, label } = useI18n();
  const toggle = (c: StepCondition, on: boolean) => onChange({ ...step, when: STEP_CONDITIONS.filter((x) => (x === c ? on : step.when.includes(x))) });
  const words = step.when.map((c) => label(CADENCE_CONDITION_LABELS, c));
  return (
    <fieldset className="step-conditions" disabled={!editable}>
      <legend>{t('cadence.conditions')}</legend>
      <div className="checks">
        {STEP_CONDITIONS.map((c) => (
          <label key={c} className="inline">
            <input type="checkbox" checked={step.when.includes(c)} onChange={(e) => toggle(c, e.target.checked)} /> {label(CADENCE_CONDITION_LABELS, c)}
          </label>
        ))}
      </div>
      <p className="small" data-testid={`step-${number}-who`}>
        {words.length === 0 ? t('cadence.conditionsNone') : t('cadence.conditionsSentence', { who: words.join(t('cadence.conditionsJoin')) })}
      </p>
    </fieldset>
  );
}

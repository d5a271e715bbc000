// Tracking per step: for each step when it goes and to whom, its funnel (queued → sent → delivered →
// opened → verified → paid) against the messages it sent, the people it did not send to, the people
// whose last step it is, and who left while it was their last step, by reason. Each count of people
// opens the member list filtered to them.
import { CADENCE_LEAVE_REASON_LABELS } from '../../../../core/labels.ts';
import { useI18n, type Key } from '../i18n/index.tsx';
import { num, percent } from '../ui/format.ts';
import type { MemberFilter } from './MemberList.tsx';
import type { Cadence, CadenceStepStatus, LeaveReason, StepCounts } from './types.ts';

const STAGES = ['queued', 'sent', 'delivered', 'opened', 'verified', 'paid'] as const satisfies readonly (keyof StepCounts)[];

function StepFunnel({ step }: { step: CadenceStepStatus }) {
  const { t, lang } = useI18n();
  const c = step.counts;
  const messages = Math.max(0, c.reached - c.skipped);
  return (
    <ol className="funnel-main step-funnel" aria-label={t('cadence.funnelOf', { n: step.number })}>
      {STAGES.map((s) => {
        const value = c[s];
        const width = messages > 0 ? Math.min(100, Math.max(value > 0 ? 0.5 : 0, (value / messages) * 100)) : 0;
        return (
          <li key={s} className={`funnel-row stage-${s}`} data-stage={s}>
            <span className="funnel-label">{t(`cadence.stage.${s}` as Key)}</span>
            <span className="funnel-track" aria-hidden="true">
              <span className="funnel-bar" style={{ width: `${width}%` }} />
            </span>
            <span className="funnel-value">
              <strong data-testid={`step-${step.number}-${s}`}>{num(value, lang)}</strong> <span className="muted">{percent(value, messages)}</span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}

function Reasons({ left, onShow }: { left: Record<LeaveReason, number>; onShow(reason: LeaveReason): void }) {
  const { label, lang } = useI18n();
  const entries = (Object.entries(left) as [LeaveReason, number][]).filter(([, n]) => n > 0);
  if (entries.length === 0) return <span className="muted">0</span>;
  return (
    <ul className="reason-counts">
      {entries.map(([r, n]) => (
        <li key={r}>
          <button type="button" className="link-button" onClick={() => onShow(r)}>
            {label(CADENCE_LEAVE_REASON_LABELS, r)} {num(n, lang)}
          </button>
        </li>
      ))}
    </ul>
  );
}

export function StepTracking({ cadence, onShow }: { cadence: Cadence; onShow(f: MemberFilter): void }) {
  const { t, lang, pick } = useI18n();
  return (
    <section aria-labelledby="step-tracking-h">
      <h2 id="step-tracking-h">{t('cadence.tracking')}</h2>
      <div className="card">
        <p>
          <button type="button" className="link-button" onClick={() => onShow({ step: 0 })}>
            {t('cadence.notStarted', { n: num(cadence.notStarted, lang) })}
          </button>
          {' · '}
          {t('cadence.leftTotal')}: <Reasons left={cadence.left} onShow={(reason) => onShow({ state: 'left', reason })} />
        </p>
      </div>
      <ol className="step-tracking">
        {cadence.steps.map((s) => {
          const c = s.counts;
          const left = Object.values(c.left).reduce((a, n) => a + n, 0);
          return (
            <li key={s.number} className="card" aria-labelledby={`track-${s.number}-h`}>
              <h3 id={`track-${s.number}-h`}>
                {t('cadence.stepN', { n: s.number })} {s.name} <span className="muted small">{pick(s.atText.ja, s.atText.en)}</span>
              </h3>
              <p className="small muted">{s.whenText.length === 0 ? t('cadence.conditionsNone') : t('cadence.conditionsSentence', { who: s.whenText.map((w) => pick(w.ja, w.en)).join(t('cadence.conditionsJoin')) })}</p>
              <div className="two-col">
                <StepFunnel step={s} />
                <dl className="step-people">
                  <div>
                    <dt>{t('cadence.reached')}</dt>
                    <dd data-testid={`step-${s.number}-reached`}>{num(c.reached, lang)}</dd>
                  </div>
                  <div>
                    <dt>{t('cadence.skipped')}</dt>
                    <dd data-testid={`step-${s.number}-skipped`}>{num(c.skipped, lang)}</dd>
                  </div>
                  <div>
                    <dt>{t('cadence.failed')}</dt>
                    <dd>{num(c.failed, lang)}</dd>
                  </div>
                  <div>
                    <dt>{t('cadence.current')}</dt>
                    <dd>
                      <button type="button" className="link-button" onClick={() => onShow({ step: s.number })} data-testid={`step-${s.number}-current`}>
                        {num(c.current, lang)}
                      </button>
                    </dd>
                  </div>
                  <div>
                    <dt>{t('cadence.leftHere', { n: num(left, lang) })}</dt>
                    <dd className="reasons-dd">
                      <Reasons left={c.left} onShow={(reason) => onShow({ step: s.number, state: 'left', reason })} />
                    </dd>
                  </div>
                </dl>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

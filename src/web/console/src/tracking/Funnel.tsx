// The funnel: targeted → sent → delivered → opened → verified → then what people did (paid, answered,
// downloaded, replied), each as a bar against the people targeted, with its count and share.
import type { Funnel as FunnelCounts } from '../api/schemas.ts';
import { useI18n, type Key } from '../i18n/index.tsx';
import { num, percent } from '../ui/format.ts';

const MAIN: (keyof FunnelCounts)[] = ['targeted', 'sent', 'delivered', 'opened', 'verified'];
const ACTIONS: (keyof FunnelCounts)[] = ['paid', 'answered', 'downloaded', 'replied'];

function Bar({ stage, value, of }: { stage: keyof FunnelCounts; value: number; of: number }) {
  const { t, lang } = useI18n();
  const width = of > 0 ? Math.max(value > 0 ? 0.5 : 0, (value / of) * 100) : 0;
  return (
    <li className={`funnel-row stage-${stage}`} data-stage={stage}>
      <span className="funnel-label">{t(`funnel.${stage}` as Key)}</span>
      <span className="funnel-track" aria-hidden="true">
        <span className="funnel-bar" style={{ width: `${width}%` }} />
      </span>
      <span className="funnel-value">
        <strong data-testid={`funnel-${stage}`}>{num(value, lang)}</strong> <span className="muted">{stage === 'targeted' ? '' : percent(value, of)}</span>
      </span>
    </li>
  );
}

export function Funnel({ funnel }: { funnel: FunnelCounts }) {
  const { t, lang } = useI18n();
  const of = funnel.targeted;
  return (
    <div className="funnel">
      <ol className="funnel-main" aria-label={t('funnel.title')}>
        {MAIN.map((s) => (
          <Bar key={s} stage={s} value={funnel[s]} of={of} />
        ))}
      </ol>
      <ul className="funnel-actions" aria-label={t('funnel.actions')}>
        {ACTIONS.map((s) => (
          <Bar key={s} stage={s} value={funnel[s]} of={of} />
        ))}
      </ul>
      <p className="muted small">
        {t('funnel.failedLine', { failed: num(funnel.failed, lang), locked: num(funnel.locked, lang), optedOut: num(funnel.optedOut, lang) })}
      </p>
    </div>
  );
}

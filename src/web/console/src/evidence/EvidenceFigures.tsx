// The ledger's state in figures: entries recorded, in the tree and waiting; the latest signed tree head
// and its time stamp; heads; the clock against the TSA; how long evidence is kept. Above them, where
// the times come from in one plain sentence (the API's), and a warning when the clock is more than a
// second off the TSA's or when the TSA has stopped answering.
import type { EvidenceStatus } from '../api/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { Alert } from '../ui/Alert.tsx';
import { dateTime, num } from '../ui/format.ts';

/** Seconds with their sign and milliseconds: +0.012, −1.250. */
const seconds = (ms: number) => `${ms < 0 ? '−' : '+'}${(Math.abs(ms) / 1000).toFixed(3)}`;

export function EvidenceFigures({ status: s }: { status: EvidenceStatus }) {
  const { t, lang, pick } = useI18n();
  const head = s.latestHead;
  const tsa = head?.tsa;
  const skewOff = s.clock.ok === false;
  const fig = (id: string, label: string, value: string, note?: string | null, small = false) => (
    <div data-testid={`evidence-${id}`}>
      <dt>{label}</dt>
      <dd className={small ? 'small-dd' : undefined}>{value}</dd>
      {note && <dd className="note">{note}</dd>}
    </div>
  );
  return (
    <section className="card" aria-labelledby="evidence-status-h">
      <h2 id="evidence-status-h">{t('evidence.status')}</h2>
      <Alert kind={s.timeSource.kind === 'tsa' ? 'info' : 'warning'}>
        <p data-testid="evidence-time-statement">{pick(s.timeSource.statement.ja, s.timeSource.statement.en)}</p>
      </Alert>
      {skewOff && s.clock.skewMs !== null && <Alert kind="warning">{t('evidence.skewWarning', { s: seconds(s.clock.skewMs) })}</Alert>}
      {s.timeSource.kind === 'tsa' && s.heads.unstampedSinceLastStamp > 0 && (
        <Alert kind="warning">{t('evidence.unstampedWarning', { n: num(s.heads.unstampedSinceLastStamp, lang) })}</Alert>
      )}
      <dl className="figures">
        {fig('recorded', t('evidence.recorded'), num(s.entries.recorded, lang))}
        {fig('in-tree', t('evidence.inTree'), num(s.entries.inTree, lang))}
        {fig('waiting', t('evidence.waiting'), num(s.entries.waiting, lang), s.entries.oldestWaiting && t('evidence.oldestWaiting', { age: num(s.entries.oldestWaiting.ageSeconds, lang) }))}
        {fig('head', t('evidence.latestHead'), head ? dateTime(head.signed.at, lang, { seconds: true }) : t('evidence.noHead'), head && t('evidence.headSize', { n: num(head.size, lang) }), true)}
        {fig(
          'stamp',
          t('evidence.stamp'),
          tsa?.time ? dateTime(tsa.time.at, lang, { seconds: true }) : t('evidence.stampNone'),
          tsa ? (tsa.name ?? tsa.host ?? tsa.url) : null,
          true,
        )}
        {fig('source', t('evidence.timeSource'), s.timeSource.kind === 'tsa' ? t('evidence.sourceTsa', { host: s.timeSource.tsaHost ?? s.timeSource.tsaUrl ?? '' }) : t('evidence.sourceOwn'), null, true)}
        {fig('skew', t('evidence.clockSkew'), s.clock.skewMs === null ? t('evidence.skewNone') : t('evidence.skewValue', { s: seconds(s.clock.skewMs) }), s.clock.measured && dateTime(s.clock.measured.at, lang, { seconds: true }), true)}
        {fig('heads', t('evidence.heads'), t('evidence.headsValue', { total: num(s.heads.total, lang), stamped: num(s.heads.stamped, lang) }), null, true)}
        {fig('retention', t('evidence.retention'), t('evidence.retentionValue', { n: s.retentionYears }), null, true)}
      </dl>
    </section>
  );
}

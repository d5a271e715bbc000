// The funnel over time as an SVG line chart drawn here (no chart library): cumulative counts per
// bucket for sent, delivered, opened, verified, paid and replied; a table of the same figures follows
// for screen readers and print.
import type { Series, Timeline } from '../api/schemas.ts';
import { useI18n, type Key } from '../i18n/index.tsx';
import { time, dateTime, num } from '../ui/format.ts';

const SHOWN: Series[] = ['sent', 'delivered', 'opened', 'verified', 'paid', 'replied'];
const W = 640;
const H = 240;
const PAD = { left: 52, right: 16, top: 14, bottom: 30 };

/**
 * Fills the buckets nothing happened in and accumulates, from a zero one bucket before the first (so a
 * campaign sent within one minute still draws a rising line); at most ~240 points.
 */
function cumulative(tl: Timeline): { at: number; values: Record<Series, number> }[] {
  if (tl.buckets.length === 0) return [];
  const zero = Object.fromEntries(SHOWN.map((s) => [s, 0])) as Record<Series, number>;
  const first = Date.parse(tl.buckets[0]!.at);
  const last = Date.parse(tl.buckets[tl.buckets.length - 1]!.at);
  const step = Math.max(1, Math.ceil((last - first) / tl.bucketMs / 240));
  const byAt = new Map(tl.buckets.map((b) => [Date.parse(b.at), b]));
  const totals = { ...zero };
  const out: { at: number; values: Record<Series, number> }[] = [{ at: first - tl.bucketMs, values: { ...zero } }];
  for (let at = first, i = 0; at <= last; at += tl.bucketMs, i++) {
    const b = byAt.get(at);
    if (b) for (const s of SHOWN) totals[s] += b[s];
    if (i % step === 0 || at + tl.bucketMs > last) out.push({ at, values: { ...totals } });
  }
  return out;
}

export function TimelineChart({ timeline }: { timeline: Timeline }) {
  const { t, lang } = useI18n();
  const points = cumulative(timeline);
  if (points.length === 0) return <p className="muted">{t('chart.empty')}</p>;
  const max = Math.max(1, ...points.map((p) => Math.max(...SHOWN.map((s) => p.values[s]))));
  const x0 = points[0]!.at;
  const x1 = points[points.length - 1]!.at;
  const sx = (at: number) => PAD.left + (x1 === x0 ? (W - PAD.left - PAD.right) / 2 : ((at - x0) / (x1 - x0)) * (W - PAD.left - PAD.right));
  const sy = (v: number) => H - PAD.bottom - (v / max) * (H - PAD.top - PAD.bottom);
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(max * f));
  const xTicks = points.length <= 2 ? points : [points[0]!, points[Math.floor(points.length / 2)]!, points[points.length - 1]!];
  const lastValues = points[points.length - 1]!.values;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="chart-title chart-desc" preserveAspectRatio="xMidYMid meet">
        <title id="chart-title">{t('chart.title')}</title>
        <desc id="chart-desc">{SHOWN.map((s) => `${t(`funnel.${s}` as Key)} ${lastValues[s]}`).join(', ')}</desc>
        {ticks.map((v) => (
          <g key={v} className="grid">
            <line x1={PAD.left} x2={W - PAD.right} y1={sy(v)} y2={sy(v)} />
            <text x={PAD.left - 6} y={sy(v) + 4} textAnchor="end">
              {num(v, lang)}
            </text>
          </g>
        ))}
        {xTicks.map((p, i) => (
          <text key={i} className="axis" x={sx(p.at)} y={H - 8} textAnchor={i === 0 ? 'start' : i === xTicks.length - 1 ? 'end' : 'middle'}>
            {timeline.bucket === 'day' ? dateTime(new Date(p.at).toISOString(), lang).slice(0, 10) : time(p.at, lang)}
          </text>
        ))}
        {SHOWN.map((s) => (
          <g key={s} className={`series-${s}`}>
            <polyline className="line" fill="none" points={points.map((p) => `${sx(p.at).toFixed(1)},${sy(p.values[s]).toFixed(1)}`).join(' ')} />
            <circle className="dot" cx={sx(x1)} cy={sy(lastValues[s])} r={4} />
          </g>
        ))}
      </svg>
      <figcaption>
        <ul className="legend">
          {SHOWN.map((s) => (
            <li key={s}>
              <span className={`swatch series-${s}`} aria-hidden="true" /> {t(`funnel.${s}` as Key)} {num(lastValues[s], lang)}
            </li>
          ))}
        </ul>
        <span className="muted small">{t(`chart.bucket.${timeline.bucket}` as Key)}</span>
      </figcaption>
    </figure>
  );
}

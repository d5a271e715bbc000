// The survey's answers counted per option, as bars; and how many answered each question.
import type { SurveyResults } from '../api/schemas.ts';
import { useI18n } from '../i18n/index.tsx';
import { num, percent } from '../ui/format.ts';

export function SurveyTally({ results }: { results: SurveyResults }) {
  const { t, lang } = useI18n();
  return (
    <section className="card" aria-labelledby="tally-h">
      <h2 id="tally-h">
        {results.title || t('survey.title')}
      </h2>
      <p>{t('survey.answered', { n: num(results.answered, lang) })}</p>
      {results.questions.map((q) => (
        <div key={q.id} className="tally">
          <h3>{q.label}</h3>
          <p className="muted small">{t('survey.answeredQuestion', { n: num(q.answered, lang) })}</p>
          {q.options && (
            <ul>
              {q.options.map((o) => (
                <li key={o.id} className="funnel-row">
                  <span className="funnel-label">{o.label}</span>
                  <span className="funnel-track" aria-hidden="true">
                    <span className="funnel-bar" style={{ width: `${q.answered ? (o.count / q.answered) * 100 : 0}%` }} />
                  </span>
                  <span className="funnel-value">
                    <strong>{num(o.count, lang)}</strong> <span className="muted">{percent(o.count, q.answered)}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      ))}
    </section>
  );
}

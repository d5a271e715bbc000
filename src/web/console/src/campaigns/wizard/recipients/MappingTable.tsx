// The column mapping over a preview of the first rows: each column's field (a field Todoku knows, or
// the column kept under its own name) chosen in its header, each row with its verdict.
import type { CsvPreview } from '../../../api/schemas.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { fieldLabel } from '../../fields.ts';

export function MappingTable({ preview, overrides, onChange, disabled }: { preview: CsvPreview; overrides: Record<string, string>; onChange(next: Record<string, string>): void; disabled: boolean }) {
  const { t, pick } = useI18n();
  const taken = new Set(preview.columns.map((c) => c.field));
  return (
    <div className="table-scroll">
      <table className="table mapping">
        <caption>{t('recipients.previewCaption', { n: preview.rows.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('recipients.line')}</th>
            <th scope="col">{t('recipients.check')}</th>
            {preview.columns.map((c) => (
              <th scope="col" key={c.index}>
                <span className="header-cell">{c.header || `(${t('recipients.emptyHeader')})`}</span>
                <label className="sr-only" htmlFor={`map-${c.index}`}>
                  {t('recipients.mapTo', { header: c.header || String(c.index + 1) })}
                </label>
                <select
                  id={`map-${c.index}`}
                  value={c.canonical ? c.field : ''}
                  disabled={disabled}
                  onChange={(e) => {
                    const key = `col_${c.index + 1}`;
                    const next = { ...overrides };
                    // A custom column keeps its header as its name.
                    next[key] = e.target.value === '' ? c.header || key : e.target.value;
                    onChange(next);
                  }}
                >
                  <option value="">{t('recipients.custom', { name: c.canonical ? c.header || c.field : c.field })}</option>
                  {preview.fields.map((f) => (
                    <option key={f} value={f} disabled={taken.has(f) && c.field !== f}>
                      {fieldLabel(f, t)}
                    </option>
                  ))}
                </select>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((r) => (
            <tr key={r.line} className={r.accepted ? '' : 'rejected'}>
              <td className="num">{r.line}</td>
              <td>{r.accepted ? <span className="badge ok">{t('recipients.ok')}</span> : <span className="verdict-bad">{pick(r.message, r.message_en)}</span>}</td>
              {r.cells.map((cell, i) => (
                <td key={i}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

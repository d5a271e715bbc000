// The rejected rows of a campaign's imports, with line and reason, and the report to download (UTF-8
// with BOM, or Shift_JIS for Excel). The rows carry numbers as written: operators only.
import { useEffect, useState } from 'react';
import { get, inCampaign } from '../../../api/client.ts';
import type { Rejections } from '../../../api/schemas.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { Alert, ErrorMessage } from '../../../ui/Alert.tsx';

export function RejectionList({ campaignId, count, personal }: { campaignId: number; count: number; personal: boolean }) {
  const { t, pick } = useI18n();
  const [list, setList] = useState<Rejections | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    // The rows carry numbers as written: operators only (like the CSV report).
    if (count === 0 || !personal) return;
    get('/api/v1/campaigns/{campaign}/rejections', { params: { ...inCampaign(campaignId), query: { limit: 200 } } }).then(setList, setError);
  }, [campaignId, count, personal]);
  if (count === 0) return <Alert kind="ok">{t('recipients.noRejections')}</Alert>;
  return (
    <section aria-labelledby="rejections-h" className="card">
      <h3 id="rejections-h">{t('recipients.rejectedTitle', { n: count })}</h3>
      {personal && (
        <p className="row wrap">
          <a className="button" href={`/api/v1/campaigns/${campaignId}/rejections.csv?encoding=utf-8-bom`} download>
            {t('recipients.downloadUtf8')}
          </a>
          <a className="button" href={`/api/v1/campaigns/${campaignId}/rejections.csv?encoding=cp932`} download>
            {t('recipients.downloadCp932')}
          </a>
        </p>
      )}
      <ErrorMessage error={error} />
      {list && (
        <div className="table-scroll short">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('recipients.line')}</th>
                <th scope="col">{t('recipients.reason')}</th>
                <th scope="col">{t('recipients.phoneAsWritten')}</th>
              </tr>
            </thead>
            <tbody>
              {list.rejections.map((r) => (
                <tr key={`${r.line}-${r.reason}`}>
                  <td className="num">{r.line}</td>
                  <td>{pick(r.message, r.message_en)}</td>
                  <td>{r.raw ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.more && <p className="muted small">{t('recipients.moreInCsv')}</p>}
        </div>
      )}
    </section>
  );
}

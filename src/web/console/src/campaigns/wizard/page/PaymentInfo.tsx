// Payment (決済連携): the pay button appears on the verified page when a payment provider is configured
// (TODOKU_PAYMENT_PROVIDER) and the person's row has an amount; this says which and whether.
import { get, inCampaign } from '../../../api/client.ts';
import type { Campaign } from '../../../api/schemas.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { Alert, ErrorMessage } from '../../../ui/Alert.tsx';
import { useLoad } from '../../../ui/useLoad.ts';

export function PaymentInfo({ campaign }: { campaign: Campaign }) {
  const { t } = useI18n();
  const payments = useLoad(() => get('/api/v1/campaigns/{campaign}/payments', { params: { ...inCampaign(campaign.id), query: { limit: 1 } } }), [campaign.id]);
  const hasAmount = campaign.columns.some((c) => c.field === 'amount');
  return (
    <section className="card" aria-labelledby="pay-h">
      <h3 id="pay-h">{t('page.payment')}</h3>
      <ErrorMessage error={payments.error} />
      {payments.data && (
        <>
          <p>{payments.data.provider ? t('page.paymentProvider', { provider: payments.data.provider }) : t('page.paymentOff')}</p>
          {payments.data.provider && !hasAmount && <Alert kind="warning">{t('page.paymentNoAmount')}</Alert>}
          {payments.data.provider && hasAmount && <Alert kind="ok">{t('page.paymentReady')}</Alert>}
        </>
      )}
    </section>
  );
}

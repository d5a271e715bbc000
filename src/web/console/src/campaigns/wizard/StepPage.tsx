// Step 3, the recipient's page: identity check, notice and contact; PDF; survey; payment.
import { useI18n } from '../../i18n/index.tsx';
import { useSession } from '../../session.tsx';
import { Link } from '../../router.tsx';
import { LandingSettings } from './page/LandingSettings.tsx';
import { DocumentSettings } from './page/DocumentSettings.tsx';
import { SurveySettings } from './page/SurveySettings.tsx';
import { PaymentInfo } from './page/PaymentInfo.tsx';
import type { StepProps } from './steps.ts';

export function StepPage({ campaign, reload, stepPath }: StepProps) {
  const { t } = useI18n();
  const { can } = useSession();
  const editable = can('operator') && campaign.status === 'draft';
  const usesUrl = (campaign.template ?? '').includes('{{url');
  return (
    <div className="step">
      <h2>{t('wizard.step.page')}</h2>
      {!usesUrl && <p className="muted">{t('page.noUrlInTemplate')}</p>}
      <LandingSettings campaign={campaign} editable={editable} onSaved={() => void reload()} />
      <DocumentSettings campaign={campaign} editable={editable} />
      <SurveySettings campaign={campaign} editable={editable} />
      <PaymentInfo campaign={campaign} />
      <div className="step-nav">
        <Link className="button" to={stepPath('template')}>
          {t('wizard.back')}
        </Link>
        <Link className="button primary" to={stepPath('send')}>
          {t('wizard.next')}: {t('wizard.step.send')}
        </Link>
      </div>
    </div>
  );
}

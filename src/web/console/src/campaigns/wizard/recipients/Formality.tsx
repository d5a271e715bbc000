// Whether a draft goes as a formal notice (債権譲渡通知 / 正式な通知): then every recipient's prior consent
// must be recorded before it can be sent, and the list marks the rows still without it.
import { patch } from '../../../api/client.ts';
import type { Campaign } from '../../../api/schemas.ts';
import { NOTICE_FORMALITY_LABELS } from '../../../../../../core/labels.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useAction } from '../../../ui/useLoad.ts';
import { ErrorMessage } from '../../../ui/Alert.tsx';
import { Options } from '../../../ui/Field.tsx';
import { FORMALITY_CHOICES } from '../../CampaignList.tsx';

type Choice = (typeof FORMALITY_CHOICES)[number];

export function FormalitySetting({ campaign, editable, onChanged }: { campaign: Campaign; editable: boolean; onChanged: () => Promise<void> }) {
  const { t, label } = useI18n();
  const action = useAction();
  const change = async (choice: Choice) => {
    const ok = await action.run(() => patch('/api/v1/campaigns/{campaign}', { params: { path: { campaign: String(campaign.id) } }, body: { formality: choice || null } }));
    if (ok) await onChanged();
  };
  return (
    <div className="formality">
      <label>
        {t('campaigns.formality')}
        <select value={campaign.formality ?? ''} disabled={!editable || action.busy} onChange={(e) => void change(e.target.value as Choice)} aria-describedby="formality-help">
          <Options values={FORMALITY_CHOICES} label={(k) => (k ? label(NOTICE_FORMALITY_LABELS, k) : t('campaigns.formalityNone'))} />
        </select>
      </label>
      <p className="muted small" id="formality-help">
        {t('campaigns.formalityHelp')}
      </p>
      <ErrorMessage error={action.error} />
    </div>
  );
}

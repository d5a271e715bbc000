// Previous and next page buttons under a paged list.
import { useI18n } from '../i18n/index.tsx';

export function Pager({ hasPrevious, hasNext, onPrevious, onNext }: { hasPrevious: boolean; hasNext: boolean; onPrevious(): void; onNext(): void }) {
  const { t } = useI18n();
  return (
    <div className="row">
      <button type="button" disabled={!hasPrevious} onClick={onPrevious}>
        {t('common.previous')}
      </button>
      <button type="button" disabled={!hasNext} onClick={onNext}>
        {t('common.nextPage')}
      </button>
    </div>
  );
}

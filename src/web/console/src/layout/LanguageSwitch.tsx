// 日本語 / English: each button names its language in that language.
import { useI18n } from '../i18n/index.tsx';

export function LanguageSwitch() {
  const { lang, setLang, t } = useI18n();
  return (
    <div className="lang-switch" role="group" aria-label={t('nav.language')}>
      <button type="button" lang="ja" aria-pressed={lang === 'ja'} onClick={() => setLang('ja')}>
        日本語
      </button>
      <button type="button" lang="en" aria-pressed={lang === 'en'} onClick={() => setLang('en')}>
        English
      </button>
    </div>
  );
}

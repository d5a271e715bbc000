// Japanese first, English switchable: the chosen language is kept in the browser, set on <html lang>,
// and t() looks a key up in that language's dictionary ({name} placeholders and English plural forms
// filled in by fill.ts). The words for
// the API's codes (states, notice kinds, intents, reject reasons) are not in the dictionaries: label()
// reads them from src/core/labels.ts, the one table the CLI, exports and pages use too.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ja, type Dictionary } from './ja.ts';
import { en } from './en.ts';
import { labelOf, type Lang } from '../../../../core/labels.ts';
import { fill, type Vars } from './fill.ts';

export type { Lang };
export type Key = keyof Dictionary;
export type { Vars };

const DICTS: Record<Lang, Dictionary> = { ja, en };
const STORAGE = 'todoku.lang';

interface I18n {
  lang: Lang;
  setLang(l: Lang): void;
  t(key: Key, vars?: Vars): string;
  /** The API's bilingual texts: title / title_en, message / message_en. */
  pick(jaText: string | null | undefined, enText: string | null | undefined): string;
  /** The word for a code from one of core's label tables; a code this build does not know, as it is. */
  label<K extends string>(labels: Readonly<Record<K, Record<Lang, string>>>, code: string): string;
}

const Ctx = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(() => (localStorage.getItem(STORAGE) === 'en' ? 'en' : 'ja'));
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((l: Lang) => {
    localStorage.setItem(STORAGE, l);
    setLangState(l);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (key, vars) => fill(lang, DICTS[lang][key] ?? ja[key] ?? key, vars),
      pick: (j, e) => (lang === 'en' ? e || j || '' : j || e || ''),
      label: (labels, code) => labelOf(labels, code, lang),
    }),
    [lang, setLang],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  const v = useContext(Ctx);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

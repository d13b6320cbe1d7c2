import i18n from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import zhCN from '@/locales/zh-CN.json';
import en from '@/locales/en.json';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const KEY = 'gridenforce.lang';

function initialLanguage(): Language {
  try {
    const saved = localStorage.getItem(KEY);
    if (saved && (LANGUAGES as readonly string[]).includes(saved)) return saved as Language;
  } catch {
    /* storage blocked: zh-CN */
  }
  return 'zh-CN';
}

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'zh-CN',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;

/** Switches the UI language and remembers it on this device. */
export function setLanguage(lng: Language) {
  localStorage.setItem(KEY, lng);
  document.documentElement.lang = lng;
  void i18n.changeLanguage(lng);
}

export function currentLanguage(): Language {
  return (i18n.language as Language) ?? 'zh-CN';
}

/** Picks the name for the current language from a `{ zh, en }` pair. */
export function useLocalName() {
  const { i18n: inst } = useTranslation();
  return (name: { zh: string; en: string } | null | undefined, fallback = ''): string => {
    if (!name) return fallback;
    return inst.language === 'en' ? name.en || name.zh : name.zh || name.en;
  };
}

export { i18n };

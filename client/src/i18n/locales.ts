export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** What each locale calls itself in the language switcher. */
export const LOCALE_NAMES: Record<Locale, string> = {
  'zh-CN': '中文',
  en: 'English',
};

const STORAGE_KEY = 'mediation.locale';

function isLocale(value: unknown): value is Locale {
  return LOCALES.includes(value as Locale);
}

/** The first Chinese or English entry of the browser's preferences decides; English otherwise. */
export function preferredLocale(languages: readonly string[]): Locale {
  for (const language of languages) {
    const lower = language.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export function storedLocale(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    // Storage is unavailable in some private modes; the browser preference still applies.
    return null;
  }
}

export function storeLocale(locale: Locale): void {
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Same as above: without storage the choice lasts for this page only.
  }
}

export function initialLocale(): Locale {
  return storedLocale() ?? preferredLocale(navigator.languages ?? [navigator.language]);
}

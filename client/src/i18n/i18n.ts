import { createI18n } from 'vue-i18n';
import { en, type MessageSchema } from './messages/en';
import { zhCN } from './messages/zh-CN';
import { initialLocale, storeLocale, type Locale } from './locales';

const messages = { en, 'zh-CN': zhCN } satisfies Record<Locale, MessageSchema>;

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: initialLocale(),
  fallbackLocale: 'en',
  messages,
});

/** Switches the UI language, remembers it, and tells the document. */
export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale;
  storeLocale(locale);
  applyDocumentLocale(locale);
}

/** The page's language drives screen readers and the choice of CJK glyphs; its title, the tab. */
export function applyDocumentLocale(locale: Locale): void {
  document.documentElement.lang = locale;
  document.title = messages[locale].app.name;
}

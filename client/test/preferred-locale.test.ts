import { describe, expect, it } from 'vitest';
import { preferredLocale } from '../src/i18n/locales';

describe('preferredLocale', () => {
  it('chooses Chinese when the first Chinese or English preference is Chinese', () => {
    expect(preferredLocale(['zh-CN', 'en'])).toBe('zh-CN');
    expect(preferredLocale(['zh-TW'])).toBe('zh-CN');
    expect(preferredLocale(['fr', 'zh', 'en'])).toBe('zh-CN');
  });

  it('chooses English when English comes first or nothing matches', () => {
    expect(preferredLocale(['en-GB', 'zh-CN'])).toBe('en');
    expect(preferredLocale(['de', 'fr'])).toBe('en');
    expect(preferredLocale([])).toBe('en');
  });
});

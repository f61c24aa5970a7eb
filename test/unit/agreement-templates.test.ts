import { describe, expect, it } from 'vitest';
import { DISPUTE_CATEGORIES, type AgreementLanguage } from '@mediation/shared';
import { agreementTemplate } from '../../server/src/drafting/templates/agreement-templates.js';

const languages: AgreementLanguage[] = ['zh-CN', 'en'];
const names = { applicant: '王芳', respondent: '某物业服务有限公司' };
/** A sum owed, or a refund whose sum the mediator writes in. */
const money = { 'zh-CN': /人民币|退款/u, en: /RMB|refund/iu };
const payment = { 'zh-CN': /付清|支付|退还|补缴/u, en: /\bpaid\b|\bpays\b|refund/u };
const date = { 'zh-CN': /____年____月(____日)?|每月____日/u, en: /before ____|before day ____ of each month/iu };
const side = { 'zh-CN': /申请人/u, en: /applicant|respondent/iu };

describe.each(languages)('the agreement templates in %s', (language) => {
  it.each([...DISPUTE_CATEGORIES])('%s names both parties in the dispute, leaves no field unfilled and ends with how it takes effect', (category) => {
    const template = agreementTemplate(category, language, names);
    const all = [template.dispute, ...template.clauses, ...template.performance].join('\n');
    expect(template.dispute).toContain(names.applicant);
    expect(template.dispute).toContain(names.respondent);
    expect(all).not.toMatch(/[{}]/u);
    expect(template.clauses.length).toBeGreaterThan(0);
    expect(template.performance.at(-3)).toMatch(language === 'zh-CN' ? /生效/u : /takes effect/u);
  });

  it.each([...DISPUTE_CATEGORIES])('%s says who owes what by what they are or by a blank, never by assuming who applied', (category) => {
    for (const clause of agreementTemplate(category, language, names).clauses) expect(clause).not.toMatch(side[language]);
  });

  it.each([...DISPUTE_CATEGORIES])('%s asks for a payment date only when it asks for a sum, and asks for one whenever it does', (category) => {
    const template = agreementTemplate(category, language, names);
    const asksForSum = template.clauses.some((clause) => money[language].test(clause));
    const ownPerformance = template.performance.slice(0, -3);
    if (!asksForSum) {
      for (const line of ownPerformance) expect(line).not.toMatch(payment[language]);
      return;
    }
    const whenPaid = [...template.clauses, ...ownPerformance].some((line) => date[language].test(line) || /原支付方式|the way the price was paid/u.test(line));
    expect(whenPaid).toBe(true);
  });
});

it('every category has the same clauses in both languages, one for one', () => {
  for (const category of DISPUTE_CATEGORIES) {
    const zh = agreementTemplate(category, 'zh-CN', names);
    const en = agreementTemplate(category, 'en', names);
    expect(en.clauses.length).toBe(zh.clauses.length);
    expect(en.performance.length).toBe(zh.performance.length);
  }
});

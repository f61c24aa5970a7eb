import type { AgreementLanguage } from '../drafting/agreement-doc.js';

/**
 * What a signer ticks before signing, in the agreement's language. Its exact text is part
 * of what the signer's key signs, so it can never be changed for a signed agreement:
 * a new wording needs a new key here, never an edit of an existing one.
 */
export const CONSENT_STATEMENTS = {
  'consent/1': {
    'zh-CN':
      '本人已在本人设备上完整阅读上述人民调解协议，确认协议内容是本人真实意思表示；本人自愿以电子签名方式签署本协议，电子签名与手写签名具有同等法律效力。',
    en: 'I have read the whole mediation agreement above on my own device; it states what I truly intend. I sign it of my own free will by electronic signature, which has the same legal effect as my handwritten signature.',
  },
} as const satisfies Record<string, Record<AgreementLanguage, string>>;

export type ConsentStatementId = keyof typeof CONSENT_STATEMENTS;
export const CURRENT_CONSENT_STATEMENT: ConsentStatementId = 'consent/1';

export function consentStatement(language: AgreementLanguage, id: ConsentStatementId = CURRENT_CONSENT_STATEMENT): string {
  return CONSENT_STATEMENTS[id][language];
}

import type { AgreementLanguage } from '../drafting/agreement-doc.js';
import type { IdentityDocumentType } from '../protocol/signing-payloads.js';

/** Names of the identity documents a mediator checks, on screen and in the issued agreement. */
export const identityDocumentLabels: Record<AgreementLanguage, Record<IdentityDocumentType, string>> = {
  'zh-CN': {
    'resident-id-card': '居民身份证',
    passport: '护照',
    'hk-macao-permit': '港澳居民来往内地通行证',
    'taiwan-permit': '台湾居民来往大陆通行证',
    other: '其他证件',
  },
  en: {
    'resident-id-card': 'Resident identity card',
    passport: 'Passport',
    'hk-macao-permit': 'Mainland travel permit for Hong Kong and Macao residents',
    'taiwan-permit': 'Mainland travel permit for Taiwan residents',
    other: 'Other document',
  },
};

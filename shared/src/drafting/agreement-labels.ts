import type { Role } from '../domain/roles.js';
import type { AgreementLanguage } from './agreement-doc.js';

/** The fixed wording of an agreement, in the agreement's own language (not the screen's). */
export interface AgreementLabels {
  documentTitle: string;
  caseNumber: string;
  parties: string;
  roles: Partial<Record<Role, string>>;
  dispute: string;
  clauses: string;
  performance: string;
  signatures: string;
  mediator: string;
  clauseNumber: (n: number) => string;
}

export const agreementLabels: Record<AgreementLanguage, AgreementLabels> = {
  'zh-CN': {
    documentTitle: '人民调解协议书',
    caseNumber: '编号',
    parties: '当事人',
    roles: { applicant: '申请人', respondent: '被申请人', representative: '代理人', mediator: '人民调解员' },
    dispute: '一、纠纷简要情况',
    clauses: '二、经调解，双方自愿达成如下协议',
    performance: '三、履行方式、时限',
    signatures: '签名',
    mediator: '人民调解员',
    clauseNumber: (n) => `第${n}条`,
  },
  en: {
    documentTitle: "People's Mediation Agreement",
    caseNumber: 'No.',
    parties: 'Parties',
    roles: { applicant: 'Applicant', respondent: 'Respondent', representative: 'Representative', mediator: 'Mediator' },
    dispute: '1. The dispute in brief',
    clauses: '2. Terms agreed voluntarily through mediation',
    performance: '3. Manner and time of performance',
    signatures: 'Signatures',
    mediator: 'People’s mediator',
    clauseNumber: (n) => `Clause ${n}`,
  },
};

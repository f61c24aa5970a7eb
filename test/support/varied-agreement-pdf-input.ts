import { createHash } from 'node:crypto';
import { agreementHash, type AgreementLanguage, type CanonicalNode, type Role } from '@mediation/shared';
import { chainAuditEntry } from '../../server/src/audit/chain-audit-entry.js';
import type { AuditEntry, AuditEntryInput } from '../../server/src/audit/audit-entry.js';
import type { AgreementPdfInput, AgreementPdfSignature } from '../../server/src/signing/pdf/agreement-pdf-input.js';
import { fixtureAgreementPdfInput } from './agreement-pdf-fixture.js';

export interface AgreementShape {
  language: AgreementLanguage;
  clauses: number;
  /** Parties and the mediator, who signs last. */
  signers: number;
  auditEntries: number;
  /** Names long enough to wrap inside a signature box. */
  longNames: boolean;
}

const NAMES: Record<AgreementLanguage, { short: string[]; long: string[] }> = {
  'zh-CN': {
    short: ['王芳', '李强', '赵律师', '孙丽', '周伟', '吴敏', '郑涛', '陈明'],
    long: ['欧阳娜娜·阿卜杜热合曼·买买提江', '司马长风·诸葛明远·上官云飞', '阿依古丽·热合曼·艾买提江·吐尔逊', '慕容雪晴·令狐冲霄·东方既白', '买买提·阿不都热依木·库尔班江', '端木蓉蓉·皇甫嵩岳·公孙长卿', '努尔古丽·阿布都克力木·艾合买提', '陈明远·欧阳修远·司徒正清'],
  },
  en: {
    short: ['Wang Fang', 'Li Qiang', 'Zhao Lin', 'Sun Li', 'Zhou Wei', 'Wu Min', 'Zheng Tao', 'Chen Ming'],
    long: [
      'Maximiliana Alexandra Montgomery-Featherstonehaugh',
      'Bartholomew Christopher Wolfeschlegelsteinhausen',
      'Anastasia Konstantinovna Rimsky-Korsakova-Ivanova',
      'Gwendolyn Persephone Cholmondeley-Marjoribanks',
      'Oluwaseun Adebayo Oluwadamilare Ogunleye-Adeyemi',
      'Hieronymus Bartholomaeus von Hohenzollern-Sigmaringen',
      'Xochiquetzal Itzpapalotl Hernandez-Cuauhtemoc',
      'Chen Mingyuan Alexander Ouyang-Montgomery',
    ],
  },
};

/** Party roles in the order signers are added; the mediator always signs last. */
const PARTY_ROLES: Role[] = ['applicant', 'respondent', 'representative', 'applicant', 'respondent', 'representative', 'respondent'];

const SENTENCES: Record<AgreementLanguage, string[]> = {
  'zh-CN': [
    '李强于本协议签订之日起十日内一次性赔偿王芳维修费人民币叁仟元整（¥3,000.00），款项转入王芳指定的银行账户。',
    '双方今后应本着互谅互让、和睦相处的原则处理相邻关系，不得因本纠纷采取过激行为。',
    '闭水试验期间，王芳应配合李强及维修人员进入其住所查看天花板渗水情况，并在试验结束后书面确认结果。',
    '本协议一式三份，双方当事人各执一份，人民调解委员会留存一份。双方当事人认为有必要的，可以自本协议生效之日起三十日内共同向人民法院申请司法确认。',
  ],
  en: [
    'Li Qiang shall pay Wang Fang the sum of RMB 3,000.00 for repairs within ten days of the date of this agreement, by transfer to the bank account Wang Fang names.',
    'Both parties shall settle matters between neighbours in a spirit of mutual understanding and shall take no rash action over this dispute.',
    'While the water test is under way, Wang Fang shall let Li Qiang and the repairers into her home to inspect the ceiling, and shall confirm the result in writing once the test is over.',
    'This agreement is made in three copies: each party keeps one and the committee keeps one. Either party may, within thirty days of this agreement taking effect, apply jointly with the other to a people’s court for judicial confirmation.',
  ],
};

const paragraph = (text: string): CanonicalNode => ({ type: 'paragraph', content: [{ text }] });

/** Clause n: mostly a sentence or two; every fifth a long one, every seventh with a list. */
function clauseBody(language: AgreementLanguage, n: number): CanonicalNode[] {
  const sentences = SENTENCES[language];
  const sentence = (k: number) => sentences[k % sentences.length]!;
  if (n % 5 === 0) return [paragraph(Array.from({ length: 6 }, (_, k) => sentence(n + k)).join(language === 'en' ? ' ' : ''))];
  if (n % 7 === 0) {
    return [
      paragraph(sentence(n)),
      { type: 'bulletList', content: [1, 2, 3].map((k) => ({ type: 'listItem', content: [paragraph(sentence(n + k))] })) },
    ];
  }
  return [paragraph(n % 2 === 0 ? sentence(n) : `${sentence(n)}${language === 'en' ? ' ' : ''}${sentence(n + 1)}`)];
}

/** The fixture's audit entries repeated and chained again, one minute apart, to the length asked for. */
function auditOfLength(count: number): AuditEntry[] {
  const { audit } = fixtureAgreementPdfInput();
  const entries: AuditEntry[] = [];
  for (let index = 0; index < count; index++) {
    const { actor, type, data } = audit[index % audit.length]!;
    const at = new Date(Date.UTC(2026, 2, 1, 2, index, 5)).toISOString();
    entries.push(chainAuditEntry({ caseId: 'case-1', at, actor, type, data } as AuditEntryInput, entries.at(-1)));
  }
  return entries;
}

/** The fixture agreement reshaped: its language, clause count, signers, name lengths and audit length as asked. */
export function variedAgreementPdfInput(shape: AgreementShape): AgreementPdfInput {
  const input = fixtureAgreementPdfInput();
  const { language } = shape;
  const names = NAMES[language][shape.longNames ? 'long' : 'short'];
  const { identity, ...template } = input.signatures[0]!;
  const mediatorName = names[names.length - 1]!;
  const signatures = Array.from({ length: shape.signers }, (_, index): AgreementPdfSignature => {
    const isMediator = index === shape.signers - 1;
    const name = isMediator ? mediatorName : names[index]!;
    return {
      ...template,
      participantId: `p-${index}`,
      name,
      typedName: name,
      role: isMediator ? 'mediator' : PARTY_ROLES[index]!,
      signedAt: new Date(Date.UTC(2026, 2, 2, 6, 20 + index, 5)).toISOString(),
      publicKeyFingerprint: createHash('sha256').update(`signer key ${index}`).digest('hex'),
      ...(!isMediator && { identity: { ...identity!, attestedBy: mediatorName, numberLastDigits: String(4100 + index) } }),
    };
  });

  const { agreement } = input;
  agreement.header.language = language;
  agreement.header.mediator = mediatorName;
  if (language === 'en') {
    agreement.header.committee = 'Chengdong Street People’s Mediation Committee';
    agreement.header.title = 'Water leak between neighbours';
    agreement.dispute = [paragraph(SENTENCES.en[2]!), paragraph(SENTENCES.en[1]!)];
    agreement.performance = [paragraph(SENTENCES.en[0]!), paragraph(SENTENCES.en[3]!)];
  }
  const details = language === 'en' ? 'Born May 1978, resident ID 5301**********1234, Flat 302, Building 1, Dongcheng Road, Panlong District, Kunming; tel. 138****5678' : agreement.parties[0]!.details;
  agreement.parties = signatures
    .filter((signature) => signature.role !== 'mediator')
    .map((signature) => ({ name: signature.name, role: signature.role, details }));
  agreement.clauses = Array.from({ length: shape.clauses }, (_, index) => ({ number: index + 1, body: clauseBody(language, index + 1) }));

  return {
    ...input,
    agreement,
    agreementHash: agreementHash(agreement),
    committeeName: language === 'en' ? agreement.header.committee : input.committeeName,
    signatures,
    audit: auditOfLength(shape.auditEntries),
  };
}

import type { AgreementLanguage, DisputeCategory } from '@mediation/shared';

/** The wording a new agreement starts from; `{applicant}` and `{respondent}` are filled from the case. */
export interface AgreementTemplate {
  dispute: string;
  clauses: string[];
  performance: string[];
}

interface CategoryWording {
  dispute: string;
  clauses: string[];
}

const zhCategories: Record<DisputeCategory, CategoryWording> = {
  neighbourhood: {
    dispute: '申请人{applicant}与被申请人{respondent}系相邻关系，因通行、采光、排水或噪声等相邻事项发生纠纷，经人民调解委员会调解，双方陈述了各自的事实和理由。',
    clauses: ['被申请人于约定期限内消除妨碍，恢复原状。', '双方今后相互尊重，依法行使相邻权利，不再就本事项发生争执。'],
  },
  family: {
    dispute: '申请人{applicant}与被申请人{respondent}系家庭成员，因赡养、抚养、财产分割或共同生活事项发生纠纷。',
    clauses: ['双方就赡养（抚养）费用的数额及支付方式达成一致。', '双方相互尊重，和睦相处，共同履行家庭义务。'],
  },
  'property-management': {
    dispute: '申请人{applicant}与被申请人{respondent}因物业服务、物业费或公共部位使用发生纠纷。',
    clauses: ['被申请人补缴所欠物业服务费，申请人减免相应滞纳金。', '申请人于约定期限内完成相关维修并向被申请人书面告知。'],
  },
  'road-traffic': {
    dispute: '申请人{applicant}与被申请人{respondent}因道路交通事故造成的人身损害和财产损失赔偿发生纠纷。交通管理部门已出具事故认定。',
    clauses: ['被申请人一次性赔偿申请人医疗费、误工费、交通费、车辆维修费等各项损失共计人民币＿＿元。', '赔偿款付清后，双方就本次事故再无其他纠纷。'],
  },
  medical: {
    dispute: '申请人{applicant}与被申请人{respondent}因诊疗活动引起的损害赔偿发生纠纷。',
    clauses: ['被申请人一次性补偿申请人人民币＿＿元。', '申请人收到款项后不再以本次诊疗事项向被申请人主张任何权利。'],
  },
  labour: {
    dispute: '申请人{applicant}与被申请人{respondent}因劳动报酬、经济补偿或工伤待遇发生纠纷。',
    clauses: ['被申请人支付申请人拖欠的劳动报酬人民币＿＿元。', '双方劳动关系于＿＿年＿＿月＿＿日解除，被申请人为申请人办理相关手续。'],
  },
  tourism: {
    dispute: '申请人{applicant}与被申请人{respondent}因旅游服务合同履行发生纠纷。',
    clauses: ['被申请人退还申请人旅游费用人民币＿＿元。', '双方就本次旅游服务合同再无其他争议。'],
  },
  consumer: {
    dispute: '申请人{applicant}与被申请人{respondent}因购买商品或接受服务的质量问题发生纠纷。',
    clauses: ['被申请人为申请人退（换）货，或退还货款人民币＿＿元。', '双方就本次消费事项再无其他争议。'],
  },
  other: {
    dispute: '申请人{applicant}与被申请人{respondent}因＿＿事项发生纠纷。',
    clauses: ['双方就争议事项达成如下一致意见：＿＿。'],
  },
};

const enCategories: Record<DisputeCategory, CategoryWording> = {
  neighbourhood: {
    dispute: 'The applicant {applicant} and the respondent {respondent} are neighbours. A dispute arose over access, light, drainage or noise; both stated their facts and reasons before the committee.',
    clauses: ['The respondent removes the obstruction and restores the previous state within the agreed time.', 'Both parties exercise their rights as neighbours lawfully and will not dispute this matter again.'],
  },
  family: {
    dispute: 'The applicant {applicant} and the respondent {respondent} are family members in dispute over support, care, division of property or life together.',
    clauses: ['The parties agree on the amount of support and how it is paid.', 'The parties respect each other and share their family duties.'],
  },
  'property-management': {
    dispute: 'The applicant {applicant} and the respondent {respondent} are in dispute over property services, fees or the use of common parts.',
    clauses: ['The respondent pays the outstanding service fees; the applicant waives the late charges.', 'The applicant completes the repairs within the agreed time and informs the respondent in writing.'],
  },
  'road-traffic': {
    dispute: 'The applicant {applicant} and the respondent {respondent} are in dispute over compensation for injury and damage from a road traffic accident, on which the traffic authority has issued its finding.',
    clauses: ['The respondent pays the applicant a single sum of RMB ____ for medical costs, lost earnings, transport and vehicle repair.', 'Once paid, the parties have no further claims over this accident.'],
  },
  medical: {
    dispute: 'The applicant {applicant} and the respondent {respondent} are in dispute over compensation for harm in the course of medical treatment.',
    clauses: ['The respondent pays the applicant a single sum of RMB ____.', 'Once paid, the applicant makes no further claim against the respondent over this treatment.'],
  },
  labour: {
    dispute: 'The applicant {applicant} and the respondent {respondent} are in dispute over wages, severance or work-injury benefits.',
    clauses: ['The respondent pays the applicant outstanding wages of RMB ____.', 'The employment ends on ____; the respondent completes the formalities for the applicant.'],
  },
  tourism: {
    dispute: 'The applicant {applicant} and the respondent {respondent} are in dispute over the performance of a travel services contract.',
    clauses: ['The respondent refunds RMB ____ of the travel price to the applicant.', 'The parties have no further dispute over this travel contract.'],
  },
  consumer: {
    dispute: 'The applicant {applicant} and the respondent {respondent} are in dispute over the quality of goods bought or services received.',
    clauses: ['The respondent takes back or replaces the goods, or refunds RMB ____.', 'The parties have no further dispute over this purchase.'],
  },
  other: {
    dispute: 'The applicant {applicant} and the respondent {respondent} are in dispute over ____.',
    clauses: ['The parties agree as follows on the matter in dispute: ____.'],
  },
};

const performance: Record<AgreementLanguage, string[]> = {
  'zh-CN': [
    '上述款项于＿＿年＿＿月＿＿日前以银行转账方式一次性付清。',
    '本协议自各方当事人签名、人民调解员签名并加盖人民调解委员会印章之日起生效，各方当事人应当按照约定履行。',
  ],
  en: [
    'The sums above are paid in full by bank transfer before ____.',
    'This agreement takes effect when every party and the mediator have signed and the committee has sealed it; each party performs it as agreed.',
  ],
};

/** The template of a dispute category in one language, with the parties' names filled in. */
export function agreementTemplate(
  category: DisputeCategory,
  language: AgreementLanguage,
  names: { applicant: string; respondent: string },
): AgreementTemplate {
  const wording = (language === 'zh-CN' ? zhCategories : enCategories)[category];
  const fill = (text: string) => text.replaceAll('{applicant}', names.applicant).replaceAll('{respondent}', names.respondent);
  return { dispute: fill(wording.dispute), clauses: wording.clauses.map(fill), performance: performance[language] };
}

import type { AgreementLanguage, DisputeCategory } from '@mediation/shared';

/** The wording a new agreement starts from; `{applicant}` and `{respondent}` are filled from the case. */
export interface AgreementTemplate {
  dispute: string;
  clauses: string[];
  performance: string[];
}

/**
 * What a category's dispute usually holds, with a blank (＿＿ or ____) for each fact only
 * the mediator knows: the freeze checklist lists every blank left. Where a category does
 * not say which side owes what (an owner can apply against the property company or the
 * other way round), the text names the side by what it is, not by applicant or respondent.
 */
const wordings: Record<AgreementLanguage, Record<DisputeCategory, AgreementTemplate>> = {
  'zh-CN': {
    neighbourhood: {
      dispute: '申请人{applicant}与被申请人{respondent}系相邻关系人，因＿＿（通行、采光、排水、噪声等）相邻事项发生纠纷。经人民调解委员会调解，双方陈述了各自的事实和理由，自愿达成如下协议。',
      clauses: [
        '＿＿于＿＿年＿＿月＿＿日前完成以下事项：＿＿（排除妨碍、恢复原状的具体内容），所需费用由＿＿承担。',
        '双方今后相互尊重，依法行使相邻权利，不再就本事项发生争执。',
      ],
      performance: ['上述事项完成后，完成一方告知另一方，另一方于三日内到场确认；对是否完成有争议的，可以再次申请人民调解委员会调解。'],
    },
    family: {
      dispute: '申请人{applicant}与被申请人{respondent}系＿＿关系，因赡养、抚养、扶养、财产分割或共同生活事项发生纠纷。经人民调解委员会调解，双方自愿达成如下协议。',
      clauses: [
        '＿＿自＿＿年＿＿月起每月向＿＿支付赡养（抚养、扶养）费人民币＿＿元，于每月＿＿日前付清。',
        '双方相互尊重，和睦相处，共同履行家庭义务。',
      ],
      performance: ['上述费用以银行转账方式支付至收款一方指定的账户；情况发生变化的，双方另行协商，协商不成的可以再次申请调解。'],
    },
    'property-management': {
      dispute: '申请人{applicant}与被申请人{respondent}因物业服务质量、物业服务费或共用部位使用发生纠纷。本协议中的业主为＿＿，物业服务企业为＿＿。经人民调解委员会调解，双方自愿达成如下协议。',
      clauses: [
        '业主补缴＿＿年＿＿月至＿＿年＿＿月的物业服务费共计人民币＿＿元；物业服务企业减免相应滞纳金。',
        '物业服务企业于＿＿年＿＿月＿＿日前完成＿＿（维修或整改事项），并书面告知业主。',
      ],
      performance: ['上述物业服务费于＿＿年＿＿月＿＿日前以银行转账方式支付至物业服务企业账户，物业服务企业收款后出具收据。'],
    },
    'road-traffic': {
      dispute: '申请人{applicant}与被申请人{respondent}因＿＿年＿＿月＿＿日发生的道路交通事故造成的人身损害和财产损失赔偿发生纠纷。公安机关交通管理部门已出具事故认定书。经人民调解委员会调解，双方自愿达成如下协议。',
      clauses: [
        '＿＿一次性赔偿＿＿医疗费、误工费、护理费、交通费、车辆维修费等各项损失共计人民币＿＿元（已垫付的人民币＿＿元计入其中）。',
        '赔偿款付清后，双方就本次事故再无其他纠纷。',
      ],
      performance: ['上述款项于＿＿年＿＿月＿＿日前以银行转账方式一次性付清。'],
    },
    medical: {
      dispute: '申请人{applicant}与被申请人{respondent}因＿＿年＿＿月＿＿日起的诊疗活动引起的损害赔偿发生纠纷。经人民调解委员会调解，双方自愿达成如下协议。',
      clauses: [
        '医疗机构一次性补偿患方人民币＿＿元。',
        '患方收到款项后，不再以本次诊疗事项向医疗机构及其医务人员主张任何权利。',
      ],
      performance: ['上述款项于＿＿年＿＿月＿＿日前以银行转账方式一次性付清。'],
    },
    labour: {
      dispute: '申请人{applicant}与被申请人{respondent}因劳动报酬、经济补偿或工伤待遇发生纠纷。本协议中的劳动者为＿＿，用人单位为＿＿。经人民调解委员会调解，双方自愿达成如下协议。',
      clauses: [
        '用人单位支付劳动者＿＿年＿＿月至＿＿年＿＿月的劳动报酬及经济补偿共计人民币＿＿元。',
        '双方劳动关系于＿＿年＿＿月＿＿日解除，用人单位于解除之日起十五日内为劳动者办理档案和社会保险关系转移手续。',
      ],
      performance: ['上述款项于＿＿年＿＿月＿＿日前以银行转账方式一次性付清。'],
    },
    tourism: {
      dispute: '申请人{applicant}与被申请人{respondent}因＿＿年＿＿月＿＿日起的旅游服务合同履行发生纠纷。经人民调解委员会调解，双方自愿达成如下协议。',
      clauses: [
        '旅游经营者退还旅游者旅游费用人民币＿＿元。',
        '双方就本次旅游服务合同再无其他争议。',
      ],
      performance: ['上述款项于＿＿年＿＿月＿＿日前以原支付方式或银行转账方式退还。'],
    },
    consumer: {
      dispute: '申请人{applicant}与被申请人{respondent}因购买的商品或接受的服务（＿＿）存在质量问题发生纠纷。经人民调解委员会调解，双方自愿达成如下协议。',
      clauses: [
        '经营者于＿＿年＿＿月＿＿日前为消费者＿＿（退货、换货、维修或退还价款人民币＿＿元）。',
        '双方就本次消费事项再无其他争议。',
      ],
      performance: ['涉及退款的，以原支付方式或银行转账方式退还；涉及退货的，运费由经营者承担。'],
    },
    other: {
      dispute: '申请人{applicant}与被申请人{respondent}因＿＿事项发生纠纷。经人民调解委员会调解，双方自愿达成如下协议。',
      clauses: ['双方就争议事项达成如下一致意见：＿＿。'],
      performance: ['上述约定于＿＿年＿＿月＿＿日前履行完毕。'],
    },
  },
  en: {
    neighbourhood: {
      dispute: 'The applicant {applicant} and the respondent {respondent} are neighbours. A dispute arose between them over ____ (access, light, drainage, noise or the like). Before the committee both stated their facts and reasons, and they agree of their own will as follows.',
      clauses: [
        '____ completes the following before ____: ____ (what is removed, cleared or restored). ____ bears the cost.',
        'Both parties exercise their rights as neighbours lawfully, respect each other and will not dispute this matter again.',
      ],
      performance: ['Once the work is done, the party who did it tells the other, who confirms it on site within three days; a disagreement over whether it is done may be brought to the committee again.'],
    },
    family: {
      dispute: 'The applicant {applicant} and the respondent {respondent} are family members (____) in dispute over support, care, division of property or life together. Through the committee’s mediation they agree of their own will as follows.',
      clauses: [
        'From ____, ____ pays ____ RMB ____ a month towards support, before day ____ of each month.',
        'The parties respect each other, live in harmony and share their family duties.',
      ],
      performance: ['The support is paid by bank transfer into the account the receiving party names. If circumstances change, the parties agree anew and may ask the committee to mediate again.'],
    },
    'property-management': {
      dispute: 'The applicant {applicant} and the respondent {respondent} are in dispute over property services, service fees or the use of common parts. In this agreement the owner is ____ and the property services company is ____. Through the committee’s mediation they agree of their own will as follows.',
      clauses: [
        'The owner pays the outstanding service fees from ____ to ____, RMB ____ in all; the property services company waives the late charges on them.',
        'The property services company completes ____ (the repairs or improvements) before ____ and tells the owner in writing.',
      ],
      performance: ['The service fees are paid by bank transfer into the property services company’s account before ____; the company gives a receipt.'],
    },
    'road-traffic': {
      dispute: 'The applicant {applicant} and the respondent {respondent} are in dispute over compensation for injury and damage from a road traffic accident on ____, on which the traffic police have issued their finding. Through the committee’s mediation they agree of their own will as follows.',
      clauses: [
        '____ pays ____ a single sum of RMB ____ for medical costs, lost earnings, nursing, transport and vehicle repair, including RMB ____ already advanced.',
        'Once paid, the parties have no further claims over this accident.',
      ],
      performance: ['The sum is paid in full by bank transfer before ____.'],
    },
    medical: {
      dispute: 'The applicant {applicant} and the respondent {respondent} are in dispute over compensation for harm in the course of medical treatment from ____. Through the committee’s mediation they agree of their own will as follows.',
      clauses: [
        'The medical institution pays the patient’s side a single sum of RMB ____.',
        'Once paid, the patient’s side makes no further claim over this treatment against the institution or its staff.',
      ],
      performance: ['The sum is paid in full by bank transfer before ____.'],
    },
    labour: {
      dispute: 'The applicant {applicant} and the respondent {respondent} are in dispute over wages, severance or work-injury benefits. In this agreement the worker is ____ and the employer is ____. Through the committee’s mediation they agree of their own will as follows.',
      clauses: [
        'The employer pays the worker wages and severance for ____ to ____, RMB ____ in all.',
        'The employment ends on ____; within fifteen days the employer transfers the worker’s personnel file and social insurance.',
      ],
      performance: ['The sum is paid in full by bank transfer before ____.'],
    },
    tourism: {
      dispute: 'The applicant {applicant} and the respondent {respondent} are in dispute over the performance of a travel services contract for a trip from ____. Through the committee’s mediation they agree of their own will as follows.',
      clauses: [
        'The travel operator refunds RMB ____ of the travel price to the traveller.',
        'The parties have no further dispute over this travel contract.',
      ],
      performance: ['The refund is paid before ____, the way the price was paid or by bank transfer.'],
    },
    consumer: {
      dispute: 'The applicant {applicant} and the respondent {respondent} are in dispute over the quality of goods bought or services received (____). Through the committee’s mediation they agree of their own will as follows.',
      clauses: [
        'Before ____, the business ____ (takes back, replaces or repairs the goods, or refunds RMB ____) for the consumer.',
        'The parties have no further dispute over this purchase.',
      ],
      performance: ['A refund is paid the way the price was paid or by bank transfer; the business bears the cost of returning goods.'],
    },
    other: {
      dispute: 'The applicant {applicant} and the respondent {respondent} are in dispute over ____. Through the committee’s mediation they agree of their own will as follows.',
      clauses: ['The parties agree as follows on the matter in dispute: ____.'],
      performance: ['What is agreed above is carried out before ____.'],
    },
  },
};

/** How every agreement ends: when it takes effect, court confirmation, and the electronic copies. */
const closing: Record<AgreementLanguage, string[]> = {
  'zh-CN': [
    '本协议自各方当事人签名、人民调解员签名并加盖人民调解委员会印章之日起生效，具有法律约束力，各方当事人应当按照约定履行。',
    '双方当事人可以自本协议生效之日起三十日内共同向人民法院申请司法确认。',
    '本协议以电子形式签署，各方当事人和人民调解委员会各持一份效力相同的电子文本。',
  ],
  en: [
    'This agreement takes effect when every party and the mediator have signed it and the committee has sealed it; it binds the parties in law, and each performs it as agreed.',
    'Within thirty days of its taking effect, the parties may jointly apply to the people’s court to confirm it.',
    'This agreement is signed electronically; each party and the committee hold an electronic copy of equal force.',
  ],
};

/** The template of a dispute category in one language, with the parties' names filled in. */
export function agreementTemplate(
  category: DisputeCategory,
  language: AgreementLanguage,
  names: { applicant: string; respondent: string },
): AgreementTemplate {
  const wording = wordings[language][category];
  const fill = (text: string) => text.replaceAll('{applicant}', names.applicant).replaceAll('{respondent}', names.respondent);
  return {
    dispute: fill(wording.dispute),
    clauses: wording.clauses.map(fill),
    performance: [...wording.performance, ...closing[language]].map(fill),
  };
}

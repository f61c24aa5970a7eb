import type { AgreementLanguage, DisputeCategory } from '@mediation/shared';

/** The wording a new agreement starts from; `{applicant}` and `{respondent}` are filled from the case. */
export interface AgreementTemplate {
  dispute: string;
  clauses: string[];
  performance: string[];
}

/**
 * What a category's dispute usually holds, with a blank (____) for each fact only
 * the mediator knows: the freeze checklist lists every blank left. Where a category does
 * not say which side owes what (an owner can apply against the property company or the
 * other way round), the text names the side by what it is, not by applicant or respondent.
 */
const wordings: Record<AgreementLanguage, Record<DisputeCategory, AgreementTemplate>> = {
  'zh-CN': {
    neighbourhood: {
      dispute: '申请人{applicant}与被申请人{respondent}系相邻关系人，因____（通行、采光、排水、噪声等）相邻事项发生纠纷。主要事实及各方责任：____。',
      clauses: [
        '____于____年____月____日前完成以下事项：____（排除妨碍、恢复原状的具体内容），所需费用由____承担。',
        '双方今后相互尊重，依法行使相邻权利，不再就本事项发生争执。',
      ],
      performance: ['上述事项完成后，完成一方告知另一方，另一方于三日内到场确认；对是否完成有争议的，可以再次申请人民调解委员会调解。'],
    },
    family: {
      dispute: '申请人{applicant}与被申请人{respondent}系____关系，因赡养、抚养、扶养、财产分割或共同生活事项发生纠纷。主要事实及各方责任：____。',
      clauses: [
        '____自____年____月起每月向____支付____费（赡养费、抚养费或扶养费）人民币____元，于每月____日前付清。',
        '双方就____（财产分割或共同生活事项）约定如下：____。',
        '双方相互尊重，和睦相处，共同履行家庭义务，不再就本事项发生争执。',
      ],
      performance: ['上述费用以银行转账方式支付至收款一方指定的账户；情况发生变化的，双方另行协商，协商不成的可以再次申请调解。'],
    },
    'property-management': {
      dispute: '申请人{applicant}与被申请人{respondent}因物业服务质量、物业服务费或共用部位使用发生纠纷。本协议中的业主为____，物业服务企业为____。主要事实及各方责任：____。',
      clauses: [
        '业主补缴____年____月至____年____月的物业服务费共计人民币____元；物业服务企业减免相应滞纳金人民币____元。',
        '物业服务企业于____年____月____日前完成____（维修或整改事项），并书面告知业主。',
        '双方就本次物业服务纠纷再无其他争议。',
      ],
      performance: ['上述物业服务费于____年____月____日前以银行转账方式支付至物业服务企业账户，物业服务企业收款后出具收据。'],
    },
    'road-traffic': {
      dispute: '申请人{applicant}与被申请人{respondent}因____年____月____日发生的道路交通事故造成的人身损害和财产损失赔偿发生纠纷。事故责任认定情况：____。主要事实：____。',
      clauses: [
        '____一次性赔偿____医疗费、误工费、护理费、交通费、车辆维修费等各项损失共计人民币____元（已垫付的人民币____元计入其中）。',
        '保险理赔事宜由____办理，另一方予以配合。',
        '赔偿款付清后，双方就本次事故再无其他纠纷。',
      ],
      performance: ['上述款项于____年____月____日前以银行转账方式一次性付清。'],
    },
    medical: {
      dispute: '申请人{applicant}与被申请人{respondent}因____年____月____日起的诊疗活动引起的损害赔偿发生纠纷。本协议中的患方为____，医疗机构为____。主要事实及各方责任：____。',
      clauses: [
        '医疗机构一次性赔偿患方人民币____元。',
        '患方收到款项后，不再以本次诊疗事项向医疗机构及其医务人员主张任何权利。',
      ],
      performance: ['上述款项于____年____月____日前以银行转账方式一次性付清。'],
    },
    labour: {
      dispute: '申请人{applicant}与被申请人{respondent}因劳动报酬、经济补偿或工伤待遇发生纠纷。本协议中的劳动者为____，用人单位为____。主要事实及各方责任：____。',
      clauses: [
        '用人单位支付劳动者____年____月至____年____月拖欠的劳动报酬人民币____元。',
        '用人单位支付劳动者经济补偿（或工伤待遇）人民币____元。',
        '劳动关系____（继续履行，或于____年____月____日解除；解除的，用人单位于十五日内为劳动者办理档案和社会保险关系转移手续）。',
      ],
      performance: ['上述款项于____年____月____日前以银行转账方式一次性付清。'],
    },
    tourism: {
      dispute: '申请人{applicant}与被申请人{respondent}因____年____月____日起的旅游服务合同履行发生纠纷。本协议中的旅游者为____，旅游经营者为____。主要事实及各方责任：____。',
      clauses: [
        '旅游经营者向旅游者退还旅游费用或支付赔偿共计人民币____元。',
        '双方就本次旅游服务合同再无其他争议。',
      ],
      performance: ['上述款项于____年____月____日前以原支付方式或银行转账方式退还。'],
    },
    consumer: {
      dispute: '申请人{applicant}与被申请人{respondent}因购买的商品或接受的服务（____）存在质量问题发生纠纷。本协议中的消费者为____，经营者为____。主要事实及各方责任：____。',
      clauses: [
        '经营者于____年____月____日前为消费者办理：____（退货、换货、维修或退款，退款的写明金额）。',
        '双方就本次消费事项再无其他争议。',
      ],
      performance: ['涉及退款的，以原支付方式或银行转账方式退还；涉及退货的，运费由经营者承担。'],
    },
    other: {
      dispute: '申请人{applicant}与被申请人{respondent}因____事项发生纠纷。主要事实及各方责任：____。',
      clauses: ['双方就争议事项达成如下一致意见：____。'],
      performance: ['上述约定于____年____月____日前履行完毕。'],
    },
  },
  en: {
    neighbourhood: {
      dispute: 'The applicant {applicant} and the respondent {respondent} are neighbours in dispute over ____ (access, light, drainage, noise or the like). The main facts and each party’s responsibility: ____.',
      clauses: [
        '____ shall complete the following before ____: ____ (what is removed, cleared or restored). ____ shall bear the cost.',
        'The parties shall exercise their rights as neighbours lawfully, respect each other and not dispute this matter again.',
      ],
      performance: ['Once the work is done, the party who did it shall tell the other, who shall confirm it on site within three days; a disagreement over whether it is done may be brought to the committee again.'],
    },
    family: {
      dispute: 'The applicant {applicant} and the respondent {respondent} are family members (____) in dispute over the support of a parent, child or spouse, the division of property or life together. The main facts and each party’s responsibility: ____.',
      clauses: [
        'From ____ (month), ____ shall pay ____ a monthly allowance of RMB ____ for ____ (the parent’s, child’s or spouse’s support), before day ____ of each month.',
        'On ____ (the property or life together), the parties agree as follows: ____.',
        'The parties shall respect each other, live in harmony, share their family duties and not dispute this matter again.',
      ],
      performance: ['The allowance shall be paid by bank transfer into the account the receiving party names. If circumstances change, the parties shall agree anew and may ask the committee to mediate again.'],
    },
    'property-management': {
      dispute: 'The applicant {applicant} and the respondent {respondent} are in dispute over property services, service fees or the use of common parts. In this agreement the owner is ____ and the property services company is ____. The main facts and each party’s responsibility: ____.',
      clauses: [
        'The owner shall pay the outstanding service fees for the months ____ to ____, RMB ____ in all; the property services company waives RMB ____ of late charges on them.',
        'The property services company shall complete ____ (the repairs or improvements) before ____ and tell the owner in writing.',
        'The parties have no further dispute over these property services.',
      ],
      performance: ['The service fees shall be paid by bank transfer into the property services company’s account before ____; the company shall give a receipt.'],
    },
    'road-traffic': {
      dispute: 'The applicant {applicant} and the respondent {respondent} are in dispute over compensation for injury and damage from a road traffic accident on ____. The traffic police’s determination of liability: ____. The main facts: ____.',
      clauses: [
        '____ shall pay ____ a single sum of RMB ____ for medical costs, lost earnings, nursing, transport and vehicle repair, including RMB ____ already advanced.',
        '____ shall make the insurance claims; the other party shall help as needed.',
        'Once the sum is paid, the parties have no further claims over this accident.',
      ],
      performance: ['The sum shall be paid in full by bank transfer before ____.'],
    },
    medical: {
      dispute: 'The applicant {applicant} and the respondent {respondent} are in dispute over compensation for harm in the course of medical treatment that began on ____. In this agreement the patient’s party is ____ and the medical institution is ____. The main facts and each party’s responsibility: ____.',
      clauses: [
        'The medical institution shall pay the patient’s party a single sum of RMB ____ in compensation.',
        'Once paid, the patient’s party shall make no further claim over this treatment against the institution or its staff.',
      ],
      performance: ['The sum shall be paid in full by bank transfer before ____.'],
    },
    labour: {
      dispute: 'The applicant {applicant} and the respondent {respondent} are in dispute over wages, severance or work-injury benefits. In this agreement the worker is ____ and the employer is ____. The main facts and each party’s responsibility: ____.',
      clauses: [
        'The employer shall pay the worker the wages owed for the months ____ to ____, RMB ____.',
        'The employer shall pay the worker RMB ____ in severance (or work-injury benefits).',
        'The employment ____ (continues, or ends on ____; if it ends, the employer shall transfer the worker’s personnel file and social insurance within fifteen days).',
      ],
      performance: ['The sums shall be paid in full by bank transfer before ____.'],
    },
    tourism: {
      dispute: 'The applicant {applicant} and the respondent {respondent} are in dispute over the performance of a travel services contract for a trip that began on ____. In this agreement the traveller is ____ and the travel operator is ____. The main facts and each party’s responsibility: ____.',
      clauses: [
        'The travel operator shall refund or pay the traveller RMB ____ in all.',
        'The parties have no further dispute over this travel contract.',
      ],
      performance: ['The sum shall be paid before ____, the way the price was paid or by bank transfer.'],
    },
    consumer: {
      dispute: 'The applicant {applicant} and the respondent {respondent} are in dispute over the quality of goods bought or services received (____). In this agreement the consumer is ____ and the business is ____. The main facts and each party’s responsibility: ____.',
      clauses: [
        'Before ____, the business shall ____ for the consumer (take back, replace or repair the goods, or refund them; a refund names its sum).',
        'The parties have no further dispute over this purchase.',
      ],
      performance: ['A refund shall be paid the way the price was paid or by bank transfer; the business shall bear the cost of returning goods.'],
    },
    other: {
      dispute: 'The applicant {applicant} and the respondent {respondent} are in dispute over ____. The main facts and each party’s responsibility: ____.',
      clauses: ['The parties agree as follows on the matter in dispute: ____.'],
      performance: ['What is agreed above shall be carried out before ____.'],
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
    'This agreement takes effect when every party and the mediator have signed it and the committee has sealed it; it binds the parties in law, and each shall perform it as agreed.',
    'Within thirty days of its taking effect, the parties may jointly apply to the people’s court for judicial confirmation of it.',
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

import { CANONICAL_AGREEMENT_FORMAT, agreementHash, type CanonicalAgreement, type CanonicalNode } from '@mediation/shared';
import { PNG } from 'pngjs';
import { chainAuditEntry } from '../../server/src/audit/chain-audit-entry.js';
import type { AuditEntry, AuditEntryInput } from '../../server/src/audit/audit-entry.js';
import type { AgreementPdfInput, AgreementPdfSignature } from '../../server/src/signing/pdf/agreement-pdf-input.js';

export const FIXTURE_COMMITTEE = '城东街道人民调解委员会';
export const FIXTURE_CLAUSE = '李强于本协议签订之日起十日内一次性赔偿王芳维修费人民币叁仟元整（¥3,000.00）';

const paragraph = (...runs: CanonicalNode[]): CanonicalNode => ({ type: 'paragraph', content: runs });
const text = (value: string, bold = false): CanonicalNode => ({ text: value, ...(bold && { marks: [{ type: 'bold' }] }) });
const list = (type: 'bulletList' | 'orderedList', items: string[]): CanonicalNode => ({
  type,
  ...(type === 'orderedList' && { attrs: { start: 1 } }),
  content: items.map((item) => ({ type: 'listItem', content: [paragraph(text(item))] })),
});

/** An agreement of about two pages, in Chinese, with bold runs, lists and a hard break. */
export function fixtureAgreement(): CanonicalAgreement {
  return {
    format: CANONICAL_AGREEMENT_FORMAT,
    header: {
      committee: FIXTURE_COMMITTEE,
      caseNumber: '东调字〔2026〕第17号',
      title: '邻里漏水纠纷',
      category: 'neighbourhood',
      language: 'zh-CN',
      mediator: '陈明',
    },
    parties: [
      { name: '王芳', role: 'applicant', details: '女，1978年5月出生，汉族，身份证号码 5301**********1234，住昆明市盘龙区东城路1号楼302室，电话 138****5678' },
      { name: '李强', role: 'respondent', details: '男，1985年11月出生，汉族，身份证号码 5301**********5678，住昆明市盘龙区东城路1号楼402室，电话 139****4321' },
      { name: '赵律师', role: 'representative', details: '云南某某律师事务所律师，被申请人李强的委托代理人' },
    ],
    dispute: [
      paragraph(
        text('2026年1月以来，被申请人李强家中卫生间防水层老化，多次漏水，造成申请人王芳家卫生间及客厅天花板'),
        text('大面积霉变、墙皮脱落', true),
        text('。申请人多次与被申请人协商未果，于2026年2月20日向本委员会申请调解。'),
      ),
      paragraph(
        text('本委员会受理后，于2026年3月2日组织双方进行在线视频调解。调解员查看了现场照片和维修报价单，听取了双方陈述，'),
        text('释明了相邻关系的有关法律规定'),
        text('，双方在平等自愿的基础上达成如下协议。'),
      ),
    ],
    clauses: [
      { number: 1, body: [paragraph(text(FIXTURE_CLAUSE), text('，款项转入王芳指定的银行账户。'))] },
      {
        number: 2,
        body: [
          paragraph(text('李强负责在2026年4月15日前修复自家卫生间防水层，修复工作包括：')),
          list('bulletList', ['拆除并重做卫生间地面防水层', '更换老化的下水管道接口', '修复完成后进行不少于48小时的闭水试验']),
        ],
      },
      { number: 3, body: [paragraph(text('闭水试验期间，王芳应配合李强及维修人员进入其住所查看天花板渗水情况。'))] },
      {
        number: 4,
        body: [
          paragraph(text('如修复后一年内再次发生漏水，'), text('李强应承担全部维修费用', true), text('，并按以下顺序处理：')),
          list('orderedList', ['李强在接到通知后三日内安排维修', '维修费用凭发票据实结算', '双方协商不成的，可再次申请调解或依法向人民法院起诉']),
        ],
      },
      { number: 5, body: [paragraph(text('王芳收到全部赔偿款后，不再就本次漏水事件向李强主张其他任何权利。'))] },
      { number: 6, body: [paragraph(text('双方今后应本着互谅互让、和睦相处的原则处理相邻关系，不得因本纠纷采取过激行为。'))] },
      { number: 7, body: [paragraph(text('本协议自双方当事人签名、人民调解员签名并加盖人民调解委员会印章之日起生效。'))] },
      {
        number: 8,
        body: [
          paragraph(
            text('本协议一式三份，双方当事人各执一份，人民调解委员会留存一份。双方当事人认为有必要的，可以自本协议生效之日起三十日内共同向人民法院申请司法确认。'),
          ),
        ],
      },
    ],
    performance: [
      paragraph(
        text('赔偿款于2026年3月15日前一次性支付；'),
        { type: 'hardBreak', content: [] },
        text('防水修复于2026年4月15日前完成，闭水试验于完成后三日内进行。'),
      ),
      paragraph(text('任何一方不履行本协议的，另一方可以请求本委员会督促履行，或者依法向人民法院提起诉讼。')),
    ],
  };
}

/**
 * A drawn signature as a browser canvas gives it: RGBA, a dark stroke with soft edges on
 * a transparent background. `seed` varies the stroke so each signer's looks different.
 */
export function fixtureSignaturePng(seed: number, width = 480, height = 160): Buffer {
  const png = new PNG({ width, height });
  for (let x = 20; x < width - 20; x++) {
    const centre = height / 2 + Math.sin((x + seed * 37) / (18 + seed * 3)) * (height / 4) + Math.cos(x / 11) * 6;
    for (let y = 0; y < height; y++) {
      const distance = Math.abs(y - centre);
      const alpha = distance < 2 ? 255 : distance < 4 ? Math.round(255 * (4 - distance) / 2) : 0;
      if (alpha === 0) continue;
      const i = (y * width + x) * 4;
      png.data[i] = 20;
      png.data[i + 1] = 30;
      png.data[i + 2] = 90;
      png.data[i + 3] = Math.max(png.data[i + 3]!, alpha);
    }
  }
  return PNG.sync.write(png);
}

const fingerprint = (seed: number) => Array.from({ length: 64 }, (_, i) => ((seed * 7 + i * 13) % 16).toString(16)).join('');

export function fixtureSignatures(): AgreementPdfSignature[] {
  const signer = (participantId: string, name: string, role: AgreementPdfSignature['role'], minute: number, seed: number): AgreementPdfSignature => ({
    participantId,
    name,
    typedName: name,
    role,
    signedAt: `2026-03-02T06:${String(minute).padStart(2, '0')}:05.000Z`,
    image: fixtureSignaturePng(seed),
    publicKeyFingerprint: fingerprint(seed),
    ...(role !== 'mediator' && {
      identity: { documentType: 'resident-id-card', numberLastDigits: String(1233 + seed), attestedBy: '陈明', attestedAt: '2026-03-02T06:20:05.000Z' },
    }),
  });
  return [
    signer('p-applicant', '王芳', 'applicant', 24, 1),
    signer('p-respondent', '李强', 'respondent', 26, 2),
    signer('p-representative', '赵律师', 'representative', 28, 3),
    signer('p-mediator', '陈明', 'mediator', 29, 4),
  ];
}

/** The audit log of a case from template to the last signature: 20 entries, hash-chained as the store writes them. */
export function fixtureAudit(): AuditEntry[] {
  const mediator = { participantId: 'p-mediator', name: '陈明', role: 'mediator' as const, ip: '203.0.113.17', device: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36' };
  const applicant = { participantId: 'p-applicant', name: '王芳', role: 'applicant' as const, ip: '198.51.100.23', device: 'Mozilla/5.0 (Linux; Android 14; ALN-AL00) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.47' };
  const respondent = { participantId: 'p-respondent', name: '李强', role: 'respondent' as const, ip: '2001:db8:85a3::8a2e:370:7334', device: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1' };
  const representative = { participantId: 'p-representative', name: '赵律师', role: 'representative' as const, ip: '192.0.2.44', device: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Safari/537.36 Edg/125.0' };
  const agreementHash = fingerprint(99);
  const frozen = { version: 3, agreementHash, openItems: [], overrideReason: null };
  const comment = '赔偿金额需要再商量，维修报价单上的人工费偏高，希望能按市场价重新核算。';
  const events: (Omit<AuditEntryInput, 'caseId' | 'at'>)[] = [
    { actor: mediator, type: 'agreement.started-from-template', data: { category: 'neighbourhood', language: 'zh-CN' } },
    { actor: applicant, type: 'agreement.clause-marked', data: { clauseId: 'clause-1', mark: 'object', comment, clauseHash: fingerprint(1) } },
    { actor: mediator, type: 'agreement.version-saved', data: { versionId: 'v-1', number: 1, name: '第一稿', hash: fingerprint(2) } },
    { actor: respondent, type: 'agreement.clause-marked', data: { clauseId: 'clause-2', mark: 'agree', comment: '', clauseHash: fingerprint(3) } },
    { actor: mediator, type: 'drafting.party-editing-changed', data: { allowed: true } },
    { actor: respondent, type: 'agreement.clause-marked', data: { clauseId: 'clause-1', mark: 'object', comment, clauseHash: fingerprint(4) } },
    { actor: mediator, type: 'agreement.version-saved', data: { versionId: 'v-2', number: 2, name: '第二稿', hash: fingerprint(5) } },
    { actor: applicant, type: 'agreement.clause-marked', data: { clauseId: 'clause-1', mark: 'agree', comment: '', clauseHash: fingerprint(6) } },
    { actor: mediator, type: 'agreement.version-saved', data: { versionId: 'v-3', number: 3, name: '定稿', hash: agreementHash } },
    { actor: mediator, type: 'agreement.frozen', data: frozen },
    ...[applicant, respondent, representative].map((person, index) => ({
      actor: mediator,
      type: 'signing.identity-attested' as const,
      data: { participantId: person.participantId, participantName: person.name, documentType: 'resident-id-card' as const, numberLastDigits: String(1234 + index), alias: null },
    })),
    ...[applicant, respondent, representative].flatMap((person, index) => [
      { actor: person, type: 'signing.consented' as const, data: { ...frozen, statement: 'consent/1' as const } },
      {
        actor: person,
        type: 'signing.signed' as const,
        data: { ...frozen, typedName: person.name, publicKeyFingerprint: fingerprint(index + 1), signatureImageSha256: fingerprint(index + 50) },
      },
    ]),
    {
      actor: mediator,
      type: 'signing.signed',
      data: { ...frozen, typedName: mediator.name, publicKeyFingerprint: fingerprint(4), signatureImageSha256: fingerprint(54) },
    },
  ];
  const entries: AuditEntry[] = [];
  events.forEach((event, index) => {
    const at = new Date(Date.UTC(2026, 2, 2, 6, 10 + index, 5)).toISOString();
    entries.push(chainAuditEntry({ caseId: 'case-1', at, ...event } as AuditEntryInput, entries.at(-1)));
  });
  return entries;
}

export function fixtureAgreementPdfInput(): AgreementPdfInput {
  const agreement = fixtureAgreement();
  return {
    documentNumber: 'MA-2026-000123',
    agreement,
    agreementHash: agreementHash(agreement),
    version: 3,
    committeeName: FIXTURE_COMMITTEE,
    signatures: fixtureSignatures(),
    audit: fixtureAudit(),
    verifyUrl: 'https://mediation.example.cn/verify/MA-2026-000123',
    issuedAt: '2026-03-02T06:30:00.000Z',
  };
}

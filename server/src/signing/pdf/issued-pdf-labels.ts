import { agreementLabels, identityDocumentLabels, type AgreementLanguage, type IdentityDocumentType, type Role } from '@mediation/shared';
import type { AuditActor, AuditEventType } from '../../audit/audit-entry.js';

/** The wording the issued PDF adds around the agreement's own text, in the agreement's language. */
export interface IssuedPdfLabels {
  documentNumber: string;
  version: (n: number) => string;
  /** Chinese text takes full-width parentheses with no space before them, English the other way. */
  inParentheses: (text: string) => string;
  /** Between a label and its value. */
  separator: string;
  agreementHash: string;
  page: (n: number, of: number) => string;
  /** Roles the agreement's own labels leave out, and `service` for what the service did itself. */
  roles: Partial<Record<AuditActor['role'], string>>;
  signedAt: string;
  typedName: string;
  identity: (documentType: string, lastDigits: string, attestedBy: string) => string;
  identityDocuments: Record<IdentityDocumentType, string>;
  signerKey: string;
  seal: (committee: string) => string;
  date: (isoTime: string) => string;
  scanToVerify: string;
  auditTitle: string;
  auditIntro: string;
  auditFields: { actor: string; from: string; hash: string; previousHash: string };
  auditTypes: Record<AuditEventType, string>;
  hashesTitle: string;
  auditChainHead: string;
  auditEntries: string;
  digitalSignature: string;
  certificate: (subject: string, issuer: string) => string;
  certificateFingerprint: string;
  issuedAt: string;
  verifyAddress: string;
  /** The time zone every time on the PDF is shown in. */
  timeZoneNote: string;
  /** Between two sentences: Chinese runs them on, English leaves a space. */
  sentenceSeparator: string;
}

/** A role as the agreement names it (its own labels first, then the PDF's for the other roles). */
export function roleLabel(language: AgreementLanguage, role: AuditActor['role']): string {
  return (role in agreementLabels[language].roles && agreementLabels[language].roles[role as Role]) || issuedPdfLabels[language].roles[role] || role;
}

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** "2026-03-05 14:03:12" in Beijing time (China keeps UTC+8 all year): no locale data involved. */
export function beijingTime(isoTime: string): string {
  return new Date(Date.parse(isoTime) + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

function beijingDate(isoTime: string): { year: number; month: number; day: number } {
  const date = new Date(Date.parse(isoTime) + BEIJING_OFFSET_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export const issuedPdfLabels: Record<AgreementLanguage, IssuedPdfLabels> = {
  'zh-CN': {
    documentNumber: '文书编号',
    version: (n) => `第 ${n} 版`,
    inParentheses: (text) => `（${text}）`,
    separator: '：',
    agreementHash: '协议 SHA-256',
    page: (n, of) => `第 ${n} 页 / 共 ${of} 页`,
    roles: { interpreter: '翻译人员', observer: '列席人员', service: '调解平台', account: '委员会工作人员', visitor: '访客' },
    signedAt: '签署时间',
    typedName: '签署姓名',
    identity: (type, digits, by) => `身份核验：${type}尾号 ${digits}，由 ${by} 核验`,
    identityDocuments: identityDocumentLabels['zh-CN'],
    signerKey: '签署密钥指纹',
    seal: (committee) => `${committee}（盖章）`,
    date: (iso) => {
      const { year, month, day } = beijingDate(iso);
      return `${year} 年 ${month} 月 ${day} 日`;
    },
    scanToVerify: '扫描二维码或访问以下地址核验本协议书的真实性：',
    auditTitle: '审计记录',
    auditIntro:
      '以下为与本协议书有关的全部操作记录，按发生顺序排列。每条记录包含前一条记录的哈希值，任何记录被修改、删除或调换顺序都会使其后的哈希链断裂。',
    auditFields: { actor: '操作人', from: '来源', hash: '哈希', previousHash: '前一哈希' },
    auditTypes: {
      'case.created': '创建案件',
      'case.links-issued': '发出参会链接',
      'case.scheduled': '安排调解时间',
      'case.outcome-recorded': '登记调解结果',
      'case.status-changed': '案件状态变更',
      'session.joined': '进入调解室',
      'session.left': '离开调解室',
      'lobby.admitted': '准许进入调解室',
      'lobby.turned-away': '拒绝进入调解室',
      'room.lock-changed': '锁定或解锁调解室',
      'participant.removed': '移出调解室并停用其链接',
      'session.ended': '结束调解会话',
      'caucus.opened': '开始单独会谈（背对背调解）',
      'caucus.moved': '进入或离开单独会谈',
      'caucus.closed': '结束单独会谈',
      'participant.link-revoked': '停用参会链接',
      'participant.link-reissued': '重新发出参会链接',
      'participant.muted': '调解员关闭其麦克风或摄像头',
      'participant.unmute-allowed': '调解员允许其重新开启',
      'participant.screen-share-allowed': '调解员允许其共享屏幕',
      'participant.screen-share-withdrawn': '调解员收回其共享屏幕权限',
      'drafting.party-editing-changed': '更改当事人编辑权限',
      'agreement.started-from-template': '从模板起草协议',
      'agreement.clause-marked': '标记条款',
      'agreement.version-saved': '保存协议版本',
      'agreement.frozen': '冻结协议文本',
      'agreement.unfrozen': '解除冻结，已有签名作废',
      'signing.identity-attested': '核验身份',
      'signing.consented': '确认同意签署',
      'signing.signed': '签署协议',
      'agreement.issued': '出具协议书',
      'agreement.downloaded': '下载协议书',
      'agreement.verified': '核验协议书',
    },
    hashesTitle: '校验信息',
    auditChainHead: '审计链末条哈希',
    auditEntries: '审计记录条数',
    digitalSignature: '数字签名',
    certificate: (subject, issuer) => `证书主体 ${subject}，签发者 ${issuer}`,
    certificateFingerprint: '证书 SHA-256 指纹',
    issuedAt: '出具时间',
    verifyAddress: '核验地址',
    timeZoneNote: '本文书所载时间均为北京时间（UTC+8）。',
    sentenceSeparator: '',
  },
  en: {
    documentNumber: 'Document No.',
    version: (n) => `version ${n}`,
    inParentheses: (text) => ` (${text})`,
    separator: ': ',
    agreementHash: 'Agreement SHA-256',
    page: (n, of) => `Page ${n} of ${of}`,
    roles: { interpreter: 'Interpreter', observer: 'Observer', service: 'Mediation service', account: 'Committee staff', visitor: 'Visitor' },
    signedAt: 'Signed at',
    typedName: 'Typed name',
    identity: (type, digits, by) => `Identity checked by ${by}: ${type} ending ${digits}`,
    identityDocuments: identityDocumentLabels.en,
    signerKey: 'Signing key fingerprint',
    seal: (committee) => `${committee} (seal)`,
    date: (iso) => {
      const { year, month, day } = beijingDate(iso);
      return `${day} ${MONTHS[month - 1]} ${year}`;
    },
    scanToVerify: 'Scan the QR code or open this address to check that this agreement is authentic:',
    auditTitle: 'Audit trail',
    auditIntro:
      'Every recorded action on this agreement, in the order it happened. Each entry holds the hash of the one before it: changing, removing or reordering any entry breaks the chain after it.',
    auditFields: { actor: 'By', from: 'From', hash: 'Hash', previousHash: 'Previous' },
    auditTypes: {
      'case.created': 'Case created',
      'case.links-issued': 'Join links issued',
      'case.scheduled': 'Session scheduled',
      'case.outcome-recorded': 'Outcome recorded',
      'case.status-changed': 'Case status changed',
      'session.joined': 'Joined the room',
      'session.left': 'Left the room',
      'lobby.admitted': 'Let into the room',
      'lobby.turned-away': 'Turned away from the room',
      'room.lock-changed': 'Room locked or unlocked',
      'participant.removed': 'Removed from the room, link withdrawn',
      'session.ended': 'Session ended for everyone',
      'caucus.opened': 'Private session opened',
      'caucus.moved': 'Moved between the main room and a private session',
      'caucus.closed': 'Private session closed',
      'participant.link-revoked': 'Join link withdrawn',
      'participant.link-reissued': 'Join link issued anew',
      'participant.muted': 'Muted by the mediator',
      'participant.unmute-allowed': 'Allowed to unmute',
      'participant.screen-share-allowed': 'Allowed to share their screen',
      'participant.screen-share-withdrawn': 'Screen sharing withdrawn',
      'drafting.party-editing-changed': 'Party editing changed',
      'agreement.started-from-template': 'Agreement started from a template',
      'agreement.clause-marked': 'Clause marked',
      'agreement.version-saved': 'Agreement version saved',
      'agreement.frozen': 'Agreement text frozen',
      'agreement.unfrozen': 'Agreement unfrozen, signatures voided',
      'signing.identity-attested': 'Identity attested',
      'signing.consented': 'Consented to sign',
      'signing.signed': 'Signed',
      'agreement.issued': 'Agreement issued',
      'agreement.downloaded': 'Agreement downloaded',
      'agreement.verified': 'Agreement verified',
    },
    hashesTitle: 'Verification data',
    auditChainHead: 'Last audit entry hash',
    auditEntries: 'Audit entries',
    digitalSignature: 'Digital signature',
    certificate: (subject, issuer) => `Certificate ${subject}, issued by ${issuer}`,
    certificateFingerprint: 'Certificate SHA-256 fingerprint',
    issuedAt: 'Issued at',
    verifyAddress: 'Verify at',
    timeZoneNote: 'All times are Beijing time (UTC+8).',
    sentenceSeparator: ' ',
  },
};

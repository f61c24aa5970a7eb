import type { AgreementLanguage, CaseStatus, ClauseMarkKind, DisputeCategory } from '@mediation/shared';
import { beijingTime } from './issued-pdf-labels.js';

/** How the audit page words each kind of entry's data, in the agreement's language. */
export interface AuditDataLabels {
  caseCreated: (caseNumber: string, category: string, people: string) => string;
  linksIssued: (count: number) => string;
  /** `at`: an ISO time, shown in Beijing time like every time of the document. */
  scheduled: (at: string) => string;
  outcome: (outcome: string, note: string) => string;
  statusChanged: (from: string, to: string, cause: 'room-opened' | 'agreement-issued') => string;
  caseStatuses: Record<CaseStatus, string>;
  left: Record<'left' | 'connection-lost' | 'service-stopped', string>;
  partyEditing: (allowed: boolean) => string;
  locked: (locked: boolean) => string;
  movedTo: (name: string, toMainRoom: boolean) => string;
  source: (name: string, source: 'microphone' | 'camera') => string;
  template: (category: string, language: string) => string;
  clauseMarked: (clause: string | null, mark: ClauseMarkKind, comment: string) => string;
  versionSaved: (number: number, name: string, hash: string) => string;
  frozen: (version: number, hash: string, openItems: number, reason: string | null) => string;
  unfrozen: (version: number, voided: number) => string;
  identity: (name: string, documentType: string, digits: string, alias: string | null) => string;
  consented: (version: number) => string;
  signed: (version: number, typedName: string) => string;
  documentNumber: (documentNumber: string) => string;
  verified: (documentNumber: string, method: 'number' | 'upload', verdict: 'authentic' | 'tampered') => string;
  categories: Record<DisputeCategory, string>;
  languages: Record<AgreementLanguage, string>;
  /** Between the items of a list (of people). */
  listSeparator: string;
}

/** A hash cut to what a reader compares at a glance; the log keeps it whole. */
const short = (hash: string) => `${hash.slice(0, 16)}…`;

export const auditDataLabels: Record<AgreementLanguage, AuditDataLabels> = {
  'zh-CN': {
    caseCreated: (number, category, people) => `案件编号 ${number}；纠纷类别：${category}；参与人：${people}`,
    linksIssued: (count) => `为 ${count} 人发出参会链接`,
    scheduled: (at) => `调解时间：${beijingTime(at).slice(0, 16)}`,
    outcome: (outcome, note) => `结果：${outcome}${note ? `；说明：${note}` : ''}`,
    statusChanged: (from, to, cause) => `${from} → ${to}（${cause === 'room-opened' ? '调解室已开启' : '协议书已出具'}）`,
    caseStatuses: { intake: '已受理', scheduled: '已排期', 'in-session': '调解中', settled: '调解成功', 'not-settled': '调解不成', withdrawn: '已撤回' },
    left: { left: '主动离开', 'connection-lost': '连接中断', 'service-stopped': '平台停止服务' },
    partyEditing: (allowed) => (allowed ? '允许当事人编辑' : '停止当事人编辑'),
    locked: (locked) => (locked ? '锁定调解室，不再接纳新人员' : '解除锁定'),
    movedTo: (name, toMainRoom) => (toMainRoom ? `${name} 回到调解室` : `${name} 进入单独会谈`),
    source: (name, source) => `${name}：${source === 'microphone' ? '麦克风' : '摄像头'}`,
    template: (category, language) => `纠纷类别：${category}；协议语言：${language}`,
    clauseMarked: (clause, mark, comment) => `${clause ?? '条款'}：${mark === 'agree' ? '同意' : '异议'}${comment ? `；意见：${comment}` : ''}`,
    versionSaved: (number, name, hash) => `第 ${number} 版“${name}”；SHA-256 ${short(hash)}`,
    frozen: (version, hash, openItems, reason) =>
      `第 ${version} 版；SHA-256 ${short(hash)}${openItems > 0 ? `；锁定时仍有 ${openItems} 项未处理，理由：${reason ?? ''}` : ''}`,
    unfrozen: (version, voided) => `第 ${version} 版解除锁定；作废签名 ${voided} 个`,
    identity: (name, type, digits, alias) => `${name}：${type}，尾号 ${digits}${alias ? `；其他文字姓名：${alias}` : ''}`,
    consented: (version) => `同意签署第 ${version} 版`,
    signed: (version, typedName) => `签署第 ${version} 版；签署姓名：${typedName}`,
    documentNumber: (number) => `文书编号 ${number}`,
    verified: (number, method, verdict) =>
      `文书编号 ${number}；${method === 'upload' ? '上传文件核验' : '按编号查询'}；结果：${verdict === 'authentic' ? '真实' : '已被改动'}`,
    categories: {
      neighbourhood: '邻里纠纷',
      family: '婚姻家庭纠纷',
      'property-management': '物业纠纷',
      'road-traffic': '道路交通事故纠纷',
      medical: '医疗纠纷',
      labour: '劳动争议',
      tourism: '旅游纠纷',
      consumer: '消费纠纷',
      other: '其他纠纷',
    },
    languages: { 'zh-CN': '中文', en: '英文' },
    listSeparator: '、',
  },
  en: {
    caseCreated: (number, category, people) => `case ${number}; category: ${category}; invited: ${people}`,
    linksIssued: (count) => `join links issued to ${count} ${count === 1 ? 'person' : 'people'}`,
    scheduled: (at) => `session at ${beijingTime(at).slice(0, 16)}`,
    outcome: (outcome, note) => `outcome: ${outcome}${note ? `; note: ${note}` : ''}`,
    statusChanged: (from, to, cause) => `${from} → ${to} (${cause === 'room-opened' ? 'the room opened' : 'the agreement was issued'})`,
    caseStatuses: { intake: 'intake', scheduled: 'scheduled', 'in-session': 'in session', settled: 'settled', 'not-settled': 'not settled', withdrawn: 'withdrawn' },
    left: { left: 'left', 'connection-lost': 'connection lost', 'service-stopped': 'the service stopped' },
    partyEditing: (allowed) => (allowed ? 'parties may edit' : 'parties may no longer edit'),
    locked: (locked) => (locked ? 'nobody new may come in' : 'unlocked'),
    movedTo: (name, toMainRoom) => (toMainRoom ? `${name} back in the main room` : `${name} into a private session`),
    source: (name, source) => `${name}: ${source}`,
    template: (category, language) => `category: ${category}; language: ${language}`,
    clauseMarked: (clause, mark, comment) => `${clause ?? 'a clause'}: ${mark === 'agree' ? 'agrees' : 'objects'}${comment ? `; comment: ${comment}` : ''}`,
    versionSaved: (number, name, hash) => `version ${number} “${name}”; SHA-256 ${short(hash)}`,
    frozen: (version, hash, openItems, reason) =>
      `version ${version}; SHA-256 ${short(hash)}${openItems > 0 ? `; frozen with ${openItems} item(s) open, because: ${reason ?? ''}` : ''}`,
    unfrozen: (version, voided) => `version ${version} unfrozen; ${voided} signature(s) voided`,
    identity: (name, type, digits, alias) => `${name}: ${type} ending ${digits}${alias ? `; name in another script: ${alias}` : ''}`,
    consented: (version) => `consents to sign version ${version}`,
    signed: (version, typedName) => `signed version ${version} as ${typedName}`,
    documentNumber: (number) => `document ${number}`,
    verified: (number, method, verdict) =>
      `document ${number}; ${method === 'upload' ? 'a file checked' : 'its number looked up'}; ${verdict === 'authentic' ? 'authentic' : 'altered'}`,
    categories: {
      neighbourhood: 'neighbourhood',
      family: 'marriage and family',
      'property-management': 'property management',
      'road-traffic': 'road traffic accident',
      medical: 'medical',
      labour: 'labour',
      tourism: 'tourism',
      consumer: 'consumer',
      other: 'other',
    },
    languages: { 'zh-CN': 'Chinese', en: 'English' },
    listSeparator: ', ',
  },
};

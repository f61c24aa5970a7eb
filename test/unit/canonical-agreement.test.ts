import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addClause,
  agreementHash,
  agreementParts,
  agreementText,
  canonicalAgreement,
  clauseHash,
  createPartyMap,
  paragraphElement,
  readClauses,
} from '@mediation/shared';

function draftAgreement(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    const parts = agreementParts(doc);
    for (const [key, value] of Object.entries({
      committee: '城东街道人民调解委员会',
      caseNumber: '东调字〔2026〕第17号',
      title: '邻里漏水纠纷',
      category: 'neighbourhood',
      language: 'zh-CN',
      mediator: '陈明',
    })) {
      parts.header.set(key, value);
    }
    parts.parties.insert(0, [
      createPartyMap({ participantId: 'p1', name: '王芳', role: 'applicant', details: '住东城区1号楼302' }),
      createPartyMap({ participantId: 'p2', name: '李强', role: 'respondent', details: '住东城区1号楼402' }),
    ]);
    parts.dispute.insert(0, [paragraphElement('楼上卫生间漏水，造成楼下天花板受损。')]);
    parts.performance.insert(0, [paragraphElement('于2026年12月31日前付清。')]);
  });
  addClause(doc, undefined, ['李强赔偿王芳维修费人民币3000元。']);
  addClause(doc, undefined, ['双方再无其他纠纷。']);
  return doc;
}

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function firstClauseText(doc: Y.Doc): Y.XmlText {
  return (readClauses(doc)[0]!.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

describe('the canonical agreement', () => {
  it('is the same, with the same hash, on replicas that made concurrent edits and then synced', () => {
    const origin = draftAgreement();
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, Y.encodeStateAsUpdate(origin));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(origin));

    firstClauseText(a).insert(2, '（一次性）');
    firstClauseText(b).format(0, 2, { bold: {} });
    firstClauseText(b).insert(4, '王');
    addClause(b, 1, ['维修由李强负责联系。']);
    sync(a, b);

    expect(canonicalAgreement(a)).toEqual(canonicalAgreement(b));
    expect(agreementHash(canonicalAgreement(a))).toBe(agreementHash(canonicalAgreement(b)));
    expect(agreementHash(canonicalAgreement(a))).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalAgreement(a).clauses).toHaveLength(3);
  });

  it('survives a reload from the stored state unchanged', () => {
    const doc = draftAgreement();
    firstClauseText(doc).format(0, 2, { bold: {} });
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, Y.encodeStateAsUpdate(doc));
    expect(agreementHash(canonicalAgreement(reloaded))).toBe(agreementHash(canonicalAgreement(doc)));
    expect(agreementText(canonicalAgreement(reloaded))).toBe(agreementText(canonicalAgreement(doc)));
  });

  it('does not depend on how a run of equally formatted text was typed', () => {
    const typedAtOnce = new Y.Doc();
    const typedInPieces = new Y.Doc();
    for (const doc of [typedAtOnce, typedInPieces]) agreementParts(doc).dispute.insert(0, [paragraphElement('')]);
    const textOf = (doc: Y.Doc) => (agreementParts(doc).dispute.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    textOf(typedAtOnce).insert(0, 'abcdef', { bold: {} });
    textOf(typedInPieces).insert(0, 'abc', { bold: {} });
    textOf(typedInPieces).insert(3, 'def', { bold: {} });
    expect(canonicalAgreement(typedInPieces)).toEqual(canonicalAgreement(typedAtOnce));
  });

  it('changes with any change of text, formatting, order of clauses or party details', () => {
    const doc = draftAgreement();
    const hashes = new Set([agreementHash(canonicalAgreement(doc))]);
    firstClauseText(doc).insert(0, ' ');
    hashes.add(agreementHash(canonicalAgreement(doc)));
    firstClauseText(doc).format(0, 3, { italic: {} });
    hashes.add(agreementHash(canonicalAgreement(doc)));
    const clauses = agreementParts(doc).clauses;
    const first = clauses.get(0).clone();
    clauses.delete(0, 1);
    clauses.push([first]);
    hashes.add(agreementHash(canonicalAgreement(doc)));
    agreementParts(doc).parties.get(0).set('details', '身份证号后四位 1234');
    hashes.add(agreementHash(canonicalAgreement(doc)));
    expect(hashes.size).toBe(5);
  });

  it('gives each clause a hash that changes with its own text only', () => {
    const doc = draftAgreement();
    const [first, second] = readClauses(doc);
    const before = [clauseHash(first!.body), clauseHash(second!.body)];
    firstClauseText(doc).insert(0, '甲方');
    expect(clauseHash(first!.body)).not.toBe(before[0]);
    expect(clauseHash(second!.body)).toBe(before[1]);
  });

  it('reads as numbered clauses under the headings of the agreement language', () => {
    const text = agreementText(canonicalAgreement(draftAgreement()));
    expect(text).toContain('人民调解协议书');
    expect(text).toContain('第1条 李强赔偿王芳维修费人民币3000元。');
    expect(text).toContain('第2条 双方再无其他纠纷。');
    expect(text).toContain('申请人: 王芳 (住东城区1号楼302)');
  });
});

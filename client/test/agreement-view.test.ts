import { addClause, agreementParts, createPartyMap, Role } from '@mediation/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { labelSeparator, readAgreementView } from '../src/drafting/agreement-view';

describe('readAgreementView', () => {
  it('reads an agreement nobody has started as empty, in Chinese', () => {
    const view = readAgreementView(new Y.Doc());
    expect(view).toMatchObject({ empty: true, language: 'zh-CN', parties: [], clauses: [] });
  });

  it('reads the header, the parties with the maps their details go into, and the clauses in order', () => {
    const doc = new Y.Doc();
    const parts = agreementParts(doc);
    parts.header.set('language', 'en');
    parts.header.set('caseNumber', 'T-1');
    parts.parties.insert(0, [createPartyMap({ participantId: 'p1', name: 'Applicant A', role: Role.applicant, details: '' })]);
    const first = addClause(doc, undefined, ['First.']);
    const second = addClause(doc, undefined, ['Second.']);

    const view = readAgreementView(doc);
    expect(view.empty).toBe(false);
    expect(view.language).toBe('en');
    expect(view.header.caseNumber).toBe('T-1');
    expect(view.clauses.map((clause) => clause.id)).toEqual([first, second]);
    view.parties[0]!.map.set('details', 'Kunming');
    expect(readAgreementView(doc).parties[0]!.party).toEqual({ participantId: 'p1', name: 'Applicant A', role: 'applicant', details: 'Kunming' });
  });
});

describe('labelSeparator', () => {
  it('is a full-width colon in a Chinese agreement and a colon and space in an English one', () => {
    expect(labelSeparator('zh-CN')).toBe('：');
    expect(labelSeparator('en')).toBe(': ');
  });
});
